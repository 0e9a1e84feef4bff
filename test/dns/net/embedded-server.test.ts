import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { networkInterfaces } from 'node:os';
import { MAX_CNAME_HOPS } from '../../../src/dns/follow-cnames.ts';
import { createStubResolver } from '../../../src/dns/net/stub-resolver.ts';
import { txtValues } from '../../../src/dns/types.ts';
import { startTestDns, type TestDns } from '../../helpers/dns-server.ts';
import { zone } from '../../helpers/zone.ts';

const longSpf = `v=spf1 ${Array.from({ length: 40 }, (_, i) => `ip4:198.51.100.${i}`).join(' ')} -all`;
const chunks = longSpf.match(/.{1,255}/g) ?? [];
const bigTxt = Array.from({ length: 8 }, (_, i) => `"${String(i).repeat(200)}"`).join(' ');
const chain = Array.from(
  { length: MAX_CNAME_HOPS + 1 },
  (_, i) => `hop${i} CNAME hop${i + 1}`,
).join('\n  ');

const example = zone(`
  $ORIGIN example.com.
  $TTL 300
  @       SOA ns1 hostmaster 2026010101 7200 900 1209600 120
  @       NS  ns1
  @       TXT ${chunks.map((c) => `"${c}"`).join(' ')}
  ns1     A   127.0.0.1
  big     TXT ${bigTxt}
  loop1   CNAME loop2
  loop2   CNAME loop1
  short   CNAME hop${MAX_CNAME_HOPS}
  ${chain}
  hop${MAX_CNAME_HOPS + 1} A 192.0.2.99
  out     CNAME www.example.net.
  broken  A   192.0.2.1
  www     A   192.0.2.80
`);
const other = zone(`
  $ORIGIN example.net.
  @    SOA ns1.example.com. hostmaster.example.com. 1 7200 900 1209600 60
  www  A   192.0.2.180
`);

let dns: TestDns;
beforeAll(async () => {
  dns = await startTestDns([example, other]);
});
afterAll(() => dns.close());

describe('stub resolver against the embedded server', () => {
  it('joins a multi-string TXT record without spaces (RFC 7208 3.3)', async () => {
    const answer = await dns.resolver.resolve('example.com', 'TXT');
    expect(chunks.length).toBeGreaterThan(1);
    expect(answer.records[0]?.data).toMatchObject({ type: 'TXT', strings: chunks });
    expect(txtValues(answer)).toEqual([longSpf]);
  });

  it('falls back to TCP for a TXT record over 1232 octets', async () => {
    const answer = await dns.resolver.resolve('big.example.com', 'TXT');
    expect(answer.status).toBe('ok');
    expect(txtValues(answer)[0]).toHaveLength(1600);
    expect(answer.exchanges.map((e) => e.transport)).toEqual(['udp', 'tcp']);
  });

  it('reports a CNAME loop', async () => {
    const answer = await dns.resolver.resolve('loop1.example.com', 'A');
    expect(answer.status).toBe('cname-loop');
    expect(answer.chain.map((h) => h.to)).toEqual(['loop2.example.com', 'loop1.example.com']);
  });

  it(`follows ${MAX_CNAME_HOPS} hops and stops after more`, async () => {
    const short = await dns.resolver.resolve('short.example.com', 'A');
    expect(short.status).toBe('ok');
    expect(short.chain).toHaveLength(2);
    const limit = await dns.resolver.resolve('hop1.example.com', 'A');
    expect([limit.status, limit.chain.length]).toEqual(['ok', MAX_CNAME_HOPS]);
    const long = await dns.resolver.resolve('hop0.example.com', 'A');
    expect(long.status).toBe('cname-too-long');
    expect(long.error).toContain(`${MAX_CNAME_HOPS} hops`);
  });

  it('asks again for a CNAME target in another zone of the same server', async () => {
    const answer = await dns.resolver.resolve('out.example.com', 'A');
    expect(answer.status).toBe('ok');
    expect(answer.finalName).toBe('www.example.net');
    expect(answer.records[0]?.data).toEqual({ type: 'A', address: '192.0.2.180' });
  });

  it('tells NXDOMAIN from NODATA with the negative TTL', async () => {
    expect(await dns.resolver.resolve('nope.example.com', 'A')).toMatchObject({
      status: 'nxdomain',
      negativeTtl: 120,
      authoritative: true,
    });
    expect(await dns.resolver.resolve('www.example.com', 'MX')).toMatchObject({
      status: 'nodata',
      negativeTtl: 120,
    });
  });

  it('maps injected faults to statuses', async () => {
    const cases = [
      ['timeout', 'timeout'],
      ['servfail', 'servfail'],
      ['refused', 'refused'],
      ['formerr', 'error'],
      ['garbage', 'error'],
    ] as const;
    try {
      for (const [fault, status] of cases) {
        dns.server.setFaults([{ name: 'broken.example.com', fault }]);
        const answer = await dns.resolver.resolve('broken.example.com', 'A');
        expect([fault, answer.status]).toEqual([fault, status]);
        if (fault === 'garbage') expect(answer.error).toContain('malformed response');
      }
      dns.server.setFaults([{ name: 'broken.example.com', fault: 'truncate-always' }]);
      const answer = await dns.resolver.resolve('broken.example.com', 'A');
      expect(answer.status).toBe('ok');
      expect(answer.exchanges.at(-1)?.transport).toBe('tcp');
    } finally {
      dns.server.setFaults([]);
    }
  });
});

const hasIpv6Loopback = Object.values(networkInterfaces()).some((list) =>
  (list ?? []).some((i) => i.family === 'IPv6' && i.address === '::1'),
);

describe('IPv6', () => {
  it.runIf(hasIpv6Loopback)('asks a server at [::1]', async () => {
    const v6 = await startTestDns([example], { host: '::1' });
    try {
      expect(v6.server.address).toMatch(/^\[::1\]:\d+$/);
      const resolver = createStubResolver({ servers: [v6.server.address], timeoutMs: 300 });
      const answer = await resolver.resolve('www.example.com', 'A');
      expect(answer.status).toBe('ok');
      expect(answer.server).toBe(v6.server.address);
      const tcp = await resolver.resolve('big.example.com', 'TXT');
      expect(tcp.exchanges.at(-1)).toMatchObject({ transport: 'tcp', server: v6.server.address });
    } finally {
      await v6.close();
    }
  });
  if (!hasIpv6Loopback) console.log('skipping IPv6 test: no ::1 on this machine');
});
