import { describe, expect, it } from 'vitest';
import { findResults, parseAuthenticationResults } from '../../src/authres/index.ts';

/**
 * Authentication-Results values in the forms real receivers write (fields folded as received).
 * Written for these tests after the receivers' documented and observed formats; domains and
 * signatures are examples.
 */
const GMAIL = `mx.google.com;
       dkim=pass header.i=@example.com header.s=20230601 header.b=Qm3/xT+a;
       arc=pass (i=1 spf=pass spfdomain=example.com dkim=pass dkdomain=example.com dmarc=pass fromdomain=example.com);
       spf=pass (google.com: domain of ann@example.com designates 192.0.2.10 as permitted sender) smtp.mailfrom=ann@example.com;
       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.com`;

const MICROSOFT = `spf=pass (sender IP is 192.0.2.25)
 smtp.mailfrom=example.com; dkim=pass (signature was verified)
 header.d=example.com;dmarc=pass action=none
 header.from=example.com;compauth=pass reason=100`;

const MICROSOFT_MID_ID = `spf=softfail (sender IP is 198.51.100.7)
 smtp.mailfrom=example.org; contoso.mail.onmicrosoft.com; dkim=fail
 (signature did not verify)
 header.d=example.org;contoso.mail.onmicrosoft.com; dmarc=fail
 action=oreject header.from=example.org;`;

const YAHOO = `atlas-production.v2-mail-prod1-gq1.omega.yahoo.com;
 dkim=pass header.i=@gmail.com header.s=20230601;
 spf=pass smtp.mailfrom=gmail.com;
 dmarc=pass(p=NONE sp=QUARANTINE dis=NONE) header.from=gmail.com;`;

const FASTMAIL = `mx3.messagingengine.com;
    dkim=pass (2048-bit rsa key sha256) header.d=example.com
      header.i=@example.com header.b=lHRQJiv9 header.a=rsa-sha256
      header.s=fm1 x-bits=2048;
    dmarc=pass policy.published-domain-policy=reject
      policy.applied-disposition=none policy.evaluated-disposition=none
      (p=reject,d=none,d.eval=none) policy.policy-from=p
      header.from=example.com;
    iprev=pass smtp.remote-ip=192.0.2.33 (mail-ot1-f71.example.com);
    spf=pass smtp.mailfrom=bounce@example.com
      smtp.helo=mail-ot1-f71.example.com;
    x-aligned-from=pass (Address match);
    x-me-sender=none`;

const PROTON = `mail.protonmail.ch; dkim=pass (2048-bit key)
 header.d=example.com header.i=@example.com header.b="AbC/dE+f"; arc=none
 smtp.remote-ip=192.0.2.40; dmarc=pass (p=quarantine dis=none) header.from=example.com;
 spf=pass smtp.mailfrom=example.com`;

const MAILAUTH = `mx.example.net;
 dkim=pass header.i=@example.com header.s=default header.a=rsa-sha256 header.b="AbCdEfGh";
 spf=pass (mx.example.net: domain of sender@example.com designates 192.0.2.1 as permitted sender) smtp.mailfrom=sender@example.com smtp.helo=mail.example.com;
 arc=pass (i=1 spf=pass dkim=pass dkdomain=example.com);
 dmarc=pass (p=NONE arc=pass) header.from=example.com`;

const OPENDKIM = `mail.example.org;
	dkim=pass (2048-bit key; unprotected) header.d=example.com header.i=@example.com header.a=rsa-sha256 header.s=mail header.b=glE73hE7;
	dkim-atps=neutral`;

const OPENDMARC = `mail.example.org/4B2C91F3A0; dmarc=fail (p=none dis=none) header.from=example.com`;

describe('parseAuthenticationResults on real receivers', () => {
  it('Gmail: header.b with "/" and "+", arc= with a comment holding "=", spf comment', () => {
    const ar = parseAuthenticationResults(GMAIL);
    expect(ar.authservId).toBe('mx.google.com');
    expect(ar.results.map((r) => `${r.method}=${r.result}`)).toEqual([
      'dkim=pass',
      'arc=pass',
      'spf=pass',
      'dmarc=pass',
    ]);
    const [dkim] = findResults(ar, 'dkim');
    expect(dkim?.get('header', 'b')).toBe('Qm3/xT+a');
    expect(dkim?.get('header', 'i')).toBe('@example.com');
    expect(findResults(ar, 'arc')[0]?.comment).toContain('dkdomain=example.com');
    expect(findResults(ar, 'spf')[0]?.comment).toMatch(/^google\.com: domain of/);
    expect(findResults(ar, 'dmarc')[0]?.comment).toBe('p=REJECT sp=REJECT dis=NONE');
    expect(ar.unparsed).toBeUndefined();
  });

  it('Microsoft 365: no authserv-id, bare action=, compauth with reason=, no space after ";"', () => {
    const ar = parseAuthenticationResults(MICROSOFT);
    expect(ar.authservId).toBe('');
    expect(ar.results.map((r) => r.method)).toEqual(['spf', 'dkim', 'dmarc', 'compauth']);
    const dmarc = ar.results[2];
    expect(dmarc?.properties).toEqual([
      { ptype: '', property: 'action', value: 'none' },
      { ptype: 'header', property: 'from', value: 'example.com' },
    ]);
    expect(ar.results[3]).toMatchObject({ method: 'compauth', result: 'pass', reason: '100' });
    expect(ar.unparsed).toBeUndefined();
  });

  it('Microsoft 365 with its authserv-id written between results', () => {
    const ar = parseAuthenticationResults(MICROSOFT_MID_ID);
    expect(ar.authservId).toBe('contoso.mail.onmicrosoft.com');
    expect(ar.results.map((r) => `${r.method}=${r.result}`)).toEqual([
      'spf=softfail',
      'dkim=fail',
      'dmarc=fail',
    ]);
    expect(ar.results[1]?.comment).toBe('signature did not verify');
    // The second copy of the id is not a result; it is kept as unparsed text, not lost silently.
    expect(ar.unparsed).toBe('contoso.mail.onmicrosoft.com');
  });

  it('Yahoo: a comment glued to the result, trailing ";"', () => {
    const ar = parseAuthenticationResults(YAHOO);
    const dmarc = findResults(ar, 'dmarc')[0];
    expect(dmarc?.result).toBe('pass');
    expect(dmarc?.comment).toBe('p=NONE sp=QUARANTINE dis=NONE');
    expect(dmarc?.get('header', 'from')).toBe('gmail.com');
    expect(ar.results).toHaveLength(3);
  });

  it('Fastmail: policy.* properties, bare x-bits=, property comments, x- methods', () => {
    const ar = parseAuthenticationResults(FASTMAIL);
    expect(ar.results.map((r) => r.method)).toEqual([
      'dkim',
      'dmarc',
      'iprev',
      'spf',
      'x-aligned-from',
      'x-me-sender',
    ]);
    const dkim = findResults(ar, 'dkim')[0];
    expect(dkim?.comment).toBe('2048-bit rsa key sha256');
    expect(dkim?.properties).toContainEqual({ ptype: '', property: 'x-bits', value: '2048' });
    const dmarc = findResults(ar, 'dmarc')[0];
    expect(dmarc?.get('policy', 'published-domain-policy')).toBe('reject');
    expect(dmarc?.properties.find((p) => p.property === 'evaluated-disposition')?.comment).toBe(
      'p=reject,d=none,d.eval=none',
    );
    const iprev = findResults(ar, 'iprev')[0];
    expect(iprev?.properties[0]).toEqual({
      ptype: 'smtp',
      property: 'remote-ip',
      value: '192.0.2.33',
      comment: 'mail-ot1-f71.example.com',
    });
    expect(ar.unparsed).toBeUndefined();
  });

  it('Proton: a quoted header.b, arc=none with smtp.remote-ip', () => {
    const ar = parseAuthenticationResults(PROTON);
    expect(findResults(ar, 'dkim')[0]?.get('header', 'b')).toBe('AbC/dE+f');
    expect(findResults(ar, 'arc')[0]?.get('smtp', 'remote-ip')).toBe('192.0.2.40');
    expect(findResults(ar, 'spf')[0]?.get('smtp', 'mailfrom')).toBe('example.com');
  });

  it('mailauth: quoted values and comments', () => {
    const ar = parseAuthenticationResults(MAILAUTH);
    expect(ar.authservId).toBe('mx.example.net');
    expect(findResults(ar, 'dkim')[0]?.get('header', 'b')).toBe('AbCdEfGh');
    expect(findResults(ar, 'spf')[0]?.get('smtp', 'helo')).toBe('mail.example.com');
    expect(findResults(ar, 'dmarc')[0]?.comment).toBe('p=NONE arc=pass');
  });

  it('OpenDKIM and OpenDMARC (with a job id after the authserv-id)', () => {
    const dkim = parseAuthenticationResults(OPENDKIM);
    expect(dkim.results.map((r) => `${r.method}=${r.result}`)).toEqual([
      'dkim=pass',
      'dkim-atps=neutral',
    ]);
    expect(dkim.results[0]?.comment).toBe('2048-bit key; unprotected');
    const dmarc = parseAuthenticationResults(OPENDMARC);
    expect(dmarc.authservId).toBe('mail.example.org/4B2C91F3A0');
    expect(dmarc.results[0]).toMatchObject({ method: 'dmarc', result: 'fail' });
  });

  it('dkim=temperror with a comment and header.i/header.s', () => {
    const ar = parseAuthenticationResults(
      'mx.example.net; dkim=temperror (no key for signature) header.i=@example.com header.s=selector1',
    );
    expect(ar.results[0]).toEqual({
      method: 'dkim',
      result: 'temperror',
      comment: 'no key for signature',
      properties: [
        { ptype: 'header', property: 'i', value: '@example.com' },
        { ptype: 'header', property: 's', value: 'selector1' },
      ],
    });
  });
});
