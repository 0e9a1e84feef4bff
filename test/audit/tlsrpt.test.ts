import { describe, expect, it } from 'vitest';
import { startPolicyServers } from '../mtasts/policy-server.ts';
import { findingsOf, healthy, ids, startAuditWorld } from './world.ts';

const enforce = 'version: STSv1\nmode: enforce\nmx: mx.enforced.test\nmax_age: 604800\n';
const { fetcher } = await startPolicyServers({ 'mta-sts.enforced.test': { body: enforce } });

const world = await startAuditWorld(
  {
    test: '',
    'none.test': healthy('none.test'),
    'enforced.test': healthy('enforced.test', '_mta-sts TXT "v=STSv1; id=1"'),
    'ok.test': healthy(
      'ok.test',
      '_smtp._tls TXT "v=TLSRPTv1; rua=mailto:tls@ok.test,https://reports.example.net/tlsrpt"',
    ),
    'norua.test': healthy('norua.test', '_smtp._tls TXT "v=TLSRPTv1"'),
    'http.test': healthy(
      'http.test',
      '_smtp._tls TXT "v=TLSRPTv1; rua=http://reports.example.net/"',
    ),
    'two.test': healthy(
      'two.test',
      '_smtp._tls TXT "v=TLSRPTv1; rua=mailto:a@two.test"\n_smtp._tls TXT "v=TLSRPTv1; rua=mailto:b@two.test"',
    ),
    'servfail.test': healthy('servfail.test'),
  },
  [{ name: '_smtp._tls.servfail.test', fault: 'servfail' }],
  fetcher,
);

describe('mxray check: TLS-RPT (embedded server on loopback)', () => {
  it('TLSRPT_OK lists every mailto: and https: destination', async () => {
    const [f] = findingsOf(await world.check('ok.test'), 'TLSRPT_OK');
    expect(f?.summary).toContain('mailto:tls@ok.test, https://reports.example.net/tlsrpt');
  });
  it('TLSRPT_MISSING is info without MTA-STS', async () => {
    const [f] = findingsOf(await world.check('none.test'), 'TLSRPT_MISSING');
    expect(f?.severity).toBe('info');
  });
  it('TLSRPT_MISSING is a warning when MTA-STS is enforced', async () => {
    const r = await world.check('enforced.test');
    expect(ids(r)).toContain('MTASTS_OK');
    const [f] = findingsOf(r, 'TLSRPT_MISSING');
    expect(f?.severity).toBe('warning');
    expect(f?.explanation).toContain('enforce mode');
  });
  it('TLSRPT_INVALID without rua=, with an http: rua, and with two records', async () => {
    const [norua] = findingsOf(await world.check('norua.test'), 'TLSRPT_INVALID');
    expect(norua?.summary).toContain('rua= field is missing');
    const [http] = findingsOf(await world.check('http.test'), 'TLSRPT_INVALID');
    expect(http?.summary).toContain('http:');
    const [two] = findingsOf(await world.check('two.test'), 'TLSRPT_INVALID');
    expect(two?.summary).toContain('2 TXT records');
  });
  it('DNS_TEMPERROR, never TLSRPT_MISSING, when _smtp._tls answers SERVFAIL', async () => {
    const r = await world.check('servfail.test');
    expect(findingsOf(r, 'DNS_TEMPERROR').map((f) => f.subject)).toContain(
      '_smtp._tls.servfail.test TXT',
    );
    expect(ids(r)).not.toContain('TLSRPT_MISSING');
  });
});
