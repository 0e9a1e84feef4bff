import { describe, expect, it } from 'vitest';
import { dkimPublicKey, findingsOf, ids, startAuditWorld, txt } from './world.ts';

const key = dkimPublicKey(2048);
const m365 = (o: string, dmarc: string, dkim: string) =>
  `@ MX 0 ${o.replace(/\./g, '-')}.mail.protection.outlook.com.\n@ TXT "v=spf1 include:spf.protection.outlook.com -all"\n_dmarc TXT "${dmarc}"\n${dkim}`;
const cname = (sel: string, o: string, tenant = 'tenant') =>
  `${sel}._domainkey CNAME ${sel}-${o.replace(/\./g, '-')}._domainkey.${tenant}.onmicrosoft.com.`;
const both = (o: string, tenant = 'tenant') =>
  `${cname('selector1', o, tenant)}\n${cname('selector2', o, tenant)}`;

const world = await startAuditWorld({
  test: '',
  'outlook.com': [
    'spf.protection TXT "v=spf1 ip4:40.107.0.0/16 -all"',
    ...['none', 'active', 'half', 'txt', 'dots', 'fresh', 'swapped'].map(
      (d) => `${d}-test.mail.protection A 52.101.0.1`,
    ),
  ].join('\n'),
  'onmicrosoft.com': [
    `selector2-active-test._domainkey.tenant TXT ${txt(`v=DKIM1; k=rsa; p=${key}`)}`,
    `selector1-half-test._domainkey.tenant TXT ${txt(`v=DKIM1; k=rsa; p=${key}`)}`,
    `selector1-dots-test._domainkey.tenant TXT ${txt(`v=DKIM1; k=rsa; p=${key}`)}`,
    `selector1-swapped-test._domainkey.tenant TXT ${txt(`v=DKIM1; k=rsa; p=${key}`)}`,
  ].join('\n'),
  'mail.microsoft': `selector1-fresh-test._domainkey.fresh.n-v1.dkim TXT ${txt(`v=DKIM1; k=rsa; p=${key}`)}`,
  'none.test': m365('none.test', 'v=DMARC1; p=quarantine', both('none.test')),
  'active.test': m365('active.test', 'v=DMARC1; p=reject', both('active.test')),
  'half.test': m365('half.test', 'v=DMARC1; p=reject', cname('selector1', 'half.test')),
  'txt.test': m365(
    'txt.test',
    'v=DMARC1; p=reject',
    `selector1._domainkey TXT ${txt(`v=DKIM1; k=rsa; p=${key}`)}\n${cname('selector2', 'txt.test')}`,
  ),
  'dots.test': m365(
    'dots.test',
    'v=DMARC1; p=reject',
    `${cname('selector1', 'dots.test')}\nselector2._domainkey CNAME selector2-dots.test._domainkey.tenant.onmicrosoft.com.`,
  ),
  'fresh.test': m365(
    'fresh.test',
    'v=DMARC1; p=reject',
    'selector1._domainkey CNAME selector1-fresh-test._domainkey.fresh.n-v1.dkim.mail.microsoft.\nselector2._domainkey CNAME selector2-fresh-test._domainkey.fresh.n-v1.dkim.mail.microsoft.',
  ),
  'swapped.test': m365(
    'swapped.test',
    'v=DMARC1; p=reject',
    `${cname('selector1', 'swapped.test')}\nselector2._domainkey CNAME selector1-swapped-test._domainkey.tenant.onmicrosoft.com.`,
  ),
});

describe('mxray check: Microsoft 365 rules (the story)', () => {
  it('neither selector published: DKIM_NO_VALID_KEY with the story headline, both CNAMEs dangling', async () => {
    const r = await world.check('none.test');
    expect(r.provider).toBe('Microsoft 365');
    expect(r.verdict).toBe('fail');
    expect(r.headline).toContain(
      'Mail from none.test signed by Microsoft 365 will fail DKIM: no key is published for selector1 or selector2',
    );
    expect(
      findingsOf(r, 'DKIM_CNAME_DANGLING')
        .map((f) => f.subject)
        .sort(),
    ).toEqual(['selector1._domainkey.none.test', 'selector2._domainkey.none.test']);
    expect(findingsOf(r, 'DKIM_NO_VALID_KEY')[0]?.explanation).toContain('p=quarantine');
  });

  it('only the active selector published: info, not an error (rotation model)', async () => {
    const r = await world.check('active.test');
    const [inactive] = findingsOf(r, 'M365_SELECTOR_INACTIVE');
    expect(inactive?.severity).toBe('info');
    expect(inactive?.subject).toBe('selector1._domainkey.active.test');
    expect(ids(r)).not.toContain('DKIM_CNAME_DANGLING');
    expect(ids(r)).not.toContain('DKIM_NO_VALID_KEY');
    expect(findingsOf(r, 'DKIM_KEY_OK')[0]?.subject).toBe('selector2._domainkey.active.test');
    expect(r.verdict).not.toBe('fail');
  });

  it('the signing selector (--selector) without a key is an error even if the other has one', async () => {
    const r = await world.check('active.test', ['selector1']);
    expect(findingsOf(r, 'DKIM_CNAME_DANGLING')[0]?.severity).toBe('error');
    expect(ids(r)).not.toContain('M365_SELECTOR_INACTIVE');
    expect(r.verdict).toBe('fail');
  });

  it('M365_CNAME_MISSING when selector2 has no CNAME', async () => {
    const [f] = findingsOf(await world.check('half.test'), 'M365_CNAME_MISSING');
    expect(f?.severity).toBe('warning');
    expect(f?.subject).toBe('selector2._domainkey.half.test');
  });

  it('M365_TXT_INSTEAD_OF_CNAME for a key copied into the customer zone', async () => {
    expect(ids(await world.check('txt.test'))).toContain('M365_TXT_INSTEAD_OF_CNAME');
  });

  it('M365_CNAME_TARGET_MALFORMED for a hand-built target with dots instead of dashes', async () => {
    const [f] = findingsOf(await world.check('dots.test'), 'M365_CNAME_TARGET_MALFORMED');
    expect(f?.summary).toContain('dots where Microsoft uses dashes');
  });

  it('M365_CNAME_TARGET_MALFORMED for swapped selector targets', async () => {
    const [f] = findingsOf(await world.check('swapped.test'), 'M365_CNAME_TARGET_MALFORMED');
    expect(f?.summary).toContain('swapped');
  });

  it('accepts the May 2025 <prefix>.<c>-v1.dkim.mail.microsoft target form', async () => {
    const r = await world.check('fresh.test');
    expect(ids(r)).not.toContain('M365_CNAME_TARGET_MALFORMED');
    expect(ids(r)).toContain('M365_SELECTOR_INACTIVE');
    expect(r.providers.find((p) => p.id === 'microsoft365')?.by).toEqual(
      expect.arrayContaining(['mx', 'spf', 'dkim']),
    );
  });
});
