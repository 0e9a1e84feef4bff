import type { Canon } from '../../src/dkim/index.ts';

/**
 * The obvious, slow reading of RFC 6376 3.4.3 (simple) and 3.4.4 (relaxed) body canonicalization,
 * independent of src/dkim/body-hash.ts: tests check the streaming hasher's fast paths against it and
 * the DKIM benchmark measures the crypto limit on its output. A bare LF ends a line like CRLF; a
 * lone CR is an ordinary byte.
 */
export function referenceCanonicalBody(body: Buffer, canon: Canon): Buffer {
  let text = body.toString('latin1').replace(/\r?\n/g, '\r\n');
  if (canon === 'relaxed') {
    text = text
      .split('\r\n')
      .map((line) => line.replace(/[ \t]+/g, ' ').replace(/ $/, ''))
      .join('\r\n');
  }
  text = text.replace(/(?:\r\n)*$/, '');
  return Buffer.from(canon === 'simple' || text !== '' ? `${text}\r\n` : '', 'latin1');
}
