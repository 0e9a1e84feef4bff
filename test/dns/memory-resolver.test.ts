import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/base/clock.ts';
import { createMemoryResolver } from '../../src/dns/memory-resolver.ts';
import { txtValues } from '../../src/dns/types.ts';
import { memoryResolver, zone } from '../helpers/zone.ts';

const example = zone(`
  $ORIGIN example.com.
  @  SOA ns1 hostmaster 1 3600 600 86400 120
     TXT "v=spf1 " "include:_spf.example.com -all"
  mail  A 192.0.2.2
  s1._domainkey TXT "v=DKIM1; p=abc"
  www   CNAME mail
  ext   CNAME host.other.test.
  gone  CNAME host.elsewhere.test.
  loop1 CNAME loop2
  loop2 CNAME loop1
  c1 CNAME c2
  c2 CNAME c3
  c3 CNAME c4
  c4 CNAME c5
  c5 CNAME c6
  c6 CNAME c7
  c7 CNAME c8
  c8 CNAME c9
  c9 CNAME c10
  c10 A 192.0.2.10
`);
const other = zone(`
  $ORIGIN other.test.
  host A 198.51.100.7
`);

describe('createMemoryResolver', () => {
  const resolver = memoryResolver(example, other);

  it('resolves records with one memory exchange', async () => {
    const answer = await resolver.resolve('Example.COM.', 'TXT');
    expect(answer).toMatchObject({
      name: 'example.com',
      status: 'ok',
      rcode: 'NOERROR',
      authoritative: true,
      server: 'memory',
      finalName: 'example.com',
    });
    expect(txtValues(answer)).toEqual(['v=spf1 include:_spf.example.com -all']);
    expect(answer.exchanges).toHaveLength(1);
    expect(answer.exchanges[0]).toMatchObject({ transport: 'memory', server: 'memory' });
  });

  it('tells NODATA from NXDOMAIN, with the negative TTL (RFC 2308 5)', async () => {
    const nodata = await resolver.resolve('_domainkey.example.com', 'TXT');
    expect(nodata).toMatchObject({ status: 'nodata', rcode: 'NOERROR', negativeTtl: 120 });
    const nx = await resolver.resolve('s2._domainkey.example.com', 'TXT');
    expect(nx).toMatchObject({ status: 'nxdomain', rcode: 'NXDOMAIN', negativeTtl: 120 });
  });

  it('follows chains in-zone and across zones', async () => {
    const www = await resolver.resolve('www.example.com', 'A');
    expect(www.status).toBe('ok');
    expect(www.chain).toEqual([{ from: 'www.example.com', to: 'mail.example.com', ttl: 3600 }]);
    expect(www.exchanges).toHaveLength(1);
    const ext = await resolver.resolve('ext.example.com', 'A');
    expect(ext).toMatchObject({ status: 'ok', finalName: 'host.other.test' });
    expect(ext.records[0]?.data).toEqual({ type: 'A', address: '198.51.100.7' });
  });

  it('asks again for a target outside its zones, which is refused', async () => {
    const gone = await resolver.resolve('gone.example.com', 'A');
    expect(gone).toMatchObject({ status: 'refused', finalName: 'host.elsewhere.test' });
    expect(gone.exchanges.map((e) => e.name)).toEqual(['gone.example.com', 'host.elsewhere.test']);
  });

  it('reports CNAME loops and over-long chains', async () => {
    expect((await resolver.resolve('loop1.example.com', 'TXT')).status).toBe('cname-loop');
    expect((await resolver.resolve('c1.example.com', 'A')).status).toBe('cname-too-long');
  });

  it('refuses names outside its zones and reports invalid names as errors', async () => {
    expect((await resolver.resolve('example.org', 'A')).status).toBe('refused');
    const bad = await resolver.resolve('bad..name', 'A');
    expect(bad).toMatchObject({ status: 'error', exchanges: [] });
    expect(bad.error).toMatch(/empty label/);
  });

  it('sees changes to the zones array between lookups', async () => {
    const zones = [example];
    const live = createMemoryResolver(zones);
    expect((await live.resolve('host.other.test', 'A')).status).toBe('refused');
    zones.push(other);
    expect((await live.resolve('host.other.test', 'A')).status).toBe('ok');
  });

  it('does not let callers change the zone through answers', async () => {
    const first = await resolver.resolve('mail.example.com', 'A');
    if (first.records[0]?.data.type === 'A') first.records[0].data.address = '0.0.0.0';
    const second = await resolver.resolve('mail.example.com', 'A');
    expect(second.records[0]?.data).toEqual({ type: 'A', address: '192.0.2.2' });
  });

  it('applies faults like the server does', async () => {
    const faulty = createMemoryResolver([example], {
      faults: [
        { name: 'mail.example.com', fault: 'timeout' },
        { name: 'example.com', type: 'TXT', fault: 'servfail' },
        { name: 's1._domainkey.example.com', fault: 'refused' },
        { name: 'www.example.com', fault: 'formerr' },
        { name: 'nothing.example.com', fault: 'garbage' },
        { name: 'example.com', type: 'SOA', fault: 'truncate-always' },
      ],
    });
    const timeout = await faulty.resolve('mail.example.com', 'A');
    expect(timeout).toMatchObject({ status: 'timeout', rcode: null, error: 'timed out' });
    expect((await faulty.resolve('example.com', 'TXT')).status).toBe('servfail');
    // The type filter: MX at the same name is unaffected (NODATA here).
    expect((await faulty.resolve('example.com', 'MX')).status).toBe('nodata');
    expect((await faulty.resolve('s1._domainkey.example.com', 'TXT')).status).toBe('refused');
    const formerr = await faulty.resolve('www.example.com', 'A');
    expect(formerr).toMatchObject({ status: 'error', rcode: 'FORMERR' });
    const garbage = await faulty.resolve('nothing.example.com', 'A');
    expect(garbage).toMatchObject({ status: 'error', rcode: null });
    // Truncation only matters over UDP; the stub resolver retries over TCP and gets the answer.
    expect((await faulty.resolve('example.com', 'SOA')).status).toBe('ok');
  });

  it('applies a fault to the question name only, as the server does', async () => {
    const faulty = createMemoryResolver([example, other], {
      faults: [{ name: 'host.other.test', fault: 'timeout' }],
    });
    expect((await faulty.resolve('host.other.test', 'A')).status).toBe('timeout');
    // The chain is followed inside the zones without asking for the target.
    expect((await faulty.resolve('ext.example.com', 'A')).status).toBe('ok');
  });

  it('takes time from the injected clock', async () => {
    const clock = fixedClock(Date.UTC(2026, 0, 1));
    const timed = createMemoryResolver([example], { clock });
    const answer = await timed.resolve('mail.example.com', 'A');
    expect(answer.elapsedMs).toBe(0);
    expect(answer.exchanges[0]?.sentAt).toBe(Date.UTC(2026, 0, 1));
  });

  it('rejects when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      resolver.resolve('example.com', 'A', { signal: controller.signal }),
    ).rejects.toThrow('stop');
  });
});
