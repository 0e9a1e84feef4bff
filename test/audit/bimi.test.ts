import { describe, expect, it } from 'vitest';
import { findingsOf, ids, startAuditWorld } from './world.ts';

const base = (dmarc: string, bimi: string) =>
  `@ MX 10 mx\nmx A 192.0.2.10\n@ TXT "v=spf1 mx -all"\n_dmarc TXT "${dmarc}"\n${bimi}`;
const reject = 'v=DMARC1; p=reject; rua=mailto:d@example.net';
const full =
  'default._bimi TXT "v=BIMI1; l=https://brand.test/logo.svg; a=https://brand.test/vmc.pem"';

const world = await startAuditWorld(
  {
    test: '',
    'full.test': base(reject, full),
    'nocert.test': base(reject, 'default._bimi TXT "v=BIMI1; l=https://brand.test/logo.svg"'),
    'monitor.test': base('v=DMARC1; p=none; rua=mailto:d@example.net', full),
    'partial.test': base('v=DMARC1; p=quarantine; pct=50; rua=mailto:d@example.net', full),
    'http.test': base(reject, 'default._bimi TXT "v=BIMI1; l=http://brand.test/logo.svg"'),
    'nol.test': base(reject, 'default._bimi TXT "v=BIMI1; a=https://brand.test/vmc.pem"'),
    'declined.test': base(reject, 'default._bimi TXT "v=BIMI1; l=; a="'),
    'absent.test': base(reject, ''),
    'servfail.test': base(reject, full),
    'parent.test': base(reject, full) + '\nsub MX 10 mx.parent.test.\nsub TXT "v=spf1 -all"',
  },
  [{ name: 'default._bimi.servfail.test', fault: 'servfail' }],
);

describe('mxray check: BIMI (embedded server on loopback)', () => {
  it('BIMI_OK with logo and certificate under p=reject', async () => {
    const r = await world.check('full.test');
    const [f] = findingsOf(r, 'BIMI_OK');
    expect(f?.summary).toContain('https://brand.test/vmc.pem');
    expect(ids(r).filter((id) => id.startsWith('BIMI_'))).toEqual(['BIMI_OK']);
  });
  it('BIMI_NO_CERTIFICATE (info) without a=', async () => {
    const [f] = findingsOf(await world.check('nocert.test'), 'BIMI_NO_CERTIFICATE');
    expect(f?.severity).toBe('info');
    expect(f?.summary).toContain('Gmail');
  });
  it('BIMI_DMARC_TOO_WEAK for p=none and for pct=50, and no BIMI_OK', async () => {
    const none = await world.check('monitor.test');
    expect(findingsOf(none, 'BIMI_DMARC_TOO_WEAK')[0]?.summary).toContain('p=none');
    expect(ids(none)).not.toContain('BIMI_OK');
    const [partial] = findingsOf(await world.check('partial.test'), 'BIMI_DMARC_TOO_WEAK');
    expect(partial?.summary).toContain('pct=50');
  });
  it('BIMI_INVALID for an http: logo and for a record without l=', async () => {
    const [http] = findingsOf(await world.check('http.test'), 'BIMI_INVALID');
    expect(http?.summary).toContain('not an https: URL');
    const [nol] = findingsOf(await world.check('nol.test'), 'BIMI_INVALID');
    expect(nol?.summary).toContain('l= tag');
  });
  it('BIMI_OK for a declination record (empty l= and a=), without a certificate note', async () => {
    const r = await world.check('declined.test');
    expect(findingsOf(r, 'BIMI_OK')[0]?.summary).toContain('declines');
    expect(ids(r)).not.toContain('BIMI_NO_CERTIFICATE');
  });
  it('no BIMI finding at all when no record exists', async () => {
    expect(ids(await world.check('absent.test')).filter((id) => id.startsWith('BIMI_'))).toEqual(
      [],
    );
  });
  it("a subdomain without a record uses its organizational domain's record", async () => {
    const [f] = findingsOf(await world.check('sub.parent.test'), 'BIMI_OK');
    expect(f?.subject).toBe('default._bimi.parent.test');
  });
  it('DNS_TEMPERROR when default._bimi answers SERVFAIL', async () => {
    const r = await world.check('servfail.test');
    expect(findingsOf(r, 'DNS_TEMPERROR').map((f) => f.subject)).toContain(
      'default._bimi.servfail.test TXT',
    );
  });
});
