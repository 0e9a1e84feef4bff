import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeBodyHash, parseDkimSignature, signMessage } from '../../src/dkim/index.ts';
import { canonicalizeHeader } from '../../src/dkim/index.ts';
import { fixedClock } from '../../src/base/clock.ts';
import { parseMessage } from '../../src/mail/index.ts';
import type { Zone } from '../../src/dns/zone/zone.ts';
import { corporaDir } from '../helpers/corpora.ts';
import { startTestDns, type TestDns } from '../helpers/dns-server.ts';
import { corpusZone, type CorpusDns } from './corpus-dns.ts';
import { mailDkimWord, readJson, verifyFile } from './corpus-cases.ts';

const NOW_2024 = Date.UTC(2024, 0, 1);

/** Starts the embedded DNS server for one corpus's key records. */
async function serve(dns: CorpusDns): Promise<TestDns> {
  const { zone, faults } = corpusZone(dns);
  return startTestDns([zone] as Zone[], { faults });
}

interface PerlCase {
  file: string;
  expected: string;
  domainkeys_rfc4870: boolean;
  observed: Record<string, { result: string; per_signature: unknown[] }>;
}

/** Where we decide differently from Mail::DKIM, each with its RFC reason. */
const PERL_DIFFERENCES: Array<{
  why: string;
  applies: (c: PerlCase, reasons: string[]) => boolean;
}> = [
  {
    why: 'RFC 4870 DomainKeys (DomainKey-Signature) is historic; a DKIM verifier reports none',
    applies: (c) => c.domainkeys_rfc4870,
  },
  {
    why: 'RFC 6376 3.5: v=1 is required; pre-RFC 4871 draft signatures (no v=, v=0.5) are permerror, as in dkimpy',
    applies: (_c, reasons) =>
      reasons.length > 0 &&
      reasons.every((r) => r === 'signature-missing-tag' || r === 'signature-version'),
  },
  {
    why: 'RFC 6376 removed the key record g= tag of RFC 4871 (granularity); 3.6.1 says unknown tags are ignored, so these pass',
    applies: (c) => /badkey_(8|9|12|13)\.txt$/.test(c.file),
  },
];

/** Where we decide differently from dkimpy on the Perl corpus, with the RFC reason. */
const DKIMPY_DIFFERENCES: Record<string, string> = {
  'good_83176.txt':
    'RFC 6376 3.5 q= is a colon-separated list of methods; one of them is dns/txt, so the signature is usable (dkimpy wants q= to be exactly dns/txt)',
  'ignore_7.txt':
    'x= is in the past: RFC 6376 3.5 lets a verifier consider the signature invalid, and RFC 8601 2.7.1 policy ("signed, but not acceptable to the ADMD") says that a valid signature has expired (dkimpy: permerror)',
};

describe('DKIM conformance corpora (embedded DNS server on loopback)', () => {
  const perlDir = corporaDir('dkim-perl-mail-dkim');
  describe.skipIf(!perlDir)('Perl Mail::DKIM corpus', () => {
    let dns: TestDns;
    const dir = perlDir as string;
    beforeAll(async () => {
      dns = await serve(readJson<CorpusDns>(dir, 'dns.json'));
    });
    afterAll(() => dns?.close());

    it('agrees with Mail::DKIM (legacy profile: 512-bit keys and rsa-sha1 allowed) or says why not', async () => {
      const cases = readJson<PerlCase[]>(dir, 'expected.json');
      let agree = 0;
      const differ: string[] = [];
      for (const c of cases) {
        const results = await verifyFile(path.join(dir, c.file), dns.resolver, NOW_2024, {
          minRsaBits: 512,
          allowRsaSha1: true,
        });
        const ours = mailDkimWord(results);
        if (ours === c.expected) {
          agree++;
          continue;
        }
        const rule = PERL_DIFFERENCES.find((d) =>
          d.applies(
            c,
            results.map((r) => r.reason),
          ),
        );
        expect(rule, `${c.file}: expected ${c.expected}, we say ${ours}`).toBeDefined();
        differ.push(`${c.file}: Mail::DKIM ${c.expected}, mxray ${ours} (${rule?.why})`);
      }
      console.log(
        `dkim perl Mail::DKIM corpus (legacy profile): ${agree}/${cases.length} agree, ${differ.length} decided differently:`,
      );
      for (const d of differ) console.log(`  ${d}`);
      expect(agree + differ.length).toBe(cases.length);
    });

    it('agrees per signature with dkimpy 1.1.4 (its profile: 1024-bit minimum, rsa-sha1 accepted)', async () => {
      const cases = readJson<PerlCase[]>(dir, 'expected.json');
      let agree = 0;
      const differ: string[] = [];
      for (const c of cases) {
        const results = await verifyFile(path.join(dir, c.file), dns.resolver, NOW_2024, {
          allowRsaSha1: true,
        });
        const py = c.observed['dkimpy_1.1.4_debian'] as {
          result: string;
          per_signature: unknown[];
        };
        const pyWords = py.per_signature.map((p) => (Array.isArray(p) ? String(p[0]) : String(p)));
        const ours = results.map((r) => r.result);
        if (JSON.stringify(ours) === JSON.stringify(pyWords)) {
          agree++;
          continue;
        }
        const why = DKIMPY_DIFFERENCES[path.basename(c.file)];
        expect(
          why,
          `${c.file}: dkimpy ${pyWords.join(',')}, we say ${ours.join(',')}`,
        ).toBeDefined();
        differ.push(`${c.file}: dkimpy ${pyWords.join(',')}, mxray ${ours.join(',')} (${why})`);
      }
      console.log(
        `dkim perl corpus vs dkimpy 1.1.4 (dkimpy profile): ${agree}/${cases.length} agree, ${differ.length} decided differently:`,
      );
      for (const d of differ) console.log(`  ${d}`);
    });
  });

  const pyDir = corporaDir('dkim-dkimpy');
  describe.skipIf(!pyDir)('dkimpy test data', () => {
    const dir = pyDir as string;
    const sets = pyDir ? readJson<Record<string, CorpusDns>>(dir, 'dns.json') : {};
    it('static vectors: first-signature verdicts match dkimpy', async () => {
      const vectors = readJson<
        Array<{ message: string; dns_set: string; expected_verify_first_signature: boolean }>
      >(dir, 'expected-static.json');
      let agree = 0;
      for (const v of vectors) {
        const dns = await serve(sets[v.dns_set] as CorpusDns);
        try {
          const results = await verifyFile(path.join(dir, v.message), dns.resolver, NOW_2024);
          expect(results[0]?.result === 'pass', v.message).toBe(v.expected_verify_first_signature);
          agree++;
        } finally {
          await dns.close();
        }
      }
      console.log(`dkim dkimpy static vectors: ${agree}/${vectors.length}`);
    });

    it('messages we sign with dkimpy keys verify against dkimpy key records', async () => {
      const dns = await serve({
        ...sets['test_dkim.py:dnsfunc'],
        ...sets['test_dkim_ed25519.py:dnsfunc'],
      } as CorpusDns);
      try {
        const seed = readFileSync(path.join(dir, 'data/ed25519test.key'), 'utf8').trim();
        const edKey = Buffer.concat([
          Buffer.from('302e020100300506032b657004220420', 'hex'),
          Buffer.from(seed, 'base64'),
        ]);
        const { createPrivateKey } = await import('node:crypto');
        const cases = [
          {
            file: 'data/test.message',
            domain: 'example.com',
            privateKey: createPrivateKey(readFileSync(path.join(dir, 'data/test.private'))),
          },
          {
            file: 'data/ed25519test.msg',
            domain: 'example.net',
            privateKey: createPrivateKey({ key: edKey, format: 'der', type: 'pkcs8' }),
          },
        ];
        let agree = 0;
        for (const c of cases) {
          for (const canonicalization of [
            'simple/simple',
            'relaxed/relaxed',
            'relaxed/simple',
            'simple/relaxed',
          ] as const) {
            const signed = signMessage(
              readFileSync(path.join(dir, c.file)),
              { domain: c.domain, selector: 'test', privateKey: c.privateKey, canonicalization },
              { clock: fixedClock(NOW_2024) },
            );
            const { verifyDkim } = await import('../../src/dkim/index.ts');
            const result = await verifyDkim(signed.message, {
              resolver: dns.resolver,
              clock: fixedClock(NOW_2024),
            });
            expect(
              result.signatures.map((s) => s.result),
              `${c.file} ${canonicalization}`,
            ).toEqual(['pass']);
            agree++;
          }
        }
        console.log(`dkim dkimpy sign-then-verify: ${agree}/${cases.length * 4}`);
      } finally {
        await dns.close();
      }
    });
  });

  const maDir = corporaDir('dkim-mailauth');
  describe.skipIf(!maDir)('mailauth fixtures', () => {
    const dir = maDir as string;
    it('body-hash vectors', () => {
      const vectors = readJson<
        Array<{
          id: string;
          canon: 'simple' | 'relaxed';
          input_literal?: string;
          input_file?: string;
          hash: 'sha256' | 'sha1';
          l: number | null;
          expected: string;
        }>
      >(dir, 'body-hash-vectors.json');
      for (const v of vectors) {
        const body =
          v.input_literal !== undefined
            ? Buffer.from(v.input_literal, 'latin1')
            : parseMessage(
                readFileSync(
                  path.join(
                    dir,
                    'fixtures',
                    path.basename((v.input_file ?? '').replace(/ \(.*$/, '')),
                  ),
                ),
              ).body;
        expect(computeBodyHash(body, v.canon, v.hash, v.l).hash.toString('base64'), v.id).toBe(
          v.expected,
        );
      }
      console.log(`dkim mailauth body-hash vectors: ${vectors.length}/${vectors.length}`);
    });

    it('offline body hashes of every real-world signature match bh=', () => {
      const entries = readJson<
        Array<{ file: string; header: string; s: string; d: string; bh: string }>
      >(dir, 'offline-bodyhash.json');
      for (const e of entries) {
        const msg = parseMessage(readFileSync(path.join(dir, e.file)));
        const field = msg
          .getAll(e.header)
          .find(
            (f) =>
              f.valueText.includes(`s=${e.s}`) &&
              f.valueText.replace(/\s+/g, '').includes(`bh=${e.bh}`),
          );
        const parsed = parseDkimSignature(field ?? '', {
          arcMessageSignature: e.header.toLowerCase().startsWith('arc'),
        });
        expect(parsed.ok, `${e.file} ${e.header} s=${e.s}`).toBe(true);
        if (!parsed.ok) continue;
        const s = parsed.signature;
        const hash = computeBodyHash(
          msg.body,
          s.bodyCanon,
          s.algorithm === 'rsa-sha1' ? 'sha1' : 'sha256',
          s.bodyLength,
        ).hash;
        expect(hash.toString('base64'), `${e.file} s=${e.s}`).toBe(e.bh);
      }
      console.log(`dkim mailauth offline bh=: ${entries.length}/${entries.length}`);
    });
  });

  const rfcDir = corporaDir('rfc-vectors');
  describe.skipIf(!rfcDir)('RFC 6376 and RFC 8463 examples', () => {
    const dir = rfcDir as string;
    it('RFC 6376 3.4.5 canonicalization examples', () => {
      const data = readJson<{
        input_message: string;
        examples: Array<{
          header_canon: 'simple' | 'relaxed';
          body_canon: 'simple' | 'relaxed';
          canonical_header: string;
          canonical_body: string;
        }>;
      }>(dir, 'rfc6376/canonicalization-examples.json');
      const msg = parseMessage(Buffer.from(data.input_message, 'latin1'));
      for (const ex of data.examples) {
        expect(msg.headers.map((h) => canonicalizeHeader(h, ex.header_canon)).join('')).toBe(
          ex.canonical_header,
        );
        const expected = computeBodyHash(
          Buffer.from(ex.canonical_body, 'latin1'),
          'simple',
          'sha256',
        ).hash;
        expect(computeBodyHash(msg.body, ex.body_canon, 'sha256').hash).toEqual(expected);
      }
      console.log(
        `dkim rfc6376 3.4.5 canonicalization: ${data.examples.length}/${data.examples.length}`,
      );
    });

    it('RFC 8463 A.3 verifies (both signatures, LF and CRLF files); RFC 6376 A.2 fails its body hash', async () => {
      const dns = await serve({
        ...readJson<CorpusDns>(dir, 'rfc8463/dns.json'),
        ...readJson<CorpusDns>(dir, 'rfc6376/dns.json'),
      });
      try {
        let agree = 0;
        for (const f of ['rfc8463/A.3-signed-message.eml', 'rfc8463/A.3-signed-message.crlf.eml']) {
          const results = await verifyFile(path.join(dir, f), dns.resolver, Date.UTC(2018, 5, 11));
          expect(
            results.map((r) => r.result),
            f,
          ).toEqual(['pass', 'pass']);
          agree++;
        }
        const a2 = await verifyFile(
          path.join(dir, 'rfc6376/A.2-signed.eml'),
          dns.resolver,
          NOW_2024,
        );
        expect(a2.map((r) => r.reason)).toEqual(['body-hash-mismatch']);
        agree++;
        console.log(`dkim rfc6376/rfc8463 examples: ${agree}/3`);
      } finally {
        await dns.close();
      }
    });
  });
});
