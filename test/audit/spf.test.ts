import { describe, expect, it } from 'vitest';
import { findingsOf, ids, startAuditWorld, txt } from './world.ts';

const base = (o: string, spf: string) =>
  `@ MX 10 mx\nmx A 192.0.2.10\n${spf}\n_dmarc TXT "v=DMARC1; p=reject; rua=mailto:d@${o}"`;
const includes = (n: number) =>
  Array.from({ length: n }, (_, i) => `include:i${i}.vendor.test`).join(' ');

const world = await startAuditWorld({
  test: '',
  'vendor.test':
    Array.from({ length: 12 }, (_, i) => `i${i} TXT "v=spf1 ip4:198.51.100.${i}/32 -all"`).join(
      '\n',
    ) + '\nnone A 192.0.2.1',
  'ok.test': base('ok.test', '@ TXT "v=spf1 mx ip4:192.0.2.0/24 -all"'),
  'nospf.test': base('nospf.test', '@ TXT "google-site-verification=abc"'),
  'twospf.test': base('twospf.test', '@ TXT "v=spf1 -all"\n@ TXT "v=spf1 mx -all"'),
  'syntax.test': base('syntax.test', '@ TXT "v=spf1 ip4:300.1.2.3 -all"'),
  'toomany.test': base('toomany.test', `@ TXT ${txt(`v=spf1 ${includes(11)} -all`)}`),
  'near.test': base('near.test', `@ TXT ${txt(`v=spf1 ${includes(9)} -all`)}`),
  'void.test': base(
    'void.test',
    '@ TXT "v=spf1 a:nx1.void.test a:nx2.void.test a:nx3.void.test -all"',
  ),
  'passall.test': base('passall.test', '@ TXT "v=spf1 +all"'),
  'neutral.test': base('neutral.test', '@ TXT "v=spf1 mx ?all"'),
  'ptr.test': base('ptr.test', '@ TXT "v=spf1 ptr -all"'),
  'noinc.test': base('noinc.test', '@ TXT "v=spf1 include:none.vendor.test -all"'),
  'loop.test': base('loop.test', '@ TXT "v=spf1 include:loop.test -all"'),
});

describe('mxray check: SPF (through the SPF engine, embedded server on loopback)', () => {
  it('SPF_OK for a valid record, with the lookup count', async () => {
    const [f] = findingsOf(await world.check('ok.test'), 'SPF_OK');
    expect(f?.data?.lookups).toBe(1);
  });
  it('SPF_MISSING when no TXT record starts with v=spf1', async () => {
    expect(ids(await world.check('nospf.test'))).toContain('SPF_MISSING');
  });
  it('SPF_MULTIPLE_RECORDS for two v=spf1 records', async () => {
    expect(ids(await world.check('twospf.test'))).toContain('SPF_MULTIPLE_RECORDS');
  });
  it('SPF_SYNTAX for an invalid mechanism', async () => {
    expect(ids(await world.check('syntax.test'))).toContain('SPF_SYNTAX');
  });
  it('SPF_TOO_MANY_LOOKUPS past 10 lookups, naming where it overflows', async () => {
    const [f] = findingsOf(await world.check('toomany.test'), 'SPF_TOO_MANY_LOOKUPS');
    expect(f?.severity).toBe('error');
    expect(JSON.stringify(f?.data)).toContain('i10.vendor.test');
  });
  it('SPF_LOOKUPS_NEAR_LIMIT at 9 lookups, not an error', async () => {
    const r = await world.check('near.test');
    expect(ids(r)).toContain('SPF_LOOKUPS_NEAR_LIMIT');
    expect(ids(r)).not.toContain('SPF_TOO_MANY_LOOKUPS');
  });
  it('SPF_TOO_MANY_VOID_LOOKUPS after more than 2 void lookups', async () => {
    expect(ids(await world.check('void.test'))).toContain('SPF_TOO_MANY_VOID_LOOKUPS');
  });
  it('SPF_PASS_ALL for +all', async () => {
    expect(ids(await world.check('passall.test'))).toContain('SPF_PASS_ALL');
  });
  it('SPF_NEUTRAL_ALL for ?all', async () => {
    expect(ids(await world.check('neutral.test'))).toContain('SPF_NEUTRAL_ALL');
  });
  it('SPF_PTR for the ptr mechanism', async () => {
    expect(ids(await world.check('ptr.test'))).toContain('SPF_PTR');
  });
  it('SPF_INCLUDE_NO_RECORD for an include without SPF', async () => {
    expect(ids(await world.check('noinc.test'))).toContain('SPF_INCLUDE_NO_RECORD');
  });
  it('SPF_LOOP for an include of itself', async () => {
    expect(ids(await world.check('loop.test'))).toContain('SPF_LOOP');
  });
});
