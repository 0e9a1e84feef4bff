const SP = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;

/** The word scan pairs byte i with byte i + 1 by shifting, which holds for little-endian words. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** An SP followed by SP, TAB or CR: a run of WSP, or WSP before the end of a line. */
function pairAt(buf: Uint8Array, i: number): boolean {
  if (buf[i] !== SP) return false;
  const d = buf[i + 1];
  return d === SP || d === TAB || d === CR;
}

function scanPairs(buf: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) if (pairAt(buf, i)) return i;
  return -1;
}

/**
 * Finds, in one piece of body, the spots relaxed body canonicalization (RFC 6376 3.4.4) must
 * rewrite: a TAB, or an SP followed by SP, TAB or CR. Everything else is copied as it is.
 *
 * TABs are rare and found with a native byte search. An SP comes every few bytes of text, so a
 * native search for two-byte patterns would stop at each one; pairs are found four bytes at a time
 * instead (SWAR flags per byte for "is SP" and "is below 0x21"). The flags may have false positives
 * (a borrow into the next byte), never false negatives: each flagged word is checked byte by byte.
 */
export class RelaxedSpots {
  private readonly words: Int32Array | null;
  /** Index in `buf` of the first byte of `words[0]` (the first 4-byte boundary in memory). */
  private readonly first: number;
  private tab = -2;

  constructor(private readonly buf: Buffer) {
    this.first = (4 - (buf.byteOffset & 3)) & 3;
    const count = buf.length > this.first ? (buf.length - this.first) >> 2 : 0;
    this.words =
      LITTLE_ENDIAN && count > 0
        ? new Int32Array(buf.buffer, buf.byteOffset + this.first, count)
        : null;
  }

  /** The first spot at or after `from`, or -1. */
  next(from: number): number {
    if (this.tab !== -1 && this.tab < from) this.tab = this.buf.indexOf(TAB, from);
    const tab = this.tab;
    const pair = this.nextPair(from, tab < 0 ? this.buf.length : tab);
    return pair >= 0 ? pair : tab;
  }

  /** The first SP pair starting in [from, limit), or -1. */
  private nextPair(from: number, limit: number): number {
    const { buf, words, first } = this;
    if (words === null) return scanPairs(buf, from, limit);
    // Bytes before the word holding `from` ends, one by one (pairAt reads across the boundary).
    let k = from < first ? 0 : ((from - first) >> 2) + 1;
    const headEnd = Math.min(limit, first + 4 * k);
    const head = scanPairs(buf, from, headEnd);
    if (head >= 0 || headEnd >= limit) return head;
    let carry = false;
    for (; k < words.length; k++) {
      const at = first + 4 * k;
      // A pair may start at the last byte before the limit (an SP before a TAB).
      if (at >= limit) return at === limit && pairAt(buf, at - 1) ? at - 1 : -1;
      const x = words[k] as number;
      const low = ((x - 0x21212121) | 0) & ~x & 0x80808080;
      if (low === 0) {
        carry = false;
        continue;
      }
      // The SP ending the previous word pairs with this word's first byte.
      if (carry && (low & 0x80) !== 0 && pairAt(buf, at - 1)) return at - 1;
      // Two low bytes in a row (also CR LF, once a line); only then is "is SP" worth computing.
      if ((low & (low >>> 8)) !== 0) {
        const s = x ^ 0x20202020;
        const isSp = ((s - 0x01010101) | 0) & ~s & 0x80808080;
        if ((isSp & (low >>> 8)) !== 0) {
          const hit = scanPairs(buf, at, Math.min(at + 3, limit));
          if (hit >= 0) return hit;
        }
      }
      carry = x >>> 24 === SP;
    }
    const tail = first + 4 * words.length;
    const start = Math.max(from, tail - 1);
    return start < limit ? scanPairs(buf, start, limit) : -1;
  }
}

let scratchBuffer = Buffer.allocUnsafe(128 * 1024 + 16);

/**
 * Relaxed canonicalization of one piece in JavaScript (the fallback of `relaxedWasm`): clean
 * stretches are copied as they are, and only at the spots {@link RelaxedSpots} finds is a WSP run
 * rewritten. `content` has no bare LF and ends with a byte that is not WSP; `pending`: a WSP run
 * precedes it. Returns a view of a reused buffer, valid until the next call.
 */
export function relaxedJs(content: Buffer, pending: boolean): Uint8Array {
  if (scratchBuffer.length < content.length + 1)
    scratchBuffer = Buffer.allocUnsafe(content.length + 1);
  const out = scratchBuffer;
  const spots = new RelaxedSpots(content);
  let n = 0;
  let pos = 0;
  let held = pending;
  for (;;) {
    let d = held ? pos : spots.next(pos);
    if (d < 0) {
      n += content.copy(out, n, pos);
      break;
    }
    while (d > pos && content[d - 1] === SP) d--;
    n += content.copy(out, n, pos, d);
    let i = d;
    while (content[i] === SP || content[i] === TAB) i++;
    // 3.4.4: WSP at the end of a line is deleted; any other run becomes one SP.
    if (!(content[i] === CR && content[i + 1] === LF)) out[n++] = SP;
    held = false;
    pos = i;
  }
  return out.subarray(0, n);
}
