import { describe, expect, it } from 'vitest';
import { authenticateMessage } from '../../src/authenticate/index.ts';
import { parseAuthenticationResults, findResults } from '../../src/authres/index.ts';
import { fixture, startFixtureDns } from './world.ts';

const ctx = await startFixtureDns();
const auth = (name: string | Buffer, connection = {}) =>
  authenticateMessage(typeof name === 'string' ? fixture(name) : name, {
    resolver: ctx.resolver,
    clock: ctx.clock,
    connection,
  });

describe('authenticateMessage on the fixture messages (embedded DNS on loopback)', () => {
  it('Gmail, all passing: facts from the Received hop, verdicts and our Authentication-Results', async () => {
    const a = await auth('gmail-pass.eml');
    expect(a.connection).toMatchObject({
      ip: '192.0.2.10',
      helo: 'mail.example.com',
      mailFrom: 'bounce@example.com',
      source: { ip: 'received', helo: 'received', mailFrom: 'return-path' },
      received: { hop: 2, by: 'mx.google.com' },
    });
    expect(a.spf).toMatchObject({ result: 'pass', domain: 'example.com', identity: 'mailfrom' });
    expect(a.dkim.map((d) => [d.domain, d.selector, d.result])).toEqual([
      ['example.com', '20230601', 'pass'],
    ]);
    expect(a.dmarc).toMatchObject({ result: 'pass', disposition: 'none', domain: 'example.com' });
    expect(a.dnsCauses).toEqual([]);
    const ar = parseAuthenticationResults(a.authenticationResults);
    expect(ar.authservId).toBe('mxray');
    expect(ar.results.map((r) => `${r.method}=${r.result}`)).toEqual([
      'spf=pass',
      'dkim=pass',
      'arc=none',
      'dmarc=pass',
    ]);
    expect(a.arc).toMatchObject({ result: 'none', instance: 0 });
    expect(findResults(ar, 'dkim')[0]?.get('header', 's')).toBe('20230601');
    expect(findResults(ar, 'spf')[0]?.get('smtp', 'mailfrom')).toBe('bounce@example.com');
  });

  it('the story: selector1 CNAME dangles → DKIM permerror key-nxdomain with the chain, DMARC passes on SPF', async () => {
    const a = await auth('gmail-contoso-dangling-selector.eml');
    const [sig] = a.dkim;
    expect(sig).toMatchObject({
      domain: 'contoso.example',
      selector: 'selector1',
      result: 'permerror',
      reason: 'key-nxdomain',
    });
    expect(sig?.dns?.chain.map((h) => h.to)).toEqual([
      'selector1-contoso-example._domainkey.contoso.onmicrosoft.example',
    ]);
    expect(a.dmarc).toMatchObject({ result: 'pass', disposition: 'none' });
    expect(a.dnsCauses).toEqual([
      expect.objectContaining({
        method: 'dkim',
        domain: 'contoso.example',
        selector: 'selector1',
        name: 'selector1._domainkey.contoso.example',
        status: 'nxdomain',
      }),
    ]);
    expect(a.authenticationResults).toMatch(/dkim=permerror reason="the key record at selector1/);
  });

  it('Microsoft 365, failing: SPF softfail, body hash fails, DMARC fail → quarantine', async () => {
    const a = await auth('m365-woodgrove-quarantine.eml');
    expect(a.connection.ip).toBe('203.0.113.7');
    expect(a.spf).toMatchObject({ result: 'softfail', domain: 'woodgrove.example' });
    expect(a.dkim[0]).toMatchObject({ result: 'fail', reason: 'body-hash-mismatch' });
    expect(a.dmarc).toMatchObject({
      result: 'fail',
      disposition: 'quarantine',
      domain: 'woodgrove.example',
    });
    expect(a.dnsCauses.map((c) => `${c.method} ${c.name}`)).toEqual([
      'spf woodgrove.example',
      'dmarc _dmarc.woodgrove.example',
    ]);
    expect(a.dnsCauses[0]?.summary).toContain('does not authorise 203.0.113.7');
    expect(a.authenticationResults).toContain('dmarc=fail (p=QUARANTINE dis=QUARANTINE)');
    // Tailspin's relay added the footer and sealed what it saw: the chain verifies.
    expect(a.arc).toMatchObject({ result: 'pass', instance: 1, sealer: 'tailspin.example' });
    expect(a.authenticationResults).toContain('arc=pass (i=1 d=tailspin.example)');
  });

  it('given connection facts override the header: an authorised IP makes SPF and DMARC pass', async () => {
    const a = await auth('m365-woodgrove-quarantine.eml', {
      ip: '192.0.2.200',
      mailFrom: 'alerts@woodgrove.example',
    });
    expect(a.connection.source).toMatchObject({ ip: 'option', mailFrom: 'option' });
    expect(a.spf.result).toBe('pass');
    expect(a.dmarc).toMatchObject({ result: 'pass', disposition: 'none' });
  });

  it('a broken ARC seal: arc=fail with the failing instance, DMARC untouched', async () => {
    const raw = fixture('m365-woodgrove-quarantine.eml').toString('latin1');
    const tampered = raw.replace(
      'Subject: Your statement is ready',
      'Subject: Your statement is READY',
    );
    const a = await auth(Buffer.from(tampered, 'latin1'));
    expect(a.arc).toMatchObject({ result: 'fail', instance: 1 });
    expect(a.arc.verification.failedPart).toBe('ARC-Message-Signature');
    expect(a.authenticationResults).toMatch(/arc=fail \(i=1 d=tailspin\.example\) reason=/);
    expect(a.dmarc.result).toBe('fail');
  });

  it('the null sender checks the HELO identity (RFC 7208 2.4)', async () => {
    const a = await auth('gmail-pass.eml', { mailFrom: '', helo: 'mail.example.com' });
    expect(a.spf).toMatchObject({ identity: 'helo', domain: 'mail.example.com' });
    expect(a.authenticationResults).toContain('smtp.helo=mail.example.com');
  });

  it('no Received hop and no --ip: SPF is not evaluated and says why; DKIM still decides DMARC', async () => {
    const bytes = fixture('gmail-pass.eml').toString('latin1');
    const body = bytes.slice(bytes.indexOf('DKIM-Signature:'));
    const a = await auth(Buffer.from(body, 'latin1'));
    expect(a.connection.ip).toBeNull();
    expect(a.spf).toMatchObject({ result: 'none', domain: '' });
    expect(a.spf.reason).toMatch(/client IP is unknown/);
    expect(a.spf.evaluation).toBeUndefined();
    expect(a.dmarc.result).toBe('pass');
  });

  it('two From fields: DMARC permerror without a lookup, and the message is not fatal', async () => {
    const a = await auth(
      Buffer.from('From: a@example.com\r\nFrom: b@example.org\r\nSubject: x\r\n\r\nhi\r\n'),
      { ip: '192.0.2.10', mailFrom: 'a@example.com', helo: 'mail.example.com' },
    );
    expect(a.dmarc).toMatchObject({ result: 'permerror', disposition: 'none', fromDomain: null });
    expect(a.dkim).toEqual([]);
    expect(a.authenticationResults).toContain('dkim=none (message not signed)');
  });
});
