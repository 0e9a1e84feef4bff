import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/base/clock.ts';
import { createMemoryResolver } from '../../src/dns/memory-resolver.ts';
import { zoneFromRecords } from '../../src/dns/zone/zone.ts';
import { signMessage, verifyDkim } from '../../src/dkim/index.ts';
import { clock, ed, edTxt, keyTxt, MESSAGE, rsa, rsaTxt, sign, T0 } from './fixtures.ts';

const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
const tiny = generateKeyPairSync('rsa', { modulusLength: 512 });
const records = [
  { name: 'rsa._domainkey', type: 'TXT' as const, data: rsaTxt },
  { name: 'ed._domainkey', type: 'TXT' as const, data: edTxt },
  { name: 'revoked._domainkey', type: 'TXT' as const, data: 'v=DKIM1; k=rsa; p=' },
  { name: 'testing._domainkey', type: 'TXT' as const, data: keyTxt(rsa.publicKey, 't=y; ') },
  { name: 'strict._domainkey', type: 'TXT' as const, data: keyTxt(rsa.publicKey, 't=s; ') },
  { name: 'tiny._domainkey', type: 'TXT' as const, data: keyTxt(tiny.publicKey) },
  { name: 'ok1024._domainkey', type: 'TXT' as const, data: keyTxt(small.publicKey) },
  { name: 'garbage._domainkey', type: 'TXT' as const, data: 'v=DKIM1; k=rsa; p=###not-base64###' },
  { name: 'tls._domainkey', type: 'TXT' as const, data: keyTxt(rsa.publicKey, 's=tlsrpt; ') },
  { name: 'nodata._domainkey', type: 'A' as const, data: '192.0.2.1' },
  // 20 character-strings in one record: joined without spaces (RFC 6376 3.6.2.2).
  {
    name: 'split._domainkey',
    type: 'TXT' as const,
    data: { type: 'TXT' as const, strings: chunk(rsaTxt, 20) },
  },
];
const resolver = createMemoryResolver([zoneFromRecords('example.com', records)], {
  faults: [{ name: 'broken._domainkey.example.com', fault: 'servfail' }],
});

function chunk(text: string, parts: number): string[] {
  const size = Math.ceil(text.length / parts);
  return Array.from({ length: parts }, (_, i) => text.slice(i * size, (i + 1) * size));
}

async function verify(bytes: Buffer, at = T0, maxSignatures?: number) {
  return verifyDkim(bytes, {
    resolver,
    clock: fixedClock(at),
    ...(maxSignatures ? { maxSignatures } : {}),
  });
}

async function one(bytes: Buffer, at = T0) {
  const r = await verify(bytes, at);
  expect(r.signatures).toHaveLength(1);
  return r.signatures[0]!;
}

describe('verifyDkim', () => {
  it('passes RSA and Ed25519 signatures made together, in every canonicalization', async () => {
    for (const canonicalization of [
      'simple/simple',
      'simple/relaxed',
      'relaxed/simple',
      'relaxed/relaxed',
    ] as const) {
      const signed = signMessage(
        MESSAGE,
        [
          { domain: 'example.com', selector: 'rsa', privateKey: rsa.privateKey, canonicalization },
          { domain: 'example.com', selector: 'ed', privateKey: ed.privateKey, canonicalization },
        ],
        { clock },
      );
      const r = await verify(signed.message);
      expect(r.signatures.map((s) => [s.algorithm, s.result])).toEqual([
        ['ed25519-sha256', 'pass'],
        ['rsa-sha256', 'pass'],
      ]);
    }
  });

  it('tells a missing key, an empty name, a revoked key and a DNS failure apart, naming the query', async () => {
    const missing = await one(sign({ selector: 'nope' }));
    expect([missing.result, missing.reason, missing.message]).toEqual([
      'permerror',
      'key-nxdomain',
      'the key record at nope._domainkey.example.com does not exist (NXDOMAIN)',
    ]);
    expect(missing.dns?.exchanges.length).toBeGreaterThan(0);
    const nodata = await one(sign({ selector: 'nodata' }));
    expect([nodata.result, nodata.reason]).toEqual(['permerror', 'key-nodata']);
    expect(nodata.message).toContain('NOERROR, no data');
    const revoked = await one(sign({ selector: 'revoked' }));
    expect([revoked.result, revoked.reason]).toEqual(['permerror', 'key-revoked']);
    const broken = await one(sign({ selector: 'broken' }));
    expect([broken.result, broken.reason]).toEqual(['temperror', 'key-dns-error']);
    expect(broken.message).toContain('SERVFAIL');
  });

  it('reports body and header changes as fail with different reasons', async () => {
    const signed = sign();
    const body = Buffer.from(signed.toString('latin1').replace('see you', 'see me'), 'latin1');
    expect(await one(body)).toMatchObject({
      result: 'fail',
      reason: 'body-hash-mismatch',
      message: 'body hash did not verify: the body was changed after signing',
    });
    const head = Buffer.from(
      signed.toString('latin1').replace('Subject: Hello', 'Subject: Hullo'),
      'latin1',
    );
    expect(await one(head)).toMatchObject({ result: 'fail', reason: 'signature-mismatch' });
  });

  it('over-signs From: a second From added later breaks the signature; an unsigned header does not', async () => {
    const signed = sign();
    const text = signed.toString('latin1');
    const addedFrom = Buffer.from(
      text.replace('To: bob', 'From: evil@example.net\r\nTo: bob'),
      'latin1',
    );
    expect((await one(addedFrom)).result).toBe('fail');
    const unsigned = Buffer.from(`X-Unsigned: 1\r\n${text}`, 'latin1');
    expect((await one(unsigned)).result).toBe('pass');
  });

  it('tolerates whitespace-only changes under relaxed, not under simple', async () => {
    const mutate = (b: Buffer) =>
      Buffer.from(
        b
          .toString('latin1')
          .replace('Subject: Hello', 'Subject:   Hello ')
          .replace('see you  soon.', 'see you soon.   '),
        'latin1',
      );
    expect((await one(mutate(sign({ canonicalization: 'relaxed/relaxed' })))).result).toBe('pass');
    expect((await one(mutate(sign({ canonicalization: 'simple/simple' })))).result).toBe('fail');
  });

  it('applies x= and t= against the injected clock', async () => {
    const expiring = sign({ expiresIn: 3600 });
    expect((await one(expiring, T0 + 1000)).result).toBe('pass');
    expect(await one(expiring, T0 + 7200_000)).toMatchObject({
      result: 'policy',
      reason: 'signature-expired',
    });
    expect(await one(sign(), T0 - 3600_000)).toMatchObject({
      result: 'policy',
      reason: 'signature-future',
    });
  });

  it('applies key flags: t=y is reported, t=s needs i= equal to d=, s= must allow email', async () => {
    const testing = await one(sign({ selector: 'testing' }));
    expect([testing.result, testing.key?.testing]).toEqual(['pass', true]);
    expect((await one(sign({ selector: 'strict' }))).result).toBe('pass');
    expect(
      await one(sign({ selector: 'strict', identity: 'jane@mail.example.com' })),
    ).toMatchObject({ result: 'permerror', reason: 'key-strict-identity' });
    expect(await one(sign({ selector: 'tls' }))).toMatchObject({
      result: 'permerror',
      reason: 'key-service-mismatch',
    });
  });

  it('enforces RFC 8301 key sizes and rejects undecodable keys', async () => {
    expect((await one(sign({ selector: 'ok1024', privateKey: small.privateKey }))).result).toBe(
      'pass',
    );
    const weak = await one(sign({ selector: 'tiny', privateKey: tiny.privateKey }));
    expect([weak.result, weak.reason, weak.key?.bits]).toEqual(['permerror', 'key-too-small', 512]);
    expect(await one(sign({ selector: 'garbage' }))).toMatchObject({
      result: 'permerror',
      reason: 'key-syntax',
    });
    expect((await one(sign({ selector: 'split' }))).result).toBe('pass');
  });

  it('refuses rsa-sha1 (RFC 8301) and an i= outside d=', async () => {
    const signed = sign().toString('latin1');
    const sha1 = Buffer.from(signed.replace('a=rsa-sha256', 'a=rsa-sha1'), 'latin1');
    expect(await one(sha1)).toMatchObject({ result: 'permerror', reason: 'algorithm-rsa-sha1' });
    const outside = Buffer.from(
      signed.replace('d=example.com;', 'd=example.com; i=jane@example.net;'),
      'latin1',
    );
    expect(await one(outside)).toMatchObject({
      result: 'permerror',
      reason: 'signature-identity-mismatch',
    });
  });

  it('verifies l= and refuses an l= longer than the body', async () => {
    const limited = sign({ bodyLength: true });
    const appended = Buffer.concat([limited, Buffer.from('appended later\r\n')]);
    const r = await one(appended);
    expect(r.result).toBe('pass');
    expect(r.message).toContain('l= covers');
    const text = limited.toString('latin1');
    const tooLong = Buffer.from(text.replace(/l=\d+/, 'l=999999'), 'latin1');
    expect((await one(tooLong)).result).not.toBe('pass');
  });

  it('no signature means an empty list (DKIM none)', async () => {
    expect((await verify(MESSAGE)).signatures).toEqual([]);
  });
});

describe('verifyDkim on bad input', () => {
  it('garbage base64 in b= is a permerror', async () => {
    const bad = Buffer.from(
      sign()
        .toString('latin1')
        .replace(/b=[^;]*$/m, 'b=!!!not base64!!!'),
      'latin1',
    );
    const r = await verify(bad);
    expect(r.signatures.map((s) => s.reason)).toContain('signature-bad-base64');
  });

  it('100 signatures: 10 are checked, the other 90 reported as not checked', async () => {
    const signed = sign().toString('latin1');
    const sigField = signed.slice(0, signed.indexOf('From:'));
    const many = Buffer.from(sigField.repeat(99) + signed, 'latin1');
    const r = await verify(many);
    expect(r.signatures).toHaveLength(100);
    expect(r.signatures.filter((s) => s.result === 'pass')).toHaveLength(10);
    expect(r.signatures.filter((s) => s.reason === 'not-checked')).toHaveLength(90);
  });

  it('a 50 MB body verifies in bounded time', async () => {
    const big = Buffer.concat([
      MESSAGE.subarray(0, MESSAGE.indexOf('\r\n\r\n') + 4),
      Buffer.alloc(50 * 1024 * 1024, 'all work and no play  \r\n'),
    ]);
    const signed = sign({}, big);
    const r = await verify(signed);
    expect(r.signatures[0]?.result).toBe('pass');
  }, 60_000);

  it('headers without colons and NUL bytes give a permerror with the reason', async () => {
    const text = sign().toString('latin1');
    const noColon = Buffer.from(
      text.replace('To: bob', 'this line has no colon\r\nTo: bob'),
      'latin1',
    );
    expect(await one(noColon)).toMatchObject({ result: 'permerror', reason: 'message-malformed' });
    const nul = Buffer.from(text.replace('Subject: Hello', 'Subject: Hel\0lo'), 'latin1');
    expect(await one(nul)).toMatchObject({ result: 'permerror', reason: 'message-malformed' });
  });

  it('duplicate tags and missing tags are permerrors', async () => {
    const text = sign().toString('latin1');
    const dup = Buffer.from(text.replace('v=1;', 'v=1; v=1;'), 'latin1');
    expect(await one(dup)).toMatchObject({ result: 'permerror', reason: 'signature-syntax' });
    const missing = Buffer.from(text.replace(/ s=rsa;/, ''), 'latin1');
    expect(await one(missing)).toMatchObject({
      result: 'permerror',
      reason: 'signature-missing-tag',
    });
  });
});
