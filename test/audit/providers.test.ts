import { describe, expect, it } from 'vitest';
import { dkimPublicKey, findingsOf, ids, startAuditWorld, txt } from './world.ts';

const key = dkimPublicKey(2048);
const base = (o: string, spf: string, dkim: string) =>
  `@ MX 10 mx\nmx A 192.0.2.10\n@ TXT "${spf}"\n_dmarc TXT "v=DMARC1; p=reject; rua=mailto:d@${o}"\n${dkim}`;

const world = await startAuditWorld({
  test: '',
  'sendgrid.net': [
    '@ TXT "v=spf1 ip4:167.89.0.0/17 ~all"',
    `s1.domainkey.u123.wl001 TXT ${txt(`v=DKIM1; k=rsa; p=${key}`)}`,
    `s2.domainkey.u123.wl001 TXT ${txt(`v=DKIM1; k=rsa; p=${key}`)}`,
  ].join('\n'),
  'google.com': '_spf TXT "v=spf1 ip4:64.233.160.0/19 ~all"\naspmx.l A 142.250.27.26',
  'dkim.amazonses.com': `abcdef123._domainkey TXT ${txt(`v=DKIM1; k=rsa; p=${key}`)}`,
  'sg.test': base(
    'sg.test',
    'v=spf1 include:sendgrid.net -all',
    's1._domainkey CNAME s1.domainkey.u123.wl001.sendgrid.net.',
  ),
  'sgfull.test': base(
    'sgfull.test',
    'v=spf1 include:sendgrid.net -all',
    's1._domainkey CNAME s1.domainkey.u123.wl001.sendgrid.net.\ns2._domainkey CNAME s2.domainkey.u123.wl001.sendgrid.net.',
  ),
  'gw.test': `@ MX 1 aspmx.l.google.com.\n@ TXT "v=spf1 include:_spf.google.com -all"\n_dmarc TXT "v=DMARC1; p=reject; rua=mailto:d@gw.test"`,
  'ses.test': base(
    'ses.test',
    'v=spf1 include:amazonses.com -all',
    'abcdef123._domainkey CNAME abcdef123._domainkey.dkim.amazonses.com.',
  ),
});

describe('mxray check: provider recognition and generic provider rules', () => {
  it('PROVIDER_DETECTED for SendGrid by SPF include and CNAME target suffix', async () => {
    const r = await world.check('sgfull.test');
    expect(findingsOf(r, 'PROVIDER_DETECTED')[0]?.data?.provider).toBe('sendgrid');
    expect(r.providers[0]?.by).toEqual(expect.arrayContaining(['spf', 'dkim']));
    expect(findingsOf(r, 'DKIM_KEY_OK')).toHaveLength(2);
  });
  it('PROVIDER_SELECTOR_MISSING when SendGrid s2 is missing', async () => {
    const [f] = findingsOf(await world.check('sg.test'), 'PROVIDER_SELECTOR_MISSING');
    expect(f?.subject).toBe('s2._domainkey.sg.test');
  });
  it('PROVIDER_SELECTOR_MISSING when Google Workspace sends but no google selector exists', async () => {
    const r = await world.check('gw.test');
    expect(r.provider).toBe('Google Workspace');
    expect(ids(r)).toContain('PROVIDER_SELECTOR_MISSING');
  });
  it('recognises Amazon SES by the CNAME target suffix of a user-given selector', async () => {
    const r = await world.check('ses.test', ['abcdef123']);
    expect(r.providers.map((p) => p.id)).toContain('amazon-ses');
    expect(ids(r)).toContain('DKIM_KEY_OK');
  });
});
