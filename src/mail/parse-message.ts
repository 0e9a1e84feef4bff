import { parseAddressList, type Mailbox } from './address.ts';
import { fieldValue, makeHeaderField, type HeaderField } from './header-field.ts';
import { hasBareLf, lfToCrlf } from './line-endings.ts';
import { resolveMessageLimits, type MessageLimits } from './limits.ts';

/** Something wrong with the message itself; protocols turn it into a permerror with this text. */
export interface MessageProblem {
  code: 'header-too-large' | 'too-many-header-fields' | 'header-without-colon' | 'nul-in-header';
  message: string;
}

/** The From mailbox, or why there is not exactly one (RFC 5322 3.6.2, DMARC RFC 7489 6.6.1). */
export type FromResult =
  { ok: true; mailbox: Mailbox; address: string; domain: string } | { ok: false; reason: string };

/** A message as bytes: header fields with their raw bytes, the body untouched. */
export interface RawMessage {
  /** The message as processed (CRLF line ends; see {@link parseMessage}). */
  readonly bytes: Buffer;
  /** Header fields, top to bottom. Empty when a limit was passed. */
  readonly headers: readonly HeaderField[];
  /** The body (everything after the blank line), a view into `bytes`. */
  readonly body: Buffer;
  /** True when LF-only input was converted to CRLF. */
  readonly lineEndsConverted: boolean;
  /** A limit that was passed: the headers were not read and verifiers must permerror. */
  readonly limitExceeded: MessageProblem | null;
  /** Malformed but survivable input (colonless lines, NUL bytes in the header). */
  readonly problems: readonly MessageProblem[];
  /** The bottom-most field with this name (case-insensitive), as DKIM `h=` selects (RFC 6376 5.4.2). */
  get(name: string): HeaderField | undefined;
  /** Every field with this name, top to bottom. */
  getAll(name: string): HeaderField[];
  /** The body in chunks of at most `size` bytes (views, no copy). */
  bodyChunks(size?: number): Generator<Buffer>;
  /** The one From mailbox, or why there is not exactly one. */
  fromAddress(): FromResult;
  /** The From domain (A-label), or why there is none. */
  fromDomain(): { ok: true; domain: string } | { ok: false; reason: string };
}

/**
 * Reads a message from bytes, never decoding them. LF-only input (a Unix file) is converted to CRLF
 * as an MTA would on submission, when the header block has bare LFs; a CRLF message is left alone,
 * bare LFs in its body included, because those are the bytes its signer saw.
 * @example const msg = parseMessage(readFileSync('a.eml')); msg.get('from')?.rawText
 */
export function parseMessage(
  input: Buffer | Uint8Array,
  limits?: Partial<MessageLimits>,
): RawMessage {
  const lim = resolveMessageLimits(limits);
  let bytes = Buffer.isBuffer(input)
    ? input
    : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  bytes = skipMboxPostmark(bytes);
  let headerEnd = headerBlockEnd(bytes);
  const converted = hasBareLf(bytes.subarray(0, headerEnd.end));
  if (converted) {
    bytes = lfToCrlf(bytes);
    headerEnd = headerBlockEnd(bytes);
  }
  const body = bytes.subarray(headerEnd.bodyStart);
  const problems: MessageProblem[] = [];
  let limitExceeded: MessageProblem | null = null;
  let headers: HeaderField[] = [];
  if (headerEnd.end > lim.maxHeaderBytes) {
    limitExceeded = {
      code: 'header-too-large',
      message: `the header block is ${headerEnd.end} bytes; the limit is ${lim.maxHeaderBytes}`,
    };
  } else {
    headers = splitFields(bytes.subarray(0, headerEnd.end), problems);
    if (headers.length > lim.maxHeaderFields) {
      limitExceeded = {
        code: 'too-many-header-fields',
        message: `the message has ${headers.length} header fields; the limit is ${lim.maxHeaderFields}`,
      };
      headers = [];
    }
  }
  return new ParsedMessage(bytes, headers, body, converted, limitExceeded, problems);
}

/** Drops an mbox "From sender date" first line: files saved from mail folders often carry one. */
function skipMboxPostmark(bytes: Buffer): Buffer {
  if (!(bytes[0] === 0x46 && bytes[4] === 0x20 && bytes.toString('latin1', 0, 5) === 'From ')) {
    return bytes;
  }
  const nl = bytes.indexOf(0x0a);
  const line = bytes.toString('latin1', 0, nl < 0 ? bytes.length : nl);
  return line.includes(':') && !/^From \S+ +\w{3} /.test(line) ? bytes : bytes.subarray(nl + 1);
}

/**
 * Where the header block ends (before its final CRLF) and where the body starts: at the first
 * CRLF CRLF or LF LF. One native LF scan per header line, so the body is never scanned.
 */
function headerBlockEnd(bytes: Buffer): { end: number; bodyStart: number } {
  if (bytes[0] === 0x0d && bytes[1] === 0x0a) return { end: 0, bodyStart: 2 };
  if (bytes[0] === 0x0a) return { end: 0, bodyStart: 1 };
  let pos = 0;
  for (;;) {
    const nl = bytes.indexOf(0x0a, pos);
    if (nl < 0) return { end: bytes.length, bodyStart: bytes.length };
    const next = bytes[nl + 1];
    if (next === 0x0a) return { end: nl + 1, bodyStart: nl + 2 };
    if (next === 0x0d && bytes[nl + 2] === 0x0a && bytes[nl - 1] === 0x0d) {
      return { end: nl + 1, bodyStart: nl + 3 };
    }
    pos = nl + 1;
  }
}

/** Splits the header block (ending with CRLF) into fields; continuation lines start with WSP. */
function splitFields(block: Buffer, problems: MessageProblem[]): HeaderField[] {
  const fields: HeaderField[] = [];
  let start = 0;
  let pos = 0;
  while (pos < block.length) {
    let nl = block.indexOf(0x0a, pos);
    if (nl < 0) nl = block.length - 1;
    const next = block[nl + 1];
    if (next === 0x20 || next === 0x09) {
      pos = nl + 1;
      continue;
    }
    const lineEnd = nl > 0 && block[nl - 1] === 0x0d ? nl - 1 : nl;
    const raw = block.subarray(start, lineEnd);
    if (raw.length > 0) fields.push(makeHeaderField(raw, fields.length));
    start = pos = nl + 1;
  }
  for (const f of fields) {
    if (!f.hasColon) {
      problems.push({
        code: 'header-without-colon',
        message: `header line ${f.index + 1} ("${f.rawText.slice(0, 40)}") has no colon`,
      });
    }
  }
  if (block.includes(0)) {
    problems.push({ code: 'nul-in-header', message: 'the header block contains a NUL byte' });
  }
  return fields;
}

/**
 * The parsed message. A class rather than an object of closures: every verification parses one,
 * so its methods are shared, not created per message.
 */
class ParsedMessage implements RawMessage {
  constructor(
    readonly bytes: Buffer,
    readonly headers: readonly HeaderField[],
    readonly body: Buffer,
    readonly lineEndsConverted: boolean,
    readonly limitExceeded: MessageProblem | null,
    readonly problems: readonly MessageProblem[],
  ) {}

  get(name: string): HeaderField | undefined {
    const lower = name.toLowerCase();
    for (let i = this.headers.length - 1; i >= 0; i--) {
      const h = this.headers[i] as HeaderField;
      if (h.lowerName === lower) return h;
    }
    return undefined;
  }

  getAll(name: string): HeaderField[] {
    const lower = name.toLowerCase();
    return this.headers.filter((h) => h.lowerName === lower);
  }

  *bodyChunks(size = 64 * 1024): Generator<Buffer> {
    for (let i = 0; i < this.body.length; i += size) yield this.body.subarray(i, i + size);
  }

  fromAddress(): FromResult {
    const froms = this.getAll('from');
    if (froms.length === 0) return { ok: false, reason: 'the message has no From header field' };
    if (froms.length > 1) {
      return { ok: false, reason: `the message has ${froms.length} From header fields` };
    }
    const boxes = parseAddressList(fieldValue(froms[0] as HeaderField));
    if (boxes.length !== 1) {
      return {
        ok: false,
        reason:
          boxes.length === 0
            ? 'the From header field holds no address'
            : `the From header field holds ${boxes.length} addresses`,
      };
    }
    const mailbox = boxes[0] as Mailbox;
    if (mailbox.domain === null) {
      return { ok: false, reason: `the From address "${mailbox.address}" has no valid domain` };
    }
    return { ok: true, mailbox, address: mailbox.address, domain: mailbox.domain };
  }

  fromDomain(): { ok: true; domain: string } | { ok: false; reason: string } {
    const from = this.fromAddress();
    return from.ok ? { ok: true, domain: from.domain } : from;
  }
}
