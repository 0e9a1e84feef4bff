import { describe, expect, it } from 'vitest';
import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { fixedClock } from '../../src/base/clock.ts';
import { createMemoryResolver } from '../../src/dns/memory-resolver.ts';
import type { Resolver } from '../../src/dns/types.ts';
import { zoneFromRecords } from '../../src/dns/zone/zone.ts';
import { signMessage, verifyDkim } from '../../src/dkim/index.ts';
import { ed, edTxt, rsa, rsaTxt, T0 } from './fixtures.ts';

const resolver = createMemoryResolver([
  zoneFromRecords('example.com', [
    { name: 'rsa._domainkey', type: 'TXT', data: rsaTxt },
    { name: 'ed._domainkey', type: 'TXT', data: edTxt },
  ]),
]);

/** mailauth's resolver shape, over the same zones. */
function mailauthResolver(r: Resolver) {
  return async (name: string, type: string) => {
    const a = await r.resolve(name, type as 'TXT');
    if (a.status === 'ok')
      return a.records.map((x) => (x.data.type === 'TXT' ? x.data.strings : []));
    throw Object.assign(new Error(a.status), {
      code: a.status === 'nxdomain' ? 'ENOTFOUND' : 'ENODATA',
    });
  };
}

/** A deterministic random message: odd whitespace, 8-bit bytes, long and empty lines. */
function randomMessage(seed: number): Buffer {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const pieces = ['word', '  ', '\t', 'caf\xe9', 'x'.repeat(90), '', ' trailing ', '.'];
  const line = () =>
    Array.from(
      { length: Math.floor(rand() * 8) },
      () => pieces[Math.floor(rand() * pieces.length)],
    ).join(' ');
  const body =
    Array.from({ length: 1 + Math.floor(rand() * 30) }, line).join('\r\n') +
    (rand() < 0.5 ? '\r\n' : '') +
    (rand() < 0.3 ? '\r\n\r\n' : '');
  return Buffer.from(
    `From: Sender <s${seed}@example.com>\r\nTo:  rcpt@example.org\r\nSubject: test ${seed}\r\n  folded ${line()}\r\nDate: Thu, 1 Jan 2026 00:00:00 +0000\r\nMessage-ID: <${seed}@example.com>\r\n\r\n${body}`,
    'latin1',
  );
}

const CANONS = ['simple/simple', 'simple/relaxed', 'relaxed/simple', 'relaxed/relaxed'] as const;
const ALGOS = [
  { selector: 'rsa', algorithm: 'rsa-sha256', key: rsa.privateKey },
  { selector: 'ed', algorithm: 'ed25519-sha256', key: ed.privateKey },
] as const;
const curTime = new Date(T0 + 60_000);

describe('differential against mailauth 4.13', () => {
  it('mailauth verifies what we sign, and we verify what mailauth signs, for every algorithm and canonicalization', async () => {
    let checked = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const message = randomMessage(seed);
      for (const canonicalization of CANONS) {
        for (const a of ALGOS) {
          const ours = signMessage(
            message,
            { domain: 'example.com', selector: a.selector, privateKey: a.key, canonicalization },
            { clock: fixedClock(T0) },
          );
          const theirVerdict = await dkimVerify(ours.message, {
            resolver: mailauthResolver(resolver) as never,
            curTime,
          });
          expect(
            theirVerdict.results[0]?.status?.result,
            `mailauth on ours ${seed} ${canonicalization} ${a.algorithm}`,
          ).toBe('pass');

          const pem = a.key.export({ type: 'pkcs8', format: 'pem' }).toString();
          const theirs = await dkimSign(message, {
            signTime: new Date(T0),
            signatureData: [
              {
                signingDomain: 'example.com',
                selector: a.selector,
                privateKey: pem,
                algorithm: a.algorithm,
                canonicalization,
              },
            ],
          } as never);
          expect(theirs.errors, 'mailauth signing errors').toEqual([]);
          const signed = Buffer.concat([Buffer.from(theirs.signatures, 'latin1'), message]);
          const ourVerdict = await verifyDkim(signed, { resolver, clock: fixedClock(T0 + 60_000) });
          expect(
            ourVerdict.signatures.map((x) => x.result),
            `ours on mailauth ${seed} ${canonicalization} ${a.algorithm}`,
          ).toEqual(['pass']);
          checked += 2;
        }
      }
    }
    console.log(`dkim differential mailauth: ${checked}/${checked} cross-verifications agree`);
  });

  it('agrees with mailauth on mutations: body changed, signed header changed, unsigned header added, whitespace under relaxed', async () => {
    const mutations: Array<{
      name: string;
      apply: (t: string) => string;
      relaxedPass: boolean;
      simplePass: boolean;
    }> = [
      {
        name: 'body changed',
        apply: (t) => t.replace(/\r\n\r\n([\s\S])/, '\r\n\r\nX$1'),
        relaxedPass: false,
        simplePass: false,
      },
      {
        name: 'signed header changed',
        apply: (t) => t.replace('Subject: test', 'Subject: TEST'),
        relaxedPass: false,
        simplePass: false,
      },
      {
        name: 'unsigned header added',
        apply: (t) => `X-Added: yes\r\n${t}`,
        relaxedPass: true,
        simplePass: true,
      },
      {
        name: 'whitespace in a signed header',
        apply: (t) => t.replace('To:  rcpt', 'To:    rcpt'),
        relaxedPass: true,
        simplePass: false,
      },
    ];
    let checked = 0;
    for (const m of mutations) {
      for (const canonicalization of ['relaxed/relaxed', 'simple/simple'] as const) {
        const signed = signMessage(
          randomMessage(99),
          { domain: 'example.com', selector: 'rsa', privateKey: rsa.privateKey, canonicalization },
          { clock: fixedClock(T0) },
        );
        const mutated = Buffer.from(m.apply(signed.message.toString('latin1')), 'latin1');
        const ours = (await verifyDkim(mutated, { resolver, clock: fixedClock(T0 + 60_000) }))
          .signatures[0]?.result;
        const status = (
          await dkimVerify(mutated, { resolver: mailauthResolver(resolver) as never, curTime })
        ).results[0]?.status;
        // mailauth reports a body hash mismatch as neutral ("body hash did not verify"); RFC 6376
        // 6.1.3 makes it a PERMFAIL of the signature, which RFC 8601 writes as fail.
        const theirs =
          status?.result === 'neutral' && /body hash/.test(status.comment ?? '')
            ? 'fail'
            : status?.result;
        const expected = (canonicalization === 'relaxed/relaxed' ? m.relaxedPass : m.simplePass)
          ? 'pass'
          : 'fail';
        expect([ours, theirs], `${m.name} ${canonicalization}`).toEqual([expected, expected]);
        checked++;
      }
    }
    console.log(`dkim differential mutations: ${checked}/${checked} agree with mailauth`);
  });
});
