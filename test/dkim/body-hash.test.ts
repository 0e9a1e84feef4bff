import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeBodyHash } from '../../src/dkim/index.ts';
import { hasBareLf } from '../../src/mail/index.ts';
import { hasBareLfWasm } from '../../src/dkim/bare-lf-wasm.ts';
import { relaxedJs } from '../../src/dkim/relaxed-scan.ts';
import { relaxedWasm } from '../../src/dkim/relaxed-wasm.ts';
import { referenceCanonicalBody } from '../helpers/reference-dkim-body.ts';
import { seededRandom } from '../helpers/seeded-random.ts';

// Bytes that matter to canonicalization, weighted towards whitespace runs and line ends.
const BYTES = [0x20, 0x20, 0x20, 0x09, 0x0d, 0x0a, 0x0d, 0x0a, 0x41, 0x7a, 0x21, 0xe9, 0x00, 0xa0];

function randomBody(rand: () => number): Buffer {
  const len = Math.floor(rand() ** 2 * 400);
  // An offset into a larger buffer, so word-aligned and unaligned views are both exercised.
  const offset = Math.floor(rand() * 8);
  const whole = Buffer.alloc(len + offset);
  for (let i = offset; i < whole.length; i++) {
    whole[i] =
      rand() < 0.5
        ? 0x61 + Math.floor(rand() * 4)
        : (BYTES[Math.floor(rand() * BYTES.length)] ?? 0);
  }
  return whole.subarray(offset);
}

function chunks(body: Buffer, rand: () => number): Buffer[] {
  const out: Buffer[] = [];
  for (let p = 0; p < body.length;) {
    const k = 1 + Math.floor(rand() * 48);
    out.push(body.subarray(p, p + k));
    p += k;
  }
  return out;
}

describe('body hash against a reference canonicalization', () => {
  it('agrees on 3000 random bodies per canonicalization, whole and in random pieces', () => {
    const rand = seededRandom(20260101);
    let agree = 0;
    let total = 0;
    for (let n = 0; n < 3000; n++) {
      const body = randomBody(rand);
      for (const canon of ['simple', 'relaxed'] as const) {
        const expected = referenceCanonicalBody(body, canon);
        const digest = createHash('sha256').update(expected).digest();
        const whole = computeBodyHash(body, canon, 'sha256');
        const pieces = computeBodyHash(chunks(body, rand), canon, 'sha256');
        total++;
        if (
          whole.hash.equals(digest) &&
          pieces.hash.equals(digest) &&
          whole.canonicalLength === expected.length
        ) {
          agree++;
        } else {
          expect(JSON.stringify(body.toString('latin1')), canon).toBe('a body that agrees');
        }
      }
    }
    console.log(`dkim body hash vs reference: ${agree}/${total}`);
    expect(agree).toBe(total);
  });

  it('rewrites whitespace runs spread over a long text body (word scan) like the reference', () => {
    const line = 'word  word\tword word   \r\n';
    const body = Buffer.from(`${'x'.repeat(13)}${line.repeat(5000)}\r\n\r\n`);
    for (const offset of [0, 1, 2, 3]) {
      const view = Buffer.concat([Buffer.alloc(offset), body]).subarray(offset);
      const expected = referenceCanonicalBody(view, 'relaxed');
      expect(computeBodyHash(view, 'relaxed', 'sha256').hash).toEqual(
        createHash('sha256').update(expected).digest(),
      );
    }
  });
});

/** RFC 6376 3.4.4 on the inside of a body: runs become one SP, WSP before a line end goes. */
function referenceRelaxedLines(text: string): string {
  return text
    .split('\r\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').replace(/ $/, ''))
    .join('\r\n');
}

describe('relaxed piece rewriters (WebAssembly SIMD and its JavaScript fallback)', () => {
  it('both agree with the reference on random pieces, with and without a pending run', () => {
    const rand = seededRandom(8463);
    const rewriters = [
      { name: 'javascript', relax: relaxedJs },
      ...(relaxedWasm ? [{ name: 'webassembly', relax: relaxedWasm }] : []),
    ];
    if (!relaxedWasm) console.log('dkim relaxed rewriter: WebAssembly SIMD unavailable here');
    let agree = 0;
    let total = 0;
    for (let n = 0; n < 2000; n++) {
      // The rewriters' input: not empty, no bare LF, and it ends with a byte that is not WSP, CR
      // or LF (the hasher holds those back).
      const text = randomBody(rand)
        .toString('latin1')
        .replace(/\r?\n/g, '\r\n')
        .replace(/[ \t\r\n]+$/, '');
      if (text === '') continue;
      const content = Buffer.from(text, 'latin1');
      for (const pending of [false, true]) {
        const expected = referenceRelaxedLines((pending ? ' ' : '') + text);
        for (const r of rewriters) {
          total++;
          const got = Buffer.from(r.relax(content, pending)).toString('latin1');
          if (got === expected) agree++;
          else
            expect(JSON.stringify(text), `${r.name} pending=${pending}`).toBe(
              JSON.stringify(expected),
            );
        }
      }
    }
    console.log(`dkim relaxed rewriters vs reference: ${agree}/${total}`);
    expect(agree).toBe(total);
  });
});

describe('bare LF detection (WebAssembly SIMD)', () => {
  it('agrees with the JavaScript check on random pieces, LFs at every offset of a 16-byte block', () => {
    if (!hasBareLfWasm) {
      console.log('dkim bare LF: WebAssembly SIMD unavailable here');
      return;
    }
    const rand = seededRandom(6376);
    let agree = 0;
    let total = 0;
    const cases: Buffer[] = [];
    for (let n = 0; n < 2000; n++) cases.push(randomBody(rand));
    // CRLF text with one bare LF moved across block boundaries, and the same with none.
    for (let at = 0; at < 40; at++) {
      const clean = Buffer.from('ab\r\n'.repeat(12));
      cases.push(
        clean,
        Buffer.concat([clean.subarray(0, at), Buffer.from('\n'), clean.subarray(at)]),
      );
    }
    for (const piece of cases) {
      total++;
      if (hasBareLfWasm(piece) === hasBareLf(piece)) agree++;
      else expect(JSON.stringify(piece.toString('latin1'))).toBe('a piece both agree on');
    }
    console.log(`dkim bare LF wasm vs javascript: ${agree}/${total}`);
    expect(agree).toBe(total);
  });
});
