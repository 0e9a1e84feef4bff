import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAuthoritativeResolver,
  findNameservers,
} from '../../../src/dns/net/authoritative.ts';
import { startDnsServer, type DnsServer } from '../../../src/dns/server/index.ts';
import { txtValues } from '../../../src/dns/types.ts';
import { startTestDns, type TestDns } from '../../helpers/dns-server.ts';
import { zone } from '../../helpers/zone.ts';
import { reply, startFakeDns, type FakeDns } from './fake-dns.ts';

/**
 * Three servers: a "recursive" one that knows the delegation (NS and addresses of ns1/ns2), and
 * the two authoritative servers ns1 = 127.0.0.1:P and ns2 = 127.0.0.2:P (same port P; Linux
 * routes all of 127/8 to loopback). ns2 is a stale secondary: older serial, older SPF record.
 * example.net lives on ns2 only, so a CNAME from example.com into it crosses servers.
 */
const delegation = zone(`
  $ORIGIN example.com.
  @      SOA ns1 hostmaster 3 7200 900 1209600 300
  @      NS  ns1
  @      NS  ns2
  ns1    A   127.0.0.1
  ns2    A   127.0.0.2
  ns3    A   127.0.0.3
`);
const lameDelegation = zone(`
  $ORIGIN example.edu.
  @      SOA ns3.example.com. hostmaster.example.com. 1 7200 900 1209600 300
  @      NS  ns3.example.com.
`);
const netDelegation = zone(`
  $ORIGIN example.net.
  @      SOA ns2.example.com. hostmaster.example.com. 1 7200 900 1209600 300
  @      NS  ns2.example.com.
`);
const version = (serial: number, spf: string, extra = '') =>
  zone(`
  $ORIGIN example.com.
  @      SOA ns1 hostmaster ${serial} 7200 900 1209600 300
  @      NS  ns1
  @      NS  ns2
  @      TXT "${spf}"
  ns1    A   127.0.0.1
  ns2    A   127.0.0.2
  www    A   192.0.2.80
  alias  CNAME www.example.net.
  ${extra}
`);
const fresh = version(3, 'v=spf1 include:new.example -all', 'added TXT "hello"');
const stale = version(2, 'v=spf1 include:old.example -all');
const net = zone(`
  $ORIGIN example.net.
  @      SOA ns2.example.com. hostmaster.example.com. 1 7200 900 1209600 300
  @      NS  ns2.example.com.
  www    A   192.0.2.180
`);

let recursive: TestDns;
let ns1: DnsServer;
let ns2: DnsServer;
let ns3: FakeDns;

async function startPair(): Promise<[DnsServer, DnsServer]> {
  for (let attempt = 0; ; attempt++) {
    const first = await startDnsServer({ zones: [fresh], host: '127.0.0.1' });
    try {
      const second = await startDnsServer({
        zones: [stale, net],
        host: '127.0.0.2',
        port: first.port,
      });
      return [first, second];
    } catch (err) {
      await first.close();
      if (attempt > 5) throw err;
    }
  }
}

beforeAll(async () => {
  recursive = await startTestDns([delegation, netDelegation, lameDelegation]);
  [ns1, ns2] = await startPair();
  // ns3 answers everything without the AA flag: a lame delegation.
  ns3 = await startFakeDns((q) => [reply(q, { aa: false })], { host: '127.0.0.3', port: ns1.port });
});
afterAll(async () => {
  await Promise.all([recursive.close(), ns1.close(), ns2.close(), ns3.close()]);
});

const authoritative = () =>
  createAuthoritativeResolver({
    recursive: recursive.resolver,
    port: ns1.port,
    timeoutMs: 200,
    tries: 1,
  });

describe('findNameservers', () => {
  it('walks up to the zone cut and returns the NS hosts with their addresses', async () => {
    const set = await findNameservers('x._domainkey.example.com', {
      recursive: recursive.resolver,
    });
    expect(set).toMatchObject({
      zone: 'example.com',
      nameservers: [
        { name: 'ns1.example.com', addresses: ['127.0.0.1'] },
        { name: 'ns2.example.com', addresses: ['127.0.0.2'] },
      ],
    });
    expect(set.exchanges.map((e) => `${e.name} ${e.type}`)).toContain('example.com NS');
    expect(set.exchanges.every((e) => e.server === recursive.server.address)).toBe(true);
  });

  it('reports a name under no zone the resolver knows', async () => {
    const set = await findNameservers('www.example.org', { recursive: recursive.resolver });
    expect('error' in set && set.error).toMatch(/example\.org/);
  });
});

describe('authoritative resolver', () => {
  it('asks the zone nameservers directly, with RD off', async () => {
    const answer = await authoritative().resolve('www.example.com', 'A');
    expect(answer.status).toBe('ok');
    expect(answer.authoritative).toBe(true);
    expect(answer.server).toBe(`127.0.0.1:${ns1.port}`);
    const direct = answer.exchanges.filter((e) => e.server === answer.server);
    expect(direct).toHaveLength(1);
    expect(direct[0]?.flags).toMatchObject({ aa: true, rd: false });
  });

  it('follows a CNAME into another zone by finding its nameservers', async () => {
    const answer = await authoritative().resolve('alias.example.com', 'A');
    expect(answer.status).toBe('ok');
    expect(answer.finalName).toBe('www.example.net');
    expect(answer.records[0]?.data).toEqual({ type: 'A', address: '192.0.2.180' });
    expect(answer.exchanges.some((e) => e.name === 'example.net' && e.type === 'NS')).toBe(true);
    expect(answer.server).toBe(`127.0.0.2:${ns1.port}`);
    expect(
      answer.exchanges.filter((e) => e.rcode !== null && !e.flags?.rd).map((e) => e.name),
    ).toEqual(['alias.example.com', 'www.example.net']);
  });

  it('moves on to the next nameserver when the first does not answer', async () => {
    ns1.setFaults([{ name: 'example.com', type: 'TXT', fault: 'timeout' }]);
    try {
      const answer = await authoritative().resolve('example.com', 'TXT');
      expect(answer.status).toBe('ok');
      expect(answer.server).toBe(`127.0.0.2:${ns1.port}`);
      expect(txtValues(answer)).toEqual(['v=spf1 include:old.example -all']);
    } finally {
      ns1.setFaults([]);
    }
  });

  it('treats an answer without the AA flag as a lame delegation', async () => {
    const answer = await authoritative().resolve('www.example.edu', 'A');
    expect(answer.status).toBe('error');
    expect(answer.error).toContain('lame delegation');
    expect(answer.exchanges.at(-1)).toMatchObject({
      server: `127.0.0.3:${ns1.port}`,
      rcode: 'NOERROR',
    });
  });
});

describe('compare', () => {
  it('finds a stale secondary: different records', async () => {
    const result = await authoritative().compare('example.com', 'TXT');
    expect(result.zone).toBe('example.com');
    expect(result.consistent).toBe(false);
    expect(result.answers.map((a) => [a.nameserver, a.server])).toEqual([
      ['ns1.example.com', `127.0.0.1:${ns1.port}`],
      ['ns2.example.com', `127.0.0.2:${ns1.port}`],
    ]);
    expect(result.differences).toEqual([
      `ns1.example.com (127.0.0.1:${ns1.port}): "v=spf1 include:new.example -all"`,
      `ns2.example.com (127.0.0.2:${ns1.port}): "v=spf1 include:old.example -all"`,
    ]);
  });

  it('finds different rcodes: a name only the fresh server has', async () => {
    const result = await authoritative().compare('added.example.com', 'TXT');
    expect(result.consistent).toBe(false);
    expect(result.answers.map((a) => a.answer.status)).toEqual(['ok', 'nxdomain']);
    expect(result.differences[1]).toContain('NXDOMAIN');
  });

  it('agrees where the servers agree', async () => {
    const result = await authoritative().compare('www.example.com', 'A');
    expect(result.consistent).toBe(true);
    expect(result.differences).toEqual([]);
  });

  it('reports a nameserver that times out', async () => {
    ns2.setFaults([{ name: 'www.example.com', fault: 'timeout' }]);
    try {
      const result = await authoritative().compare('www.example.com', 'A');
      expect(result.consistent).toBe(false);
      expect(result.answers.map((a) => a.answer.status)).toEqual(['ok', 'timeout']);
      expect(result.differences[1]).toMatch(/^ns2\.example\.com .*timeout: timed out/);
    } finally {
      ns2.setFaults([]);
    }
  });

  it('reports a zone it cannot find', async () => {
    const result = await authoritative().compare('nowhere.invalid', 'A');
    expect(result).toMatchObject({ zone: null, consistent: false, answers: [] });
    expect(result.differences).toHaveLength(1);
  });
});
