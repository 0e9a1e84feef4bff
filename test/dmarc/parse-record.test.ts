import { describe, expect, it } from 'vitest';
import { isDmarcRecord, parseDmarcRecord } from '../../src/dmarc/index.ts';

function parsed(text: string) {
  const r = parseDmarcRecord(text);
  if (!r.ok) throw new Error(`expected a valid record: ${JSON.stringify(r.errors)}`);
  return r;
}

describe('parseDmarcRecord', () => {
  it('types every RFC 7489 and RFC 9989 tag', () => {
    const { record, warnings } = parsed(
      'v=DMARC1; p=quarantine; sp=reject; np=reject; psd=n; t=y; pct=50; adkim=s; aspf=r; ' +
        'rua=mailto:agg@example.com!10m,mailto:third@example.net; ruf=mailto:f%40x@example.com; ' +
        'fo=1:d:s; rf=afrf; ri=3600',
    );
    expect(warnings).toEqual([]);
    expect(record).toEqual({
      v: 'DMARC1',
      p: 'quarantine',
      sp: 'reject',
      np: 'reject',
      psd: 'n',
      t: 'y',
      pct: 50,
      adkim: 's',
      aspf: 'r',
      rua: [
        {
          uri: 'mailto:agg@example.com',
          address: 'agg@example.com',
          domain: 'example.com',
          size: 10 * 1024 * 1024,
        },
        { uri: 'mailto:third@example.net', address: 'third@example.net', domain: 'example.net' },
      ],
      ruf: [{ uri: 'mailto:f%40x@example.com', address: 'f@x@example.com', domain: 'example.com' }],
      fo: ['1', 'd', 's'],
      rf: ['afrf'],
      ri: 3600,
      unknown: {},
    });
  });

  it('accepts case-insensitive names and literals, WSP around "=" and ";", a trailing ";"', () => {
    const { record } = parsed('V = DMARC1 ;  P = Reject ; ADKIM=S; aspf = R ;');
    expect(record).toMatchObject({ p: 'reject', adkim: 's', aspf: 'r' });
  });

  it('keeps the case of URIs (RFC 9989: only ABNF literals are case-insensitive)', () => {
    const { record } = parsed('v=DMARC1; p=none; rua=mailto:DMARC-Reports@Example.COM');
    expect(record.rua?.[0]).toMatchObject({
      uri: 'mailto:DMARC-Reports@Example.COM',
      domain: 'example.com',
    });
  });

  it('warns about unknown tags and keeps them for evidence', () => {
    const r = parsed('v=DMARC1; p=none; foo=bar; x_y=1');
    expect(r.record.unknown).toEqual({ foo: 'bar', x_y: '1' });
    expect(r.warnings.map((w) => w.tag)).toEqual(['foo', 'x_y']);
    expect(r.warnings.every((w) => w.severity === 'warning')).toBe(true);
  });

  it('drops invalid values with a warning so defaults apply (RFC 7489 6.3)', () => {
    const r = parsed(
      'v=DMARC1; p=reject; pct=150; adkim=x; aspf=; psd=maybe; t=1; ri=-1; fo=2:1; rf=iodef; rua=not a uri',
    );
    expect(r.record).toEqual({ v: 'DMARC1', p: 'reject', fo: ['1'], unknown: {} });
    expect(r.warnings.map((w) => w.tag)).toEqual([
      'pct',
      'adkim',
      'aspf',
      'psd',
      't',
      'ri',
      'fo',
      'rf',
      'rua',
      'rua',
    ]);
  });

  it('keeps the first of duplicated tags, with a warning', () => {
    const r = parsed('v=DMARC1; p=reject; p=none');
    expect(r.record.p).toBe('reject');
    expect(r.warnings[0]?.message).toMatch(/more than once/);
  });

  it('treats a missing or invalid p with a valid rua as p=none (RFC 7489 6.6.3)', () => {
    for (const text of [
      'v=DMARC1; rua=mailto:d@example.com',
      'v=DMARC1; p=block; rua=mailto:d@example.com',
      'v=DMARC1; p=reject; sp=bogus; rua=mailto:d@example.com',
    ]) {
      const r = parsed(text);
      expect(r.record.p, text).toBe('none');
      expect(r.record.sp, text).toBeUndefined();
      expect(
        r.warnings.some((w) => /treated as p=none/.test(w.message)),
        text,
      ).toBe(true);
    }
  });

  it('gives no policy for a missing or invalid p without a valid rua', () => {
    for (const text of ['v=DMARC1; adkim=s', 'v=DMARC1; p=block', 'v=DMARC1; p=none; np=maybe']) {
      const r = parseDmarcRecord(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) {
        expect(r.kind).toBe('no-policy');
        expect(r.errors[0]?.message).toMatch(/no DMARC policy applies/);
      }
    }
  });

  it('rejects junk in the tag list as an error', () => {
    for (const [text, message] of [
      ['v=DMARC1; p=reject; tagonly', /not a tag=value pair/],
      ['v=DMARC1; p=reject; =value', /no tag name/],
      ['v=DMARC1; p=reject; 9x=1', /not a valid tag name/],
      [`v=DMARC1; p=reject; ${'a=b;'.repeat(100)}`, /more than 64 tags/],
      [`v=DMARC1; p=reject; x=${'a'.repeat(9000)}`, /refuses records over/],
    ] as const) {
      const r = parseDmarcRecord(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) {
        expect(r.kind).toBe('syntax');
        expect(r.errors[0]?.message).toMatch(message);
        expect(r.errors[0]?.severity).toBe('error');
      }
    }
  });

  it('is not a DMARC record unless it starts with v=DMARC1 exactly', () => {
    for (const text of [
      'v=dmarc1; p=reject',
      'v=DMARC1x; p=reject',
      'p=reject; v=DMARC1',
      'v=spf1 -all',
      '',
    ]) {
      expect(isDmarcRecord(text), text).toBe(false);
      const r = parseDmarcRecord(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.kind).toBe('not-dmarc');
    }
    expect(isDmarcRecord('V=DMARC1')).toBe(true);
    expect(isDmarcRecord(' v = DMARC1 ;p=none')).toBe(true);
  });

  it('parses report URI sizes and rejects mailto: without a mailbox', () => {
    const r = parsed(
      'v=DMARC1; p=none; rua=mailto:a@example.com!500,mailto:b@example.com!2k,https://r.example/x!1g, mailto:nobody',
    );
    expect(r.record.rua?.map((u) => u.size)).toEqual([500, 2048, 2 ** 30]);
    expect(r.warnings[0]?.message).toMatch(/without a mailbox/);
  });

  it('caps the number of report URIs', () => {
    const uris = Array.from({ length: 30 }, (_, i) => `mailto:r${i}@example.com`).join(',');
    const r = parsed(`v=DMARC1; p=none; rua=${uris}`);
    expect(r.record.rua).toHaveLength(20);
    expect(r.warnings[0]?.message).toMatch(/more than 20 URIs/);
  });
});
