import { afterEach, describe, expect, it } from 'vitest';
import type * as dnsPacket from 'dns-packet';
import { fixedClock } from '../../../src/base/clock.ts';
import { createStubResolver } from '../../../src/dns/net/stub-resolver.ts';
import { txtValues } from '../../../src/dns/types.ts';
import { questionOf, reply, startFakeDns, type FakeDns, type FakeHandler } from './fake-dns.ts';

const started: FakeDns[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});
async function fake(handler: FakeHandler, host?: string): Promise<FakeDns> {
  const server = await startFakeDns(handler, host ? { host } : {});
  started.push(server);
  return server;
}
const fast = { timeoutMs: 200, tries: 1 };

const a = (name: string, address: string, ttl = 300): dnsPacket.Answer => ({
  type: 'A',
  name,
  ttl,
  data: address,
});
const soa = (zone: string, minimum: number, ttl = 3600): dnsPacket.Answer => ({
  type: 'SOA',
  name: zone,
  ttl,
  data: {
    mname: `ns1.${zone}`,
    rname: `hostmaster.${zone}`,
    serial: 2026010101,
    refresh: 7200,
    retry: 900,
    expire: 1209600,
    minimum,
  },
});

describe('stub resolver over UDP', () => {
  it('returns the records with the exchange evidence', async () => {
    const clock = fixedClock(Date.UTC(2026, 0, 1));
    const server = await fake((q) => [reply(q, { answers: [a('Example.COM.', '192.0.2.1')] })]);
    const resolver = createStubResolver({ servers: [server.address], clock, ...fast });
    const answer = await resolver.resolve('example.com', 'A');
    expect(answer.status).toBe('ok');
    expect(answer.records).toEqual([
      { name: 'example.com', ttl: 300, data: { type: 'A', address: '192.0.2.1' } },
    ]);
    expect(answer.server).toBe(server.address);
    expect(answer.exchanges).toHaveLength(1);
    expect(answer.exchanges[0]).toMatchObject({
      name: 'example.com',
      type: 'A',
      server: server.address,
      transport: 'udp',
      sentAt: Date.UTC(2026, 0, 1),
      rcode: 'NOERROR',
      flags: { aa: false, tc: false, rd: true, ra: true },
    });
  });

  it('sends EDNS0 with a 1232-octet payload, the DO bit off, RD on and random IDs', async () => {
    const server = await fake((q) => [reply(q, { answers: [a('example.com', '192.0.2.1')] })]);
    const resolver = createStubResolver({ servers: [server.address], ...fast });
    for (let i = 0; i < 8; i++) await resolver.resolve('example.com', 'A');
    const first = server.queries[0]?.packet;
    const opt = first?.additionals?.find((r) => r.type === 'OPT');
    expect(opt).toMatchObject({ udpPayloadSize: 1232, flag_do: false });
    expect(first?.flag_rd).toBe(true);
    const ids = new Set(server.queries.map((q) => q.packet.id));
    expect(ids.size).toBeGreaterThan(1);
  });

  it('sends no OPT record with edns: false and RD off with recursionDesired: false', async () => {
    const server = await fake((q) => [reply(q, { answers: [a('example.com', '192.0.2.1')] })]);
    const resolver = createStubResolver({
      servers: [server.address],
      edns: false,
      recursionDesired: false,
      ...fast,
    });
    expect((await resolver.resolve('example.com', 'A')).status).toBe('ok');
    expect(server.queries[0]?.packet.additionals ?? []).toEqual([]);
    expect(server.queries[0]?.packet.flag_rd).toBe(false);
  });

  it('retries over TCP when the UDP response is truncated (a TXT over 1232 octets)', async () => {
    const strings = Array.from({ length: 6 }, (_, i) => String.fromCharCode(97 + i).repeat(250));
    const server = await fake((q) => [
      reply(q, { answers: [{ type: 'TXT', name: 'big.example', ttl: 60, data: strings }] }),
    ]);
    const resolver = createStubResolver({ servers: [server.address], ...fast });
    const answer = await resolver.resolve('big.example', 'TXT');
    expect(answer.status).toBe('ok');
    expect(txtValues(answer)).toEqual([strings.join('')]);
    expect(answer.exchanges.map((e) => [e.transport, e.flags?.tc])).toEqual([
      ['udp', true],
      ['tcp', false],
    ]);
    expect(server.queries.map((q) => q.transport)).toEqual(['udp', 'tcp']);
  });

  it('queries over TCP only with tcpOnly', async () => {
    const server = await fake((q) => [reply(q, { answers: [a('example.com', '192.0.2.1')] })]);
    const resolver = createStubResolver({ servers: [server.address], tcpOnly: true, ...fast });
    const answer = await resolver.resolve('example.com', 'A');
    expect(answer.status).toBe('ok');
    expect(server.queries.map((q) => q.transport)).toEqual(['tcp']);
  });

  it('times out on a server that never answers', async () => {
    const server = await fake(() => []);
    const resolver = createStubResolver({ servers: [server.address], timeoutMs: 200, tries: 2 });
    const started = performance.now();
    const answer = await resolver.resolve('example.com', 'A');
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
    expect(answer.status).toBe('timeout');
    expect(answer.error).toContain('timed out');
    expect(answer.exchanges).toHaveLength(2);
    expect(answer.exchanges.every((e) => e.rcode === null && e.error?.includes('200 ms'))).toBe(
      true,
    );
    expect(server.queries).toHaveLength(2);
  });

  it.each(['SERVFAIL', 'REFUSED'] as const)('maps %s to its status', async (rcode) => {
    const server = await fake((q) => [reply(q, { rcode })]);
    const resolver = createStubResolver({ servers: [server.address], ...fast });
    const answer = await resolver.resolve('example.com', 'A');
    expect(answer.status).toBe(rcode.toLowerCase());
    expect(answer.rcode).toBe(rcode);
    expect(answer.error).toContain(server.address);
  });

  it('moves on from a SERVFAIL server to the next and asks it only once', async () => {
    const bad = await fake((q) => [reply(q, { rcode: 'SERVFAIL' })]);
    const good = await fake((q) => [reply(q, { answers: [a('example.com', '192.0.2.7')] })]);
    const resolver = createStubResolver({ servers: [bad.address, good.address], timeoutMs: 200 });
    const answer = await resolver.resolve('example.com', 'A');
    expect(answer.status).toBe('ok');
    expect(answer.server).toBe(good.address);
    expect(answer.exchanges.map((e) => [e.server, e.rcode])).toEqual([
      [bad.address, 'SERVFAIL'],
      [good.address, 'NOERROR'],
    ]);
  });

  it('returns the last rcode when every server fails', async () => {
    const one = await fake((q) => [reply(q, { rcode: 'SERVFAIL' })]);
    const two = await fake((q) => [reply(q, { rcode: 'REFUSED' })]);
    const resolver = createStubResolver({ servers: [one.address, two.address], timeoutMs: 200 });
    const answer = await resolver.resolve('example.com', 'A');
    expect(answer.status).toBe('refused');
    expect(answer.server).toBe(two.address);
    expect(one.queries).toHaveLength(1);
    expect(two.queries).toHaveLength(1);
  });

  it('rotates past a silent server, retrying it in the next round', async () => {
    const silent = await fake(() => []);
    let calls = 0;
    const flaky = await fake((q) => (++calls === 1 ? [] : [reply(q, { answers: [] })]));
    const resolver = createStubResolver({
      servers: [silent.address, flaky.address],
      timeoutMs: 150,
      tries: 2,
    });
    const answer = await resolver.resolve('example.com', 'A');
    expect(answer.status).toBe('nodata');
    expect(answer.exchanges.map((e) => [e.server, e.rcode])).toEqual([
      [silent.address, null],
      [flaky.address, null],
      [silent.address, null],
      [flaky.address, 'NOERROR'],
    ]);
  });

  it('retries without EDNS after a FORMERR (RFC 6891 7)', async () => {
    const server = await fake((q) =>
      q.packet.additionals?.some((r) => r.type === 'OPT')
        ? [reply(q, { rcode: 'FORMERR' })]
        : [reply(q, { answers: [a('example.com', '192.0.2.1')] })],
    );
    const resolver = createStubResolver({ servers: [server.address], ...fast });
    const answer = await resolver.resolve('example.com', 'A');
    expect(answer.status).toBe('ok');
    expect(answer.exchanges.map((e) => e.rcode)).toEqual(['FORMERR', 'NOERROR']);
  });

  it('reports a FORMERR that persists as an error', async () => {
    const server = await fake((q) => [reply(q, { rcode: 'FORMERR' })]);
    const resolver = createStubResolver({ servers: [server.address], ...fast });
    const answer = await resolver.resolve('example.com', 'A');
    expect(answer.status).toBe('error');
    expect(answer.rcode).toBe('FORMERR');
    expect(answer.error).toContain('FORMERR');
  });

  it('tells NXDOMAIN from NODATA and takes the negative TTL from the SOA (RFC 2308 5)', async () => {
    const server = await fake((q) =>
      questionOf(q).name === 'www.example.com'
        ? [reply(q, { authorities: [soa('example.com', 300)] })]
        : [reply(q, { rcode: 'NXDOMAIN', authorities: [soa('example.com', 600, 120)] })],
    );
    const resolver = createStubResolver({ servers: [server.address], ...fast });
    const nodata = await resolver.resolve('www.example.com', 'AAAA');
    expect(nodata).toMatchObject({ status: 'nodata', rcode: 'NOERROR', negativeTtl: 300 });
    const nx = await resolver.resolve('nope.example.com', 'AAAA');
    expect(nx).toMatchObject({ status: 'nxdomain', rcode: 'NXDOMAIN', negativeTtl: 120 });
    expect(nx.exchanges[0]?.authority[0]?.data).toMatchObject({ type: 'SOA', minimum: 600 });
  });
});
