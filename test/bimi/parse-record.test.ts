import { describe, expect, it } from 'vitest';
import { bimiDmarcEligibility, isBimiRecord, parseBimiRecord } from '../../src/bimi/index.ts';

describe('parseBimiRecord (BIMI draft, default._bimi)', () => {
  it('reads a record with a logo and a certificate', () => {
    const r = parseBimiRecord(
      'v=BIMI1; l=https://example.com/logo.svg; a=https://example.com/vmc.pem;',
    );
    expect(r).toEqual({
      ok: true,
      record: {
        logo: 'https://example.com/logo.svg',
        evidence: 'https://example.com/vmc.pem',
        declined: false,
        extensions: {},
      },
      warnings: [],
    });
  });
  it('treats a=self and a missing a= as no certificate', () => {
    expect(parseBimiRecord('v=BIMI1; l=https://e.example/l.svg; a=self')).toMatchObject({
      ok: true,
      record: { evidence: null },
    });
    expect(parseBimiRecord('v=BIMI1; l=https://e.example/l.svg')).toMatchObject({
      ok: true,
      record: { evidence: null },
    });
  });
  it('reads empty l= and a= as a declination', () => {
    expect(parseBimiRecord('v=BIMI1; l=; a=;')).toMatchObject({
      ok: true,
      record: { declined: true },
    });
  });
  it('keeps avp= without a warning and warns on unknown tags', () => {
    const r = parseBimiRecord('v=BIMI1; l=https://e.example/l.svg; avp=brand; zz=1');
    expect(r.ok && r.record.extensions).toEqual({ avp: 'brand', zz: '1' });
    expect(r.warnings).toEqual(['unknown tag zz= is ignored']);
  });
  it.each([
    ['v=BIMI1; l=http://e.example/l.svg', 'not an https: URL'],
    [
      'v=BIMI1; l=https://e.example/l.svg; a=http://e.example/v.pem',
      'a="http://e.example/v.pem" is not an https: URL',
    ],
    ['v=BIMI1; l=https://a.example/1.svg,https://b.example/2.svg', 'several URLs'],
    ['v=BIMI1; l=not a url', 'is not a URL'],
    ['v=BIMI1; a=https://e.example/v.pem', 'l= tag (logo location) is missing'],
    ['l=https://e.example/l.svg; v=BIMI1', 'must start with "v=BIMI1"'],
    ['v=BIMI2; l=https://e.example/l.svg', 'must start with "v=BIMI1"'],
    ['v=BIMI1; l=https://e.example/l.svg; l=https://e.example/m.svg', 'l= appears twice'],
    ['v=BIMI1; l=https://e.example/l.svg; junk', 'not a tag=value pair'],
  ])('rejects %j', (text, message) => {
    const r = parseBimiRecord(text);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.errors.join('; ')).toContain(message);
  });
  it('recognises records by their v= prefix', () => {
    expect(isBimiRecord('v=BIMI1; l=')).toBe(true);
    expect(isBimiRecord('v=spf1 -all')).toBe(false);
  });
});

describe('bimiDmarcEligibility', () => {
  it.each([
    [{ policy: 'reject' as const }, { eligible: true }],
    [{ policy: 'quarantine' as const, pct: 100 }, { eligible: true }],
    [
      { policy: 'quarantine' as const, pct: 99 },
      { eligible: false, reason: 'partial' },
    ],
    [
      { policy: 'reject' as const, testing: true },
      { eligible: false, reason: 'testing' },
    ],
    [{ policy: 'none' as const }, { eligible: false, reason: 'policy-none' }],
    [{ policy: 'missing' as const }, { eligible: false, reason: 'no-policy' }],
    [{ policy: 'unknown' as const }, { eligible: false, reason: 'unknown' }],
  ])('%j gives %j', (input, expected) => {
    expect(bimiDmarcEligibility(input)).toEqual(expected);
  });
});
