import { describe, expect, it } from 'vitest';
import { parseDkimSignature } from '../../src/dkim/index.ts';

const BH = 'Hu0Ysc2T9PQrK0hNAYIK0Jo/j6DtiktWkGK2uCMnLN4=';

function withB(b: string, bh = BH): string {
  return ` v=1; a=rsa-sha256; c=relaxed/simple; d=example.com; s=sel;\r\n h=from:to; bh=${bh};\r\n b=${b}`;
}

describe('parseDkimSignature b= and bh= (RFC 6376 2.10 base64string, 3.5 FWS)', () => {
  it('decodes folded base64, whitespace anywhere, padding at the end', () => {
    const parse = parseDkimSignature(withB('QUJD\r\n  REVG\tR0g\r\n ='));
    expect(parse.ok).toBe(true);
    if (!parse.ok) return;
    expect(parse.signature.signature.toString('latin1')).toBe('ABCDEFGH');
    expect(parse.signature.bodyHash.toString('base64')).toBe(BH);
  });

  it.each([
    ['padding in the middle', 'QU=D REVG'],
    ['three padding characters', 'QQ==='],
    ['a length that is not a multiple of 4', 'QUJDR'],
    ['a character outside the alphabet', 'QUJD!EVG'],
    ['a non-ASCII character', 'QUJDé EVG'],
    ['an empty value', ' \r\n '],
  ])('refuses %s', (_, b) => {
    const parse = parseDkimSignature(withB(b));
    expect(parse.ok ? null : parse.reason).toBe('signature-bad-base64');
  });

  it('refuses a bad bh= the same way', () => {
    const parse = parseDkimSignature(withB('QUJD', 'Hu0Y sc2T9=PQr'));
    expect(parse.ok ? null : parse.reason).toBe('signature-bad-base64');
  });

  it('keeps the raw offsets of b= so the signature field can be blanked', () => {
    const text = withB('QUJD REVG');
    const parse = parseDkimSignature(text);
    if (!parse.ok) throw new Error(parse.message);
    expect(text.slice(parse.signature.bValueStart, parse.signature.bValueEnd)).toBe('QUJD REVG');
  });
});
