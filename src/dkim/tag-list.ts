/** One tag of a tag list with where its value sits in the parsed text. */
export interface Tag {
  name: string;
  /** The value with surrounding whitespace removed (inner folding kept). */
  value: string;
  /** Offsets in the parsed text of the raw value (between `=` and `;` or the end, whitespace included). */
  start: number;
  end: number;
}

export type TagListResult = { ok: true; tags: Map<string, Tag> } | { ok: false; reason: string };

const TAG_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * Parses an RFC 6376 3.2 tag list (`a=b; c=d;`). Tag names are case-sensitive; a duplicate tag
 * makes the whole list invalid (3.2: "Tags with duplicate names MUST NOT occur"). Empty specs
 * (`;;`, trailing `;`) are tolerated.
 */
export function parseTagList(text: string): TagListResult {
  const tags = new Map<string, Tag>();
  let pos = 0;
  // Offsets are scanned in place (no per-spec slice): every DKIM verification parses a tag list.
  while (pos <= text.length) {
    let semi = text.indexOf(';', pos);
    if (semi < 0) semi = text.length;
    const first = skipSpace(text, pos, semi);
    if (first < semi) {
      const eq = text.indexOf('=', first);
      if (eq < 0 || eq > semi) {
        return { ok: false, reason: `"${clip(text.slice(pos, semi))}" is not a tag=value pair` };
      }
      const name = text.slice(first, trimEnd(text, first, eq));
      if (!TAG_NAME.test(name))
        return { ok: false, reason: `"${clip(name)}" is not a valid tag name` };
      if (tags.has(name)) return { ok: false, reason: `the tag ${name}= appears twice` };
      const vStart = skipSpace(text, eq + 1, semi);
      const value = text.slice(vStart, trimEnd(text, vStart, semi));
      tags.set(name, { name, value, start: eq + 1, end: semi });
    }
    pos = semi + 1;
  }
  return { ok: true, tags };
}

/** What String.prototype.trim() removes (key records may hold decoded text above Latin-1). */
function isSpace(c: number): boolean {
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0) return true;
  return c > 0xff && /\s/.test(String.fromCharCode(c));
}

function skipSpace(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isSpace(text.charCodeAt(i))) i++;
  return i;
}

function trimEnd(text: string, from: number, to: number): number {
  let i = to;
  while (i > from && isSpace(text.charCodeAt(i - 1))) i--;
  return i;
}

function clip(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}

/** Removes all folding whitespace (for base64 values: RFC 6376 3.5 allows FWS inside `b=`). */
export function stripWhitespace(value: string): string {
  return FWS.test(value) ? value.replace(FWS_RUNS, '') : value;
}

const FWS = /[ \t\r\n]/;
const FWS_RUNS = /[ \t\r\n]+/g;

/** Byte classes for base64 checks: 0 invalid, 1 alphabet (RFC 4648 4), 2 folding whitespace, 3 "=". */
const B64_CLASS = new Uint8Array(256);
for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') {
  B64_CLASS[ch.charCodeAt(0)] = 1;
}
for (const c of [0x20, 0x09, 0x0d, 0x0a]) B64_CLASS[c] = 2;
B64_CLASS[0x3d] = 3;

/** Strict base64 check after whitespace removal (RFC 6376 2.10 base64string). */
export function isBase64(value: string): boolean {
  const n = value.length;
  if (n % 4 !== 0) return false;
  let end = n;
  if (end > 0 && value.charCodeAt(end - 1) === 0x3d) end--;
  if (end > 0 && value.charCodeAt(end - 1) === 0x3d) end--;
  for (let i = 0; i < end; i++) {
    const c = value.charCodeAt(i);
    if (B64_CLASS[c] !== 1) return false;
  }
  return true;
}

/**
 * Decodes a base64 value that may contain folding whitespace (RFC 6376 3.5 `b=`, `bh=`), or
 * returns null when it is not strict base64 once the whitespace is ignored (2.10 base64string).
 * Validating in place avoids building a whitespace-free copy of every signature.
 */
export function decodeFoldedBase64(value: string): Buffer | null {
  // Checked on bytes, not characters: a byte loop is several times faster than charCodeAt on a
  // sliced string. Any non-ASCII character becomes bytes >= 0x80 in UTF-8, which are rejected.
  const bytes = Buffer.from(value, 'utf8');
  let n = 0;
  let pad = 0;
  for (let i = 0; i < bytes.length; i++) {
    const k = B64_CLASS[bytes[i] as number];
    if (k === 1) {
      if (pad > 0) return null;
      n++;
    } else if (k === 3) {
      if (++pad > 2) return null;
      n++;
    } else if (k !== 2) return null;
  }
  if (n % 4 !== 0) return null;
  // Node's decoder skips the whitespace that was allowed above.
  return Buffer.from(value, 'base64');
}
