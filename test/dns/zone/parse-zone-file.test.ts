import { describe, expect, it } from 'vitest';
import { parseZoneFile, ZoneSyntaxError } from '../../../src/dns/zone/zone.ts';
import { zone } from '../../helpers/zone.ts';

/** The error a parse throws, for asserting on its line and message. */
function syntaxError(text: string, options?: Parameters<typeof parseZoneFile>[1]): ZoneSyntaxError {
  try {
    parseZoneFile(text, options);
  } catch (error) {
    if (error instanceof ZoneSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a ZoneSyntaxError');
}

describe('parseZoneFile', () => {
  it('reads $ORIGIN, $TTL, @, relative and absolute names, blank owners', () => {
    const z = parseZoneFile(
      [
        '$ORIGIN Example.COM.',
        '$TTL 300',
        '@ IN NS ns1',
        '  IN MX 10 mail.example.com.',
        'ns1 A 192.0.2.1',
        'other.example.com. A 192.0.2.2',
      ].join('\n'),
    );
    expect(z.origin).toBe('example.com');
    expect(z.records).toEqual([
      { name: 'example.com', ttl: 300, data: { type: 'NS', target: 'ns1.example.com' } },
      {
        name: 'example.com',
        ttl: 300,
        data: { type: 'MX', preference: 10, exchange: 'mail.example.com' },
      },
      { name: 'ns1.example.com', ttl: 300, data: { type: 'A', address: '192.0.2.1' } },
      { name: 'other.example.com', ttl: 300, data: { type: 'A', address: '192.0.2.2' } },
    ]);
  });

  it('accepts TTL and class in either order, and TTL units', () => {
    const z = parseZoneFile('a 60 IN A 192.0.2.1\nb IN 1h30m A 192.0.2.2\nc in a 192.0.2.3\n', {
      origin: 'example.com',
      defaultTtl: 42,
    });
    expect(z.records.map((r) => [r.name, r.ttl])).toEqual([
      ['a.example.com', 60],
      ['b.example.com', 5400],
      // RFC 1035 5.1: without $TTL an omitted TTL repeats the last one given.
      ['c.example.com', 5400],
    ]);
  });

  it('uses the defaultTtl option, and $TTL over a previous explicit TTL', () => {
    const z = parseZoneFile('a A 192.0.2.1\nb 10 A 192.0.2.2\n$TTL 99\nc A 192.0.2.3\n', {
      origin: 'example.com',
      defaultTtl: 42,
    });
    expect(z.records.map((r) => r.ttl)).toEqual([42, 10, 99]);
  });

  it('handles comments, parentheses over lines, and a later $ORIGIN', () => {
    const z = zone(`
      $ORIGIN example.com. ; the zone
      @ SOA ns1 hostmaster.example.com. (
              2024010101 ; serial
              1h 15m     ; refresh, retry
              1w 60 )    ; expire, minimum
      $ORIGIN _domainkey.example.com.
      s1 TXT "a;b" ; not a comment inside quotes
    `);
    expect(z.origin).toBe('example.com');
    expect(z.records[0]?.data).toEqual({
      type: 'SOA',
      mname: 'ns1.example.com',
      rname: 'hostmaster.example.com',
      serial: 2024010101,
      refresh: 3600,
      retry: 900,
      expire: 604800,
      minimum: 60,
    });
    expect(z.records[1]).toMatchObject({
      name: 's1._domainkey.example.com',
      data: { type: 'TXT', strings: ['a;b'] },
    });
  });

  it('reads multi-string TXT, escapes and unquoted words', () => {
    const z = zone(`
      $ORIGIN example.com.
      a TXT "v=DKIM1; " "p=MIIB" ( "second"
             "third" )
      b TXT "say \\"hi\\"" "back\\\\slash" "\\065\\066"
      c TXT v=spf1 -all
      d SPF "v=spf1 -all"
      e TXT ""
    `);
    expect(z.records.map((r) => r.data)).toEqual([
      { type: 'TXT', strings: ['v=DKIM1; ', 'p=MIIB', 'second', 'third'] },
      { type: 'TXT', strings: ['say "hi"', 'back\\slash', 'AB'] },
      { type: 'TXT', strings: ['v=spf1', '-all'] },
      { type: 'SPF', strings: ['v=spf1 -all'] },
      { type: 'TXT', strings: [''] },
    ]);
  });

  it('reads A, AAAA, CNAME, NS, PTR, MX, SRV and CAA', () => {
    const z = zone(`
      $ORIGIN example.com.
      a     A     192.0.2.1
      a     AAAA  2001:DB8:0:0::1
      w     CNAME a
      p     PTR   host.example.net.
      @     MX    0 .
      _sip._tcp SRV 10 60 5060 sip
      @     CAA   0 issue "letsencrypt.org"
      @     CAA   128 iodef mailto:security@example.com
    `);
    expect(z.records.map((r) => r.data)).toEqual([
      { type: 'A', address: '192.0.2.1' },
      { type: 'AAAA', address: '2001:db8::1' },
      { type: 'CNAME', target: 'a.example.com' },
      { type: 'PTR', target: 'host.example.net' },
      { type: 'MX', preference: 0, exchange: '' },
      { type: 'SRV', priority: 10, weight: 60, port: 5060, target: 'sip.example.com' },
      { type: 'CAA', flags: 0, tag: 'issue', value: 'letsencrypt.org' },
      { type: 'CAA', flags: 128, tag: 'iodef', value: 'mailto:security@example.com' },
    ]);
    expect(z.records[5]?.name).toBe('_sip._tcp.example.com');
  });

  it('stores TXT data as octets, one character each, as the stub resolver decodes them', () => {
    const z = zone(`
      $ORIGIN example.com.
      a TXT "caf\\233" "café"
    `);
    // \233 is the octet 0xE9; "é" typed in the file is its two UTF-8 octets.
    expect(z.records[0]?.data).toEqual({ type: 'TXT', strings: ['caf\xe9', 'caf\xc3\xa9'] });
  });

  it('stores IDN names as lower-case A-labels', () => {
    const z = parseZoneFile('Bücher A 192.0.2.1\n@ MX 10 MAIL.Bücher.example.\n', {
      origin: 'example',
    });
    expect(z.records.map((r) => r.name)).toEqual(['xn--bcher-kva.example', 'example']);
    expect(z.records[1]?.data).toEqual({
      type: 'MX',
      preference: 10,
      exchange: 'mail.xn--bcher-kva.example',
    });
  });

  it('takes the origin from the SOA when there is no $ORIGIN', () => {
    const z = parseZoneFile('example.org. SOA ns.example.org. h.example.org. 1 2 3 4 5\n');
    expect(z.origin).toBe('example.org');
  });

  it('parses the root zone', () => {
    const z = parseZoneFile('. NS a.root-servers.net.\ncom. NS a.gtld-servers.net.\n', {
      origin: '.',
    });
    expect(z.origin).toBe('');
    expect(z.records.map((r) => r.name)).toEqual(['', 'com']);
  });

  it.each([
    ['$INCLUDE other.zone\n', 1, /\$INCLUDE is not supported/],
    ['$ORIGIN example.com.\n$FOO bar\n', 2, /unknown directive/],
    ['$ORIGIN example.com.\n\na TXT "unterminated\n', 3, /unterminated quoted string/],
    ['$ORIGIN example.com.\na A 192.0.2.300\n', 2, /not an IPv4 address/],
    ['$ORIGIN example.com.\na AAAA 1.2.3.4\n', 2, /not an IPv6 address/],
    ['$ORIGIN example.com.\na 10 IN\n', 2, /has no type/],
    ['$ORIGIN example.com.\na IN HINFO "x" "y"\n', 2, /unsupported record type "HINFO"/],
    ['$ORIGIN example.com.\na CH TXT "x"\n', 2, /only IN/],
    ['$ORIGIN example.com.\n@ MX mail\n', 2, /MX needs 2 fields/],
    ['$ORIGIN example.com.\n@ MX 70000 mail\n', 2, /from 0 to 65535/],
    ['$ORIGIN example.com.\n@ SOA ns h ( 1 2 3\n  4 )\n', 2, /SOA needs 7 fields/],
    ['$ORIGIN example.com.\n@ TXT ( "a"\n', 2, /opened on line 2 is never closed/],
    ['$ORIGIN example.com.\n@ TXT "a" )\n', 2, /without a matching/],
    ['a A 192.0.2.1\n', 1, /relative name "a" used before any \$ORIGIN/],
    ['$ORIGIN example.com.\nwww.example.net. A 192.0.2.1\n', 2, /outside the zone example\.com/],
    ['$ORIGIN example.com.\n a A 192.0.2.1\n', 2, /blank owner has no previous owner/],
    ['$ORIGIN example.com.\nbad..name A 192.0.2.1\n', 2, /empty label/],
    ['$ORIGIN example.com.\na 4294967296 A 192.0.2.1\n', 2, /RFC 2181 8/],
    ['$ORIGIN example.com.\n@ CAA 0 "is sue" x\n', 2, /not a CAA tag/],
    ['$TTL\n', 1, /\$TTL takes one value/],
  ])('refuses %j at line %i', (text, line, message) => {
    const error = syntaxError(text, { fileName: 'test.zone' });
    expect(error.line).toBe(line);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`test.zone:${line}: `)).toBe(true);
  });

  it('refuses a TXT string over 255 bytes and accepts exactly 255 (RFC 1035 3.3.14)', () => {
    const ok = parseZoneFile(`@ TXT "${'a'.repeat(255)}"`, { origin: 'example.com' });
    expect(ok.records[0]?.data).toEqual({ type: 'TXT', strings: ['a'.repeat(255)] });
    const error = syntaxError(`$ORIGIN example.com.\n\n@ TXT "short" "${'a'.repeat(256)}"`);
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/256 bytes.*split it/);
    // \DDD counts as one octet; a multi-byte character as its UTF-8 length.
    expect(() => parseZoneFile(`@ TXT "${'é'.repeat(128)}"`, { origin: 'x.test' })).toThrow(
      /256 bytes/,
    );
  });

  it('reports the line of a record inside parentheses at the line that opened it', () => {
    const error = syntaxError('$ORIGIN example.com.\n@ MX (\n 10\n mail\n extra )\n');
    expect(error.line).toBe(5);
    expect(error.message).toMatch(/MX needs 2 fields/);
  });
});
