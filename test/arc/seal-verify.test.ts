import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sealMessage, verifyArc, type SealOptions } from '../../src/arc/index.ts';
import { fixedClock } from '../../src/base/clock.ts';
import { createMemoryResolver } from '../../src/dns/memory-resolver.ts';
import { zoneFromRecords } from '../../src/dns/zone/zone.ts';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ed = generateKeyPairSync('ed25519');
const rsaPublic = rsa.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
// RFC 8463 3: the Ed25519 p= is the raw 32-byte key, the end of the SPKI DER.
const edPublic = ed.publicKey
  .export({ type: 'spki', format: 'der' })
  .subarray(-32)
  .toString('base64');

const zone = zoneFromRecords('', [
  {
    name: 'rsa._domainkey.forwarder.example.',
    type: 'TXT',
    data: `v=DKIM1; k=rsa; p=${rsaPublic}`,
  },
  { name: 'ed._domainkey.list.example.', type: 'TXT', data: `v=DKIM1; k=ed25519; p=${edPublic}` },
]);
const resolver = createMemoryResolver([zone]);
const clock = fixedClock(Date.UTC(2026, 5, 1));

const MESSAGE = Buffer.from(
  [
    'From: Ann <ann@origin.example>',
    'To: list@list.example',
    'Subject: Hello',
    'Date: Mon, 1 Jun 2026 10:00:00 +0000',
    'Message-ID: <1@origin.example>',
    '',
    'Hello, list.',
    '',
  ].join('\r\n'),
);

const hop = (
  domain: string,
  selector: string,
  privateKey: SealOptions['privateKey'],
): SealOptions => ({
  domain,
  selector,
  privateKey,
  headers: ['from', 'to', 'subject', 'date', 'message-id'],
  authservId: `mx.${domain}`,
  authResults: 'spf=pass smtp.mailfrom=origin.example; dkim=pass header.d=origin.example',
});

async function sealed(message: Buffer, options: SealOptions): Promise<Buffer> {
  const result = await sealMessage(message, options, { clock, resolver });
  if (!result.sealed) throw new Error(result.reason);
  return result.message;
}

describe('sealMessage and verifyArc', () => {
  it('seals with RSA then Ed25519, and the chain passes', async () => {
    const one = await sealed(MESSAGE, hop('forwarder.example', 'rsa', rsa.privateKey));
    const two = await sealed(one, hop('list.example', 'ed', ed.privateKey));
    const result = await verifyArc(two, { resolver, clock });
    expect(result).toMatchObject({ cv: 'pass', instance: 2 });
    expect(result.sets.map((s) => [s.seal.algorithm, s.seal.cv])).toEqual([
      ['rsa-sha256', 'none'],
      ['ed25519-sha256', 'pass'],
    ]);
    expect(result.sets[1]?.authenticationResults).toBe(
      'mx.list.example; spf=pass smtp.mailfrom=origin.example; dkim=pass header.d=origin.example',
    );
    expect(result.answers.map((a) => a.name)).toContain('ed._domainkey.list.example');
  });

  it('writes fields in the standard form: alphabetical tags, unfolded', async () => {
    const result = await sealMessage(MESSAGE, hop('forwarder.example', 'rsa', rsa.privateKey), {
      clock,
      resolver,
    });
    if (!result.sealed) throw new Error('not sealed');
    expect(result.fields.seal).toMatch(
      /^ARC-Seal: a=rsa-sha256; b=[A-Za-z0-9+/=]+; cv=none; d=forwarder\.example; i=1; s=rsa; t=\d+$/,
    );
    expect(result.fields.messageSignature).toMatch(
      /^ARC-Message-Signature: a=rsa-sha256; b=\S+; bh=\S+; c=relaxed\/relaxed; d=forwarder\.example; h=from:to:subject:date:message-id; i=1; s=rsa; t=\d+$/,
    );
    expect(result.fields.authenticationResults).toMatch(/^ARC-Authentication-Results: i=1; mx\./);
  });

  it('fails on a body changed after the newest seal, naming the instance', async () => {
    const one = await sealed(MESSAGE, hop('forwarder.example', 'rsa', rsa.privateKey));
    const changed = Buffer.from(
      one.toString('latin1').replace('Hello, list.', 'Hello, world.'),
      'latin1',
    );
    const result = await verifyArc(changed, { resolver, clock });
    expect(result).toMatchObject({
      cv: 'fail',
      failedInstance: 1,
      failedPart: 'ARC-Message-Signature',
      failure: 'body-hash-mismatch',
    });
  });

  it('passes when a hop changes the body after validating and then seals (RFC 8617 5.2 step 4)', async () => {
    const one = await sealed(MESSAGE, hop('forwarder.example', 'rsa', rsa.privateKey));
    // The list validates on receipt, then adds its footer, then seals with what it found.
    const onReceipt = await verifyArc(one, { resolver, clock });
    expect(onReceipt.cv).toBe('pass');
    const footer = Buffer.from(`${one.toString('latin1')}-- list footer\r\n`, 'latin1');
    const two = await sealed(footer, {
      ...hop('list.example', 'ed', ed.privateKey),
      chain: onReceipt,
    });
    // Only the newest AMS is checked, so the older one's broken body hash does not matter.
    expect((await verifyArc(two, { resolver, clock })).cv).toBe('pass');
    // Without the receipt status, sealing verifies the changed message itself and records fail.
    const late = await sealMessage(footer, hop('list.example', 'ed', ed.privateKey), {
      clock,
      resolver,
    });
    expect(late).toMatchObject({ sealed: true, cv: 'fail' });
  });

  it('seals cv=fail over a broken chain, then refuses to add more', async () => {
    const one = await sealed(MESSAGE, hop('forwarder.example', 'rsa', rsa.privateKey));
    const broken = Buffer.from(one.toString('latin1').replace('cv=none', 'cv=pass'), 'latin1');
    const failed = await sealMessage(broken, hop('list.example', 'ed', ed.privateKey), {
      clock,
      resolver,
    });
    expect(failed).toMatchObject({ sealed: true, cv: 'fail', instance: 2 });
    if (!failed.sealed) return;
    const verdict = await verifyArc(failed.message, { resolver, clock });
    expect(verdict).toMatchObject({
      cv: 'fail',
      failure: 'chain-already-failed',
      failedInstance: 2,
    });
    const again = await sealMessage(
      failed.message,
      hop('forwarder.example', 'rsa', rsa.privateKey),
      {
        clock,
        resolver,
      },
    );
    expect(again).toMatchObject({ sealed: false, cv: 'fail' });
  });

  it('refuses bad configuration by throwing (not a protocol outcome)', async () => {
    await expect(
      sealMessage(
        MESSAGE,
        { ...hop('forwarder.example', 'rsa', rsa.privateKey), algorithm: 'ed25519-sha256' },
        { clock, resolver },
      ),
    ).rejects.toThrow(/does not fit/);
    await expect(
      sealMessage(MESSAGE, { ...hop('bad domain', 'rsa', rsa.privateKey) }, { clock, resolver }),
    ).rejects.toThrow(/invalid/);
    await expect(
      sealMessage(
        MESSAGE,
        { ...hop('forwarder.example', 'rsa', rsa.privateKey), headers: ['from', 'arc-seal'] },
        { clock, resolver },
      ),
    ).rejects.toThrow(/ARC-Seal/);
  });

  it('fails when the key is gone, keeping the DNS answer as evidence', async () => {
    const one = await sealed(MESSAGE, hop('forwarder.example', 'rsa', rsa.privateKey));
    const empty = createMemoryResolver([zoneFromRecords('', [])]);
    const r = await verifyArc(one, { resolver: empty, clock });
    expect(r).toMatchObject({
      cv: 'fail',
      failure: 'key-unusable',
      failedPart: 'ARC-Message-Signature',
    });
    expect(r.reason).toMatch(/rsa\._domainkey\.forwarder\.example does not exist/);
    expect(r.answers[0]?.status).toBe('nxdomain');
    const flaky = createMemoryResolver([zone], {
      faults: [{ name: 'rsa._domainkey.forwarder.example', fault: 'servfail' }],
    });
    expect((await verifyArc(one, { resolver: flaky, clock })).failure).toBe('key-dns-error');
  });
});
