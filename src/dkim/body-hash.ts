import { createHash, type Hash } from 'node:crypto';
import { hasBareLf, lfToCrlf } from '../mail/index.ts';
import { hasBareLfWasm } from './bare-lf-wasm.ts';
import { relaxedJs } from './relaxed-scan.ts';
import { relaxedWasm } from './relaxed-wasm.ts';
import type { Canon } from './signature.ts';

const PIECE = 64 * 1024;
const SP = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;

const CRLF_BYTES = Buffer.from('\r\n');

/** WebAssembly SIMD where the runtime has it, else JavaScript (same results). */
const relaxPiece = relaxedWasm ?? relaxedJs;
const bareLf = hasBareLfWasm ?? hasBareLf;

/** The result of hashing a body: digest and lengths in canonical bytes. */
export interface BodyHashResult {
  hash: Buffer;
  /** Length of the whole canonical body (to check `l=` against). */
  canonicalLength: number;
  /** Bytes that went into the hash (min of `l=` and `canonicalLength`). */
  hashedLength: number;
}

/**
 * Streams a body through DKIM body canonicalization (RFC 6376 3.4.3 simple, 3.4.4 relaxed) into a
 * hash, in bounded memory. Trailing whitespace and CRLFs of each piece are held back as counts until
 * more content shows they are not the end of the body (trailing empty lines are removed).
 * @example const h = new BodyHasher('relaxed', 'sha256', null); h.update(buf); h.digest().hash
 */
export class BodyHasher {
  private readonly hash: Hash;
  private readonly limit: number;
  private total = 0;
  private hashed = 0;
  /** Held back: CRLFs, whether WSP followed the last one (relaxed), a final lone CR. */
  private crlfs = 0;
  private wsp = false;
  private cr = false;

  constructor(
    private readonly canon: Canon,
    algorithm: 'sha256' | 'sha1',
    limit: number | null,
  ) {
    this.hash = createHash(algorithm);
    this.limit = limit ?? Number.POSITIVE_INFINITY;
  }

  /** Feeds the next bytes of the body. */
  update(chunk: Buffer): this {
    for (let i = 0; i < chunk.length; i += PIECE) this.piece(chunk.subarray(i, i + PIECE));
    return this;
  }

  /** Finishes: adds the final CRLF per the canonicalization and returns the digest. */
  digest(): BodyHashResult {
    if (this.cr) {
      this.flushHeld();
      this.emitText('\r');
    }
    // 3.4.3: simple turns an empty body into one CRLF; 3.4.4: relaxed leaves it empty.
    if (this.total > 0 || this.canon === 'simple') this.emitText('\r\n');
    return { hash: this.hash.digest(), canonicalLength: this.total, hashedLength: this.hashed };
  }

  private piece(input: Buffer): void {
    let buf = input;
    if (this.cr) {
      this.cr = false;
      if (buf[0] === LF) {
        this.crlfs++;
        this.wsp = false;
        buf = buf.subarray(1);
      } else {
        this.flushHeld();
        this.emitText('\r');
      }
    }
    // A bare LF ends a line as CRLF does (as an MTA would send it; mailauth and dkimpy agree).
    if (bareLf(buf)) buf = lfToCrlf(buf);
    const cut = this.contentEnd(buf);
    if (cut > 0) {
      const content = buf.subarray(0, cut);
      if (this.canon === 'simple') {
        this.flushHeld();
        this.emit(content);
      } else {
        this.relaxedContent(content);
      }
    }
    this.holdTail(buf, cut);
  }

  /** End of the piece without its trailing [WSP (relaxed)] / CRLF / final CR. */
  private contentEnd(buf: Buffer): number {
    let i = buf.length;
    if (i > 0 && buf[i - 1] === CR) i--;
    for (;;) {
      if (i > 0 && this.canon === 'relaxed' && (buf[i - 1] === SP || buf[i - 1] === TAB)) i--;
      else if (i > 1 && buf[i - 1] === LF && buf[i - 2] === CR) i -= 2;
      else return i;
    }
  }

  private holdTail(buf: Buffer, cut: number): void {
    for (let i = cut; i < buf.length; i++) {
      const c = buf[i];
      if (c === CR) {
        if (i + 1 < buf.length) {
          this.crlfs++;
          this.wsp = false;
          i++;
        } else this.cr = true;
      } else this.wsp = true;
    }
  }

  /**
   * Relaxed content (ends with a non-WSP byte). Base64 parts (no SP, no TAB) cost two native
   * scans and are hashed as they are; anything else is rewritten by {@link relaxPiece}.
   */
  private relaxedContent(content: Buffer): void {
    const pending = this.wsp;
    if (this.crlfs > 0) {
      this.emitText('\r\n'.repeat(this.crlfs));
      this.crlfs = 0;
    }
    this.wsp = false;
    if (!pending && content.indexOf(SP) < 0 && content.indexOf(TAB) < 0) this.emit(content);
    else this.emit(relaxPiece(content, pending));
  }

  private heldText(): string {
    return '\r\n'.repeat(this.crlfs) + (this.wsp ? ' ' : '');
  }

  private flushHeld(): void {
    if (this.crlfs === 0 && !this.wsp) return;
    // simple never holds WSP; relaxed turns a held run into one SP (3.4.4 b).
    this.emitText(this.heldText());
    this.crlfs = 0;
    this.wsp = false;
  }

  private emitText(text: string): void {
    if (text === '\r\n') {
      this.emit(CRLF_BYTES);
      return;
    }
    this.emit(Buffer.from(text, 'latin1'));
  }

  private emit(bytes: Uint8Array): void {
    this.total += bytes.length;
    const room = this.limit - this.hashed;
    if (room <= 0) return;
    const part = bytes.length <= room ? bytes : bytes.subarray(0, room);
    this.hash.update(part);
    this.hashed += part.length;
  }
}

/**
 * Hashes a whole body (a Buffer or chunks) with one canonicalization.
 * @example computeBodyHash(msg.body, 'relaxed', 'sha256').hash.toString('base64')
 */
export function computeBodyHash(
  body: Buffer | Iterable<Buffer>,
  canon: Canon,
  algorithm: 'sha256' | 'sha1',
  limit: number | null = null,
): BodyHashResult {
  const hasher = new BodyHasher(canon, algorithm, limit);
  if (Buffer.isBuffer(body)) hasher.update(body);
  else for (const chunk of body) hasher.update(chunk);
  return hasher.digest();
}
