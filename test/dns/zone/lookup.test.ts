import { describe, expect, it } from 'vitest';
import { answerFromZones } from '../../../src/dns/zone/lookup.ts';
import { zone } from '../../helpers/zone.ts';

const example = zone(`
  $ORIGIN example.com.
  $TTL 300
  @  SOA ns1 hostmaster 1 3600 600 86400 60
     NS ns1
     MX 10 mail
  ns1   A 192.0.2.1
  mail  A 192.0.2.2
        AAAA 2001:db8::2
  s1._domainkey TXT "v=DKIM1; p=abc"
  www   CNAME mail
  ext   CNAME target.example.net.
  loop1 CNAME loop2
  loop2 CNAME loop1
  dangling CNAME missing
  cross CNAME host.other.test.
  *.wild TXT "synthesised"
  *.cn  CNAME mail
  exists.wild TXT "real"
  sub   NS ns.sub
  ns.sub A 192.0.2.53
`);
const other = zone(`
  $ORIGIN other.test.
  host A 198.51.100.7
`);
const zones = [example, other];

const names = (records: Array<{ name: string }>) => records.map((r) => r.name);

describe('answerFromZones', () => {
  it('answers records of the type, authoritatively, with addresses of MX hosts', () => {
    const r = answerFromZones(zones, 'EXAMPLE.com.', 'MX');
    expect(r).toMatchObject({ rcode: 'NOERROR', aa: true, authority: [] });
    expect(r.answers.map((a) => a.data)).toEqual([
      { type: 'MX', preference: 10, exchange: 'mail.example.com' },
    ]);
    expect(r.additional.map((a) => a.data.type)).toEqual(['A', 'AAAA']);
  });

  it('gives NODATA with the SOA (TTL capped at MINIMUM) when the name has other types', () => {
    const r = answerFromZones(zones, 'mail.example.com', 'TXT');
    expect(r).toMatchObject({ rcode: 'NOERROR', aa: true, answers: [] });
    expect(r.authority).toHaveLength(1);
    expect(r.authority[0]).toMatchObject({ name: 'example.com', ttl: 60, data: { type: 'SOA' } });
  });

  it('gives NODATA, not NXDOMAIN, for an empty non-terminal (RFC 8020)', () => {
    const r = answerFromZones(zones, '_domainkey.example.com', 'TXT');
    expect(r.rcode).toBe('NOERROR');
    expect(r.answers).toEqual([]);
    expect(r.authority[0]?.data.type).toBe('SOA');
  });

  it('gives NXDOMAIN with the SOA for a name that does not exist', () => {
    const r = answerFromZones(zones, 's2._domainkey.example.com', 'TXT');
    expect(r).toMatchObject({ rcode: 'NXDOMAIN', aa: true, answers: [] });
    expect(names(r.authority)).toEqual(['example.com']);
  });

  it('synthesises wildcard answers with the owner rewritten (RFC 4592)', () => {
    const r = answerFromZones(zones, 'a.b.wild.example.com', 'TXT');
    expect(r.rcode).toBe('NOERROR');
    expect(r.answers).toEqual([
      { name: 'a.b.wild.example.com', ttl: 300, data: { type: 'TXT', strings: ['synthesised'] } },
    ]);
    // An existing name is not covered by the wildcard; nor is a name below it.
    expect(answerFromZones(zones, 'exists.wild.example.com', 'TXT').answers[0]?.data).toEqual({
      type: 'TXT',
      strings: ['real'],
    });
    expect(answerFromZones(zones, 'x.exists.wild.example.com', 'TXT').rcode).toBe('NXDOMAIN');
    // The wildcard owns only TXT: other types are NODATA.
    expect(answerFromZones(zones, 'z.wild.example.com', 'A')).toMatchObject({
      rcode: 'NOERROR',
      answers: [],
    });
  });

  it('synthesises a wildcard CNAME and follows it', () => {
    const r = answerFromZones(zones, 'any.cn.example.com', 'A');
    expect(r.answers).toEqual([
      { name: 'any.cn.example.com', ttl: 300, data: { type: 'CNAME', target: 'mail.example.com' } },
      { name: 'mail.example.com', ttl: 300, data: { type: 'A', address: '192.0.2.2' } },
    ]);
  });

  it('follows an in-zone CNAME chain and stops at a target outside our zones', () => {
    const r = answerFromZones(zones, 'www.example.com', 'A');
    expect(r).toMatchObject({ rcode: 'NOERROR', aa: true });
    expect(r.answers.map((a) => a.data)).toEqual([
      { type: 'CNAME', target: 'mail.example.com' },
      { type: 'A', address: '192.0.2.2' },
    ]);
    const out = answerFromZones(zones, 'ext.example.com', 'A');
    expect(out.rcode).toBe('NOERROR');
    expect(out.answers.map((a) => a.data.type)).toEqual(['CNAME']);
    expect(out.authority).toEqual([]);
  });

  it('follows a CNAME into another zone we serve', () => {
    const r = answerFromZones(zones, 'cross.example.com', 'A');
    expect(names(r.answers)).toEqual(['cross.example.com', 'host.other.test']);
  });

  it('answers the CNAME itself for a CNAME query', () => {
    const r = answerFromZones(zones, 'www.example.com', 'CNAME');
    expect(r.answers).toEqual([
      { name: 'www.example.com', ttl: 300, data: { type: 'CNAME', target: 'mail.example.com' } },
    ]);
  });

  it('stops at a CNAME loop', () => {
    const r = answerFromZones(zones, 'loop1.example.com', 'A');
    expect(r.rcode).toBe('NOERROR');
    expect(names(r.answers)).toEqual(['loop1.example.com', 'loop2.example.com']);
  });

  it('gives NXDOMAIN for a chain ending at a missing in-zone name (RFC 6604)', () => {
    const r = answerFromZones(zones, 'dangling.example.com', 'A');
    expect(r.rcode).toBe('NXDOMAIN');
    expect(r.answers.map((a) => a.data.type)).toEqual(['CNAME']);
    expect(r.authority[0]?.data.type).toBe('SOA');
  });

  it('refers below a delegation: NOERROR, not authoritative, NS and glue', () => {
    for (const name of ['sub.example.com', 'deep.sub.example.com', 'ns.sub.example.com']) {
      const r = answerFromZones(zones, name, 'A');
      expect(r).toMatchObject({ rcode: 'NOERROR', aa: false, answers: [] });
      expect(r.authority.map((a) => a.data)).toEqual([
        { type: 'NS', target: 'ns.sub.example.com' },
      ]);
      expect(r.additional.map((a) => a.data)).toEqual([{ type: 'A', address: '192.0.2.53' }]);
    }
  });

  it('refuses names outside every zone', () => {
    expect(answerFromZones(zones, 'example.org', 'A')).toEqual({
      rcode: 'REFUSED',
      aa: false,
      answers: [],
      authority: [],
      additional: [],
    });
  });

  it('answers from the closest enclosing zone', () => {
    const child = zone(`
      $ORIGIN sub.example.com.
      @ TXT "child"
    `);
    const r = answerFromZones([example, child], 'sub.example.com', 'TXT');
    expect(r).toMatchObject({ rcode: 'NOERROR', aa: true });
    expect(r.answers[0]?.data).toEqual({ type: 'TXT', strings: ['child'] });
  });

  it('synthesises an SOA for a zone without one, and answers SOA queries with it', () => {
    const bare = zone(`
      $ORIGIN bare.test.
      a A 192.0.2.1
    `);
    const nx = answerFromZones([bare], 'b.bare.test', 'A');
    expect(nx.rcode).toBe('NXDOMAIN');
    expect(nx.authority[0]).toMatchObject({
      name: 'bare.test',
      data: { type: 'SOA', mname: 'ns.bare.test', minimum: 300 },
    });
    expect(answerFromZones([bare], 'bare.test', 'SOA').answers).toHaveLength(1);
  });
});
