const SP = 0x20;
const TAB = 0x09;
const CR = 0x0d;

/** The word scan pairs byte i with byte i + 1 by shifting, which holds for little-endian words. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * True at a spot relaxed body canonicalization (RFC 6376 3.4.4) must rewrite: a TAB, or an SP
 * followed by SP, TAB or CR (a run of WSP, or WSP at the end of a line).
 */
function dirtyAt(buf: Uint8Array, i: number): boolean {
  const c = buf[i];
  if (c === TAB) return true;
  if (c !== SP) return false;
  const d = buf[i + 1];
  return d === SP || d === TAB || d === CR;
}

function scanBytes(buf: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) if (dirtyAt(buf, i)) return i;
  return -1;
}

/**
 * The first position at or after `from` where relaxed canonicalization changes something, or -1.
 * Text has an SP every few bytes, so a native search for two-byte patterns stops at each one; this
 * tests four bytes at a time instead (SWAR: per-byte flags for "is SP", "is TAB", "is below 0x21"),
 * and checks bytes one by one only in flagged words. The flags may have false positives (a borrow
 * into the next byte), never false negatives; each flagged word is checked exactly.
 */
export function nextRelaxedSpot(buf: Buffer, from: number): number {
  const end = buf.length;
  if (!LITTLE_ENDIAN || end - from < 16) return scanBytes(buf, from, end);
  const base = buf.byteOffset;
  // Bytes up to a 4-byte boundary of the underlying memory, then whole words, then the tail.
  const first = from + ((4 - ((base + from) & 3)) & 3);
  const head = scanBytes(buf, from, first);
  if (head >= 0) return head;
  const count = (end - first) >> 2;
  const words = new Int32Array(buf.buffer, base + first, count);
  let carry = first > from && buf[first - 1] === SP ? 0x80 : 0;
  for (let k = 0; k < count; k++) {
    const x = words[k] as number;
    const s = x ^ 0x20202020;
    const t = x ^ 0x09090909;
    const isSp = ((s - 0x01010101) | 0) & ~s & 0x80808080;
    const isTab = ((t - 0x01010101) | 0) & ~t & 0x80808080;
    const isLow = ((x - 0x21212121) | 0) & ~x & 0x80808080;
    if (((isSp & (isLow >>> 8)) | isTab | (carry & isLow)) !== 0) {
      const at = first + 4 * k;
      // The SP ending the previous word pairs with this word's first byte.
      if (at > from && dirtyAt(buf, at - 1)) return at - 1;
      const hit = scanBytes(buf, at, at + 4);
      if (hit >= 0) return hit;
    }
    carry = (isSp >>> 24) & 0x80;
  }
  const tail = first + 4 * count;
  if (tail > from && dirtyAt(buf, tail - 1)) return tail - 1;
  return scanBytes(buf, tail, end);
}
