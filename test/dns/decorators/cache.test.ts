import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/base/clock.ts';
import { withCache } from '../../../src/dns/cache.ts';
import { createMemoryResolver } from '../../../src/dns/memory-resolver.ts';
import { zone } from '../../helpers/zone.ts';
import { counting } from './counting.ts';

const example = zone(`
  $ORIGIN example.com.
  $TTL 3600
  @      SOA ns1 hostmaster 1 7200 900 1209600 300
  @      NS  ns1
  ns1    A   192.0.2.53
  www 600 A  192.0.2.1
  www 900 A  192.0.2.2
  alias 60 CNAME www
  down   A   192.0.2.9
`);

function setup(options: { failureTtl?: number; maxEntries?: number; maxTtl?: number } = {}) {
  const clock = fixedClock(Date.UTC(2026, 0, 1));
  const upstream = counting(
    createMemoryResolver([example], {
      clock,
      faults: [{ name: 'down.example.com', fault: 'servfail' }],
    }),
  );
  return { clock, upstream, resolver: withCache(upstream.resolver, { clock, ...options }) };
}

describe('withCache', () => {
  it('serves a hit until the smallest record TTL expires', async () => {
    const { clock, upstream, resolver } = setup();
    const first = await resolver.resolve('www.example.com', 'A');
    expect(first.records).toHaveLength(2);
    clock.advance(599_000);
    const second = await resolver.resolve('WWW.example.com.', 'A');
    expect(second).toBe(first);
    expect(upstream.calls).toHaveLength(1);
    clock.advance(1_000);
    const third = await resolver.resolve('www.example.com', 'A');
    expect(third).not.toBe(first);
    expect(upstream.calls).toHaveLength(2);
  });

  it('counts CNAME hop TTLs and keeps the original exchanges as evidence', async () => {
    const { clock, upstream, resolver } = setup();
    const first = await resolver.resolve('alias.example.com', 'A');
    expect(first.chain).toEqual([{ from: 'alias.example.com', to: 'www.example.com', ttl: 60 }]);
    clock.advance(59_000);
    const again = await resolver.resolve('alias.example.com', 'A');
    expect(again.exchanges).toEqual(first.exchanges);
    expect(again.exchanges[0]?.sentAt).toBe(Date.UTC(2026, 0, 1));
    clock.advance(1_000);
    await resolver.resolve('alias.example.com', 'A');
    expect(upstream.calls).toHaveLength(2);
  });

  it('caches NXDOMAIN and NODATA for the negative TTL (RFC 2308 5)', async () => {
    const { clock, upstream, resolver } = setup();
    expect((await resolver.resolve('nope.example.com', 'A')).status).toBe('nxdomain');
    expect((await resolver.resolve('www.example.com', 'TXT')).status).toBe('nodata');
    clock.advance(299_000);
    await resolver.resolve('nope.example.com', 'A');
    await resolver.resolve('www.example.com', 'TXT');
    expect(upstream.calls).toHaveLength(2);
    clock.advance(1_000);
    await resolver.resolve('nope.example.com', 'A');
    expect(upstream.calls).toHaveLength(3);
  });

  it('does not cache temporary failures unless failureTtl is set', async () => {
    const plain = setup();
    expect((await plain.resolver.resolve('down.example.com', 'A')).status).toBe('servfail');
    await plain.resolver.resolve('down.example.com', 'A');
    expect(plain.upstream.calls).toHaveLength(2);

    const sticky = setup({ failureTtl: 5 });
    await sticky.resolver.resolve('down.example.com', 'A');
    sticky.clock.advance(4_000);
    await sticky.resolver.resolve('down.example.com', 'A');
    expect(sticky.upstream.calls).toHaveLength(1);
    sticky.clock.advance(1_000);
    await sticky.resolver.resolve('down.example.com', 'A');
    expect(sticky.upstream.calls).toHaveLength(2);
  });

  it('caps TTLs at maxTtl', async () => {
    const { clock, upstream, resolver } = setup({ maxTtl: 10 });
    await resolver.resolve('ns1.example.com', 'A');
    clock.advance(10_000);
    await resolver.resolve('ns1.example.com', 'A');
    expect(upstream.calls).toHaveLength(2);
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    const { upstream, resolver } = setup({ maxEntries: 2 });
    await resolver.resolve('www.example.com', 'A');
    await resolver.resolve('ns1.example.com', 'A');
    await resolver.resolve('www.example.com', 'A'); // www is now the most recent
    await resolver.resolve('alias.example.com', 'A'); // evicts ns1
    await resolver.resolve('www.example.com', 'A');
    expect(upstream.calls).toHaveLength(3);
    await resolver.resolve('ns1.example.com', 'A');
    expect(upstream.calls).toHaveLength(4);
  });

  it('shares one lookup between concurrent asks for the same key', async () => {
    const clock = fixedClock(0);
    const upstream = counting(createMemoryResolver([example], { clock }), { hold: true });
    const resolver = withCache(upstream.resolver, { clock });
    const asks = [
      resolver.resolve('www.example.com', 'A'),
      resolver.resolve('www.example.com', 'A'),
      resolver.resolve('www.example.com', 'AAAA'),
    ];
    await new Promise((r) => setTimeout(r, 10));
    upstream.release();
    const [one, two, other] = await Promise.all(asks);
    expect(one).toBe(two);
    expect(other?.status).toBe('nodata');
    expect(upstream.calls.map((c) => c.type)).toEqual(['A', 'AAAA']);
  });

  it('aborts the shared lookup only when every caller has aborted', async () => {
    const clock = fixedClock(0);
    const upstream = counting(createMemoryResolver([example], { clock }), { hold: true });
    const resolver = withCache(upstream.resolver, { clock });
    const a = new AbortController();
    const b = new AbortController();
    const first = resolver.resolve('www.example.com', 'A', { signal: a.signal });
    const second = resolver.resolve('www.example.com', 'A', { signal: b.signal });
    a.abort(new Error('a gave up'));
    await expect(first).rejects.toThrow('a gave up');
    expect(upstream.calls[0]?.signal?.aborted).toBe(false);
    b.abort(new Error('b gave up'));
    await expect(second).rejects.toThrow('b gave up');
    expect(upstream.calls[0]?.signal?.aborted).toBe(true);
    upstream.release();
    // A later ask starts afresh rather than joining the aborted lookup.
    const third = resolver.resolve('www.example.com', 'A');
    await new Promise((r) => setTimeout(r, 10));
    upstream.release();
    expect((await third).status).toBe('ok');
  });
});
