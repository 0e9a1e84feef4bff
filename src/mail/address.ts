import { domainToASCII } from 'node:url';

/** One mailbox from an address list. */
export interface Mailbox {
  /** The display name, RFC 2047 encoded words decoded; empty when absent. */
  name: string;
  /** `local@domain` as written (comments and folding removed). */
  address: string;
  /** The domain as an A-label, lower-case (IDN converted), or null when it is not a valid name. */
  domain: string | null;
}

/**
 * Splits an RFC 5322 3.4 address list into mailboxes: display names, angle addresses, groups
 * (`team: a@x, b@y;`, members returned, group name dropped), comments (nested) and quoted strings.
 * Never throws; unparseable pieces are skipped.
 */
export function parseAddressList(text: string): Mailbox[] {
  const out: Mailbox[] = [];
  let phrase = '';
  let plain = '';
  let angle: string | null = null;
  let i = 0;
  const flush = () => {
    const address = (angle ?? plain).trim();
    if (address !== '') out.push(makeMailbox(angle === null ? '' : phrase.trim(), address));
    phrase = '';
    plain = '';
    angle = null;
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '(') {
      i = skipComment(text, i);
      continue;
    }
    if (c === '"') {
      const end = quotedEnd(text, i);
      const inner = text.slice(i + 1, end).replace(/\\(.)/g, '$1');
      phrase += inner;
      plain += text.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (c === '<') {
      const end = text.indexOf('>', i);
      angle = text.slice(i + 1, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end + 1;
      continue;
    }
    if (c === ':' && angle === null && !plain.includes('@')) {
      // A group name ends here; its members follow (RFC 5322 3.4 group).
      phrase = '';
      plain = '';
      i++;
      continue;
    }
    if (c === ',' || c === ';') {
      flush();
      i++;
      continue;
    }
    phrase += c;
    if (!/\s/.test(c)) plain += c;
    i++;
  }
  flush();
  return out;
}

function makeMailbox(name: string, address: string): Mailbox {
  const clean = address.replace(/\s+/g, '');
  const at = clean.lastIndexOf('@');
  return {
    name: decodeEncodedWords(name.replace(/\s+/g, ' ')),
    address: clean,
    domain: at > 0 ? asciiDomain(clean.slice(at + 1)) : null,
  };
}

/** IDN U-labels to A-labels (UTS #46), lower-case, no trailing dot; null for an invalid name. */
function asciiDomain(text: string): string | null {
  const trimmed = text.replace(/\.$/, '');
  if (trimmed === '' || trimmed.startsWith('[')) return null;
  const ascii = domainToASCII(trimmed);
  return ascii === '' ? null : ascii.toLowerCase();
}

function skipComment(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}

function quotedEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length;
}

/** Decodes RFC 2047 encoded words (`=?utf-8?B?...?=`, `=?iso-8859-1?Q?...?=`) in a display name. */
export function decodeEncodedWords(text: string): string {
  return text
    .replace(/(=\?[^?]+\?[bBqQ]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(
      /=\?([^?*]+)(?:\*[^?]*)?\?([bBqQ])\?([^?]*)\?=/g,
      (whole, charset: string, enc, data) => {
        const bytes =
          enc === 'b' || enc === 'B'
            ? Buffer.from(data, 'base64')
            : Buffer.from(
                data
                  .replace(/_/g, ' ')
                  .replace(/=([0-9a-fA-F]{2})/g, (_: string, h: string) =>
                    String.fromCharCode(parseInt(h, 16)),
                  ),
                'latin1',
              );
        try {
          return new TextDecoder(charset.toLowerCase()).decode(bytes);
        } catch {
          return whole;
        }
      },
    );
}
