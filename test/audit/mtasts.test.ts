import { describe, expect, it } from 'vitest';
import { startPolicyServers } from '../mtasts/policy-server.ts';
import { findingsOf, healthy, ids, startAuditWorld } from './world.ts';

const policy = (mode: string, mx: string[], maxAge = 604800) =>
  `version: STSv1\r\nmode: ${mode}\r\n${mx.map((m) => `mx: ${m}\r\n`).join('')}max_age: ${maxAge}\r\n`;
const sts = '_mta-sts TXT "v=STSv1; id=20240101T000000"';

const { fetcher } = await startPolicyServers(
  {
    'mta-sts.enforce.test': { body: policy('enforce', ['mx.enforce.test']) },
    'mta-sts.wild.test': { body: policy('enforce', ['*.wild.test']) },
    'mta-sts.testing.test': { body: policy('testing', ['mx.testing.test']) },
    'mta-sts.uncovered.test': { body: policy('enforce', ['other.uncovered.test']) },
    'mta-sts.uncoveredtesting.test': { body: policy('testing', ['*.example.net']) },
    'mta-sts.badpolicy.test': { body: policy('enforce', ['mx.badpolicy.test'], 99999999) },
    'mta-sts.html.test': { body: policy('enforce', ['mx.html.test']), contentType: 'text/html' },
    'mta-sts.dup.test': { body: `${policy('enforce', ['mx.dup.test'])}mode: none\n` },
    'mta-sts.redirect.test': { status: 301, headers: { location: 'https://www.redirect.test/' } },
    'mta-sts.gone.test': { status: 404, body: 'not found' },
    'mta-sts.big.test': { body: `version: STSv1\n# ${'x'.repeat(70_000)}\n` },
    'mta-sts.modenone.test': { body: 'version: STSv1\nmode: none\nmax_age: 86400\n' },
  },
  { 'mta-sts.badcert.test': { body: policy('enforce', ['mx.badcert.test']) } },
);

const withSts = (origin: string, extra = '') => healthy(origin, `${sts}\n${extra}`);
const zones = {
  test: '',
  'none.test': healthy('none.test'),
  'enforce.test': withSts(
    'enforce.test',
    '_smtp._tls TXT "v=TLSRPTv1; rua=mailto:tls@enforce.test"',
  ),
  'wild.test': withSts('wild.test', '@ MX 20 mx2\nmx2 A 192.0.2.11'),
  'testing.test': withSts('testing.test'),
  'uncovered.test': withSts('uncovered.test'),
  'uncoveredtesting.test': withSts('uncoveredtesting.test'),
  'badrecord.test': healthy('badrecord.test', '_mta-sts TXT "v=STSv1; id=not-alphanumeric!"'),
  'tworecords.test': healthy('tworecords.test', `${sts}\n_mta-sts TXT "v=STSv1; id=2"`),
  'badpolicy.test': withSts('badpolicy.test'),
  'html.test': withSts('html.test'),
  'dup.test': withSts('dup.test'),
  'redirect.test': withSts('redirect.test'),
  'gone.test': withSts('gone.test'),
  'big.test': withSts('big.test'),
  'badcert.test': withSts('badcert.test'),
  'modenone.test': withSts('modenone.test'),
  'servfail.test': withSts('servfail.test'),
};
const world = await startAuditWorld(
  zones,
  [{ name: '_mta-sts.servfail.test', fault: 'servfail' }],
  fetcher,
);
const noFetcher = await startAuditWorld({ test: '', 'enforce.test': zones['enforce.test'] });

describe('mxray check: MTA-STS (embedded DNS and a real HTTPS server on loopback)', () => {
  it('MTASTS_OK for an enforced policy that lists the MX host, with the TLS version in data', async () => {
    const r = await world.check('enforce.test');
    const [f] = findingsOf(r, 'MTASTS_OK');
    expect(f?.severity).toBe('ok');
    expect(JSON.stringify(f?.data)).toMatch(/TLSv1\.[23]/);
    expect(ids(r).filter((id) => id.startsWith('MTASTS_'))).toEqual(['MTASTS_OK']);
  });
  it('MTASTS_OK when a *. pattern covers both MX hosts', async () => {
    expect(ids(await world.check('wild.test'))).toContain('MTASTS_OK');
  });
  it('MTASTS_MISSING (info) without an _mta-sts record', async () => {
    const r = await world.check('none.test');
    const [f] = findingsOf(r, 'MTASTS_MISSING');
    expect(f?.severity).toBe('info');
    expect(r.findings.filter((g) => g.id.startsWith('MTASTS_')).map((g) => g.id)).toEqual([
      'MTASTS_MISSING',
    ]);
  });
  it('MTASTS_MISSING for a policy in mode none', async () => {
    const [f] = findingsOf(await world.check('modenone.test'), 'MTASTS_MISSING');
    expect(f?.summary).toContain('mode none');
  });
  it('MTASTS_TESTING for mode testing, and no MTASTS_OK', async () => {
    const r = await world.check('testing.test');
    expect(ids(r)).toContain('MTASTS_TESTING');
    expect(ids(r)).not.toContain('MTASTS_OK');
  });
  it('MTASTS_MX_NOT_COVERED is an error in enforce mode and names the host', async () => {
    const r = await world.check('uncovered.test');
    const [f] = findingsOf(r, 'MTASTS_MX_NOT_COVERED');
    expect(f?.severity).toBe('error');
    expect(f?.summary).toContain('mx.uncovered.test');
    expect(r.verdict).toBe('fail');
  });
  it('MTASTS_MX_NOT_COVERED is a warning in testing mode', async () => {
    const [f] = findingsOf(await world.check('uncoveredtesting.test'), 'MTASTS_MX_NOT_COVERED');
    expect(f?.severity).toBe('warning');
  });
  it('MTASTS_RECORD_INVALID for a bad id=, and for two v=STSv1 records', async () => {
    const [bad] = findingsOf(await world.check('badrecord.test'), 'MTASTS_RECORD_INVALID');
    expect(bad?.summary).toContain('id=');
    const [two] = findingsOf(await world.check('tworecords.test'), 'MTASTS_RECORD_INVALID');
    expect(two?.summary).toContain('2 TXT records');
  });
  it('MTASTS_POLICY_INVALID for max_age above one year, and for Content-Type text/html', async () => {
    const [age] = findingsOf(await world.check('badpolicy.test'), 'MTASTS_POLICY_INVALID');
    expect(age?.summary).toContain('max_age 99999999');
    const [html] = findingsOf(await world.check('html.test'), 'MTASTS_POLICY_INVALID');
    expect(html?.summary).toContain('text/html');
  });
  it('MTASTS_POLICY_WARNING for a repeated mode line (the first wins, so the policy still enforces)', async () => {
    const r = await world.check('dup.test');
    const [f] = findingsOf(r, 'MTASTS_POLICY_WARNING');
    expect(f?.summary).toContain('mode appears twice');
    expect(ids(r)).not.toContain('MTASTS_OK');
  });
  it('MTASTS_POLICY_UNREACHABLE names the cause: redirect, HTTP status, size, certificate', async () => {
    const cause = async (domain: string) => {
      const [f] = findingsOf(await world.check(domain), 'MTASTS_POLICY_UNREACHABLE');
      expect(f?.severity).toBe('error');
      return f?.data?.['kind'] + ': ' + f?.summary;
    };
    expect(await cause('redirect.test')).toMatch(
      /^http-status: .*301 redirect to https:\/\/www\.redirect\.test\//,
    );
    expect(await cause('gone.test')).toMatch(/^http-status: .*HTTP 404/);
    expect(await cause('big.test')).toMatch(/^too-large: .*65536 bytes/);
    expect(await cause('badcert.test')).toMatch(/^tls: .*mta-sts\.badcert\.test/);
  });
  it('DNS_TEMPERROR, never MTASTS_MISSING, when _mta-sts answers SERVFAIL', async () => {
    const r = await world.check('servfail.test');
    expect(
      findingsOf(r, 'DNS_TEMPERROR').some((f) => f.subject === '_mta-sts.servfail.test TXT'),
    ).toBe(true);
    expect(ids(r)).not.toContain('MTASTS_MISSING');
  });
  it('MTASTS_POLICY_NOT_CHECKED when the caller gives no fetcher', async () => {
    const r = await noFetcher.check('enforce.test');
    expect(ids(r)).toContain('MTASTS_POLICY_NOT_CHECKED');
    expect(ids(r)).not.toContain('MTASTS_OK');
  });
});
