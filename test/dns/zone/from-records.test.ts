import { describe, expect, it } from 'vitest';
import { zoneFromRecords, ZoneSyntaxError } from '../../../src/dns/zone/zone.ts';

describe('zoneFromRecords', () => {
  it('resolves relative names, @ and absolute names, and parses presentation data', () => {
    const z = zoneFromRecords('Example.com', [
      { name: '@', type: 'MX', data: '10 mail' },
      { name: 'mail', type: 'A', ttl: 60, data: '192.0.2.1' },
      {
        name: 'alias.example.com',
        type: 'CNAME',
        data: { type: 'CNAME', target: 'Mail.Example.COM.' },
      },
    ]);
    expect(z.origin).toBe('example.com');
    expect(z.records).toEqual([
      {
        name: 'example.com',
        ttl: 3600,
        data: { type: 'MX', preference: 10, exchange: 'mail.example.com' },
      },
      { name: 'mail.example.com', ttl: 60, data: { type: 'A', address: '192.0.2.1' } },
      // A name already ending with the origin is absolute.
      { name: 'alias.example.com', ttl: 3600, data: { type: 'CNAME', target: 'mail.example.com' } },
    ]);
  });

  it('takes TXT as plain text, quoted presentation text or character-strings', () => {
    const long = 'p=' + 'A'.repeat(600);
    const z = zoneFromRecords('example.com', [
      { name: '_dmarc', type: 'TXT', data: 'v=DMARC1; p=none' },
      { name: 'q', type: 'TXT', data: '"v=spf1" " -all"' },
      { name: 'arr', type: 'TXT', data: ['a"b', 'c\\d'] },
      { name: 'long', type: 'TXT', data: long },
    ]);
    expect(z.records[0]?.data).toEqual({ type: 'TXT', strings: ['v=DMARC1; p=none'] });
    expect(z.records[1]?.data).toEqual({ type: 'TXT', strings: ['v=spf1', ' -all'] });
    expect(z.records[2]?.data).toEqual({ type: 'TXT', strings: ['a"b', 'c\\d'] });
    // Plain text longer than one character-string is split, the joined value unchanged.
    const strings = z.records[3]?.data.type === 'TXT' ? z.records[3].data.strings : [];
    expect(strings.map((s) => s.length)).toEqual([255, 255, 92]);
    expect(strings.join('')).toBe(long);
  });

  it('refuses a string over 255 bytes in an array, bad data and out-of-zone names', () => {
    expect(() =>
      zoneFromRecords('example.com', [{ name: 'a', type: 'TXT', data: ['x'.repeat(256)] }]),
    ).toThrow(ZoneSyntaxError);
    expect(() => zoneFromRecords('example.com', [{ name: 'a', type: 'A', data: 'nope' }])).toThrow(
      /record 1: "nope" is not an IPv4 address/,
    );
    expect(() =>
      zoneFromRecords('example.com', [{ name: 'x.example.org.', type: 'A', data: '192.0.2.1' }]),
    ).toThrow(/outside the zone/);
    expect(() =>
      zoneFromRecords('example.com', [
        { name: 'a', type: 'A', data: { type: 'AAAA', address: '::1' } },
      ]),
    ).toThrow(/data of type AAAA given for a A record/);
    expect(() =>
      zoneFromRecords('example.com', [{ name: 'a', type: 'TLSA', data: '3 1 1 ab' }]),
    ).toThrow(/unsupported record type TLSA/);
  });
});
