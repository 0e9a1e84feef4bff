import { describe, expect, it } from 'vitest';
import { findingsOf, ids, startAuditWorld } from './world.ts';

const base = (dmarc: string) => `@ MX 10 mx\nmx A 192.0.2.10\n@ TXT "v=spf1 mx -all"\n${dmarc}`;

const world = await startAuditWorld({
  test: '',
  'ok.test': base('_dmarc TXT "v=DMARC1; p=reject; rua=mailto:d@ok.test"'),
  'none.test': base(''),
  'two.test': base('_dmarc TXT "v=DMARC1; p=reject"\n_dmarc TXT "v=DMARC1; p=none"'),
  'junk.test': base('_dmarc TXT "v=DMARC1; p=reject; rua=mailto:d@junk.test; this is junk"'),
  'unknowntag.test': base('_dmarc TXT "v=DMARC1; p=reject; rua=mailto:d@unknowntag.test; foo=bar"'),
  'monitor.test': base('_dmarc TXT "v=DMARC1; p=none; rua=mailto:d@monitor.test"'),
  'pct.test': base('_dmarc TXT "v=DMARC1; p=quarantine; pct=20; rua=mailto:d@pct.test"'),
  'weaksp.test': base('_dmarc TXT "v=DMARC1; p=reject; sp=none; rua=mailto:d@weaksp.test"'),
  'norua.test': base('_dmarc TXT "v=DMARC1; p=reject"'),
  'parent.test':
    base('_dmarc TXT "v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@parent.test"') +
    '\nsub MX 10 mx.parent.test.\nsub TXT "v=spf1 -all"',
  'external.test': base(
    '_dmarc TXT "v=DMARC1; p=reject; rua=mailto:r@vendor.test,mailto:r@authorizing.test"',
  ),
  'vendor.test': '@ MX 10 mx\nmx A 192.0.2.1',
  'authorizing.test': '@ MX 10 mx\nmx A 192.0.2.1\nexternal.test._report._dmarc TXT "v=DMARC1"',
});

// The RFC 9989 tree walk always climbs to the top, so a failing _dmarc.test gets its own world.
const walkWorld = await startAuditWorld(
  { test: '', 'walk.test': base('_dmarc TXT "v=DMARC1; p=reject; rua=mailto:d@walk.test"') },
  [{ name: '_dmarc.test', fault: 'servfail' }],
);

describe('mxray check: DMARC (through the DMARC engine, embedded server on loopback)', () => {
  it('DMARC_OK for an enforcing record with reports', async () => {
    const r = await world.check('ok.test');
    expect(ids(r)).toContain('DMARC_OK');
  });
  it('DMARC_MISSING when neither the domain nor its organizational domain has a record', async () => {
    const [f] = findingsOf(await world.check('none.test'), 'DMARC_MISSING');
    expect(f?.severity).toBe('error');
  });
  it('DMARC_MULTIPLE_RECORDS for two v=DMARC1 records', async () => {
    expect(ids(await world.check('two.test'))).toContain('DMARC_MULTIPLE_RECORDS');
  });
  it('DMARC_SYNTAX for a broken tag list', async () => {
    expect(ids(await world.check('junk.test'))).toContain('DMARC_SYNTAX');
  });
  it('DMARC_TAG_WARNING for an unknown tag', async () => {
    expect(ids(await world.check('unknowntag.test'))).toContain('DMARC_TAG_WARNING');
  });
  it('DMARC_POLICY_NONE for p=none', async () => {
    expect(ids(await world.check('monitor.test'))).toContain('DMARC_POLICY_NONE');
  });
  it('DMARC_PCT_PARTIAL for pct<100', async () => {
    expect(ids(await world.check('pct.test'))).toContain('DMARC_PCT_PARTIAL');
  });
  it('DMARC_SUBDOMAIN_WEAKER for sp weaker than p', async () => {
    expect(ids(await world.check('weaksp.test'))).toContain('DMARC_SUBDOMAIN_WEAKER');
  });
  it('DMARC_NO_RUA without an aggregate report address', async () => {
    expect(ids(await world.check('norua.test'))).toContain('DMARC_NO_RUA');
  });
  it('DMARC_INHERITED when a subdomain uses its organizational domain policy (sp)', async () => {
    const r = await world.check('sub.parent.test');
    const [f] = findingsOf(r, 'DMARC_INHERITED');
    expect(f?.summary).toContain('sp=quarantine');
    expect(ids(r)).not.toContain('DMARC_MISSING');
  });
  it('DMARC_DISCOVERY_WARNING when the RFC 9989 tree walk hits a DNS failure above the domain', async () => {
    const r = await walkWorld.check('walk.test');
    const [f] = findingsOf(r, 'DMARC_DISCOVERY_WARNING');
    expect(f?.summary).toContain('_dmarc.test');
    expect(ids(r)).not.toContain('DMARC_MISSING');
  });
  it('DMARC_RUA_NOT_AUTHORIZED for an external rua without the RFC 7489 7.1 record, and not for one that has it', async () => {
    const found = findingsOf(await world.check('external.test'), 'DMARC_RUA_NOT_AUTHORIZED');
    expect(found.map((f) => f.subject)).toEqual(['external.test._report._dmarc.vendor.test']);
  });
});
