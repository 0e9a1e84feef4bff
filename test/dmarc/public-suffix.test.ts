import { readFileSync } from 'node:fs';
import { domainToASCII } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { organizationalDomain, registrableDomain } from '../../src/dmarc/index.ts';
import { corporaDir } from '../helpers/corpora.ts';

const dir = corporaDir('public-suffix-list');

describe.skipIf(!dir)('public suffix list test vectors (test_psl.txt)', () => {
  const vectors = dir
    ? (
        JSON.parse(readFileSync(path.join(dir, 'test_psl.json'), 'utf8')) as {
          vectors: Array<{ input: string | null; expected: string | null }>;
        }
      ).vectors
    : [];

  it('registrableDomain gives the expected eTLD+1 for every vector', () => {
    const failures: string[] = [];
    for (const { input, expected } of vectors) {
      // The `null` input exists for APIs that accept null; ours takes a string, so '' stands in.
      const got = registrableDomain(input ?? '');
      // mxray returns A-labels; the vectors write Unicode input's answer in Unicode.
      const want = expected === null ? null : domainToASCII(expected);
      if (got !== want) failures.push(`${input} -> ${got}, expected ${want}`);
    }
    console.log(`psl test_psl.txt: ${vectors.length - failures.length}/${vectors.length}`);
    expect(failures).toEqual([]);
  });

  it('organizationalDomain is the registrable domain, or the name itself for a public suffix', () => {
    for (const { input, expected } of vectors) {
      if (input === null || input.startsWith('.')) continue;
      const want = expected === null ? domainToASCII(input) : domainToASCII(expected);
      expect(organizationalDomain(input), input).toBe(want);
    }
  });

  it('uses the private section of the list (RFC 7489 3.2 leaves the choice; documented)', () => {
    expect(organizationalDomain('a.b.blogspot.com')).toBe('b.blogspot.com');
    expect(organizationalDomain('mail.example.co.uk')).toBe('example.co.uk');
    expect(organizationalDomain('co.uk')).toBe('co.uk');
  });
});
