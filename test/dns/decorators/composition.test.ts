import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/base/clock.ts';
import { withLookupBudget } from '../../../src/dns/budget.ts';
import { withCache } from '../../../src/dns/cache.ts';
import { withConcurrencyLimit } from '../../../src/dns/concurrency.ts';
import { createMemoryResolver } from '../../../src/dns/memory-resolver.ts';
import { withTranscript } from '../../../src/dns/transcript.ts';
import { zone } from '../../helpers/zone.ts';
import { counting } from './counting.ts';

const example = zone(`
  $ORIGIN example.com.
  @      SOA ns1 hostmaster 1 7200 900 1209600 300
  @      TXT "v=spf1 include:_spf.example.com -all"
  _dmarc TXT "v=DMARC1; p=reject"
  mail   A   192.0.2.25
  alias  CNAME mail
`);
const memory = () => createMemoryResolver([example], { clock: fixedClock(0) });

describe('withConcurrencyLimit', () => {
  it('never lets more than the limit run and answers every lookup', async () => {
    const upstream = counting(memory(), { delayMs: 5 });
    const limited = withConcurrencyLimit(upstream.resolver, 3);
    const names = Array.from({ length: 12 }, (_, i) =>
      i % 2 ? 'mail.example.com' : `h${i}.example.com`,
    );
    const answers = await Promise.all(names.map((n) => limited.resolve(n, 'A')));
    expect(upstream.peak()).toBe(3);
    expect(answers.map((a) => a.status)).toEqual(
      names.map((n) => (n.startsWith('mail') ? 'ok' : 'nxdomain')),
    );
  });

  it('rejects a waiting caller at once when its signal aborts, and never starts its lookup', async () => {
    const upstream = counting(memory(), { hold: true });
    const resolver = withConcurrencyLimit(upstream.resolver, 1);
    const first = resolver.resolve('mail.example.com', 'A');
    const controller = new AbortController();
    const second = resolver.resolve('alias.example.com', 'A', { signal: controller.signal });
    controller.abort(new Error('cancelled'));
    await expect(second).rejects.toThrow('cancelled');
    upstream.release();
    expect((await first).status).toBe('ok');
    expect(upstream.calls.map((c) => c.name)).toEqual(['mail.example.com']);
  });
});

describe('withTranscript', () => {
  it('records answers and exchanges in the order they were asked', async () => {
    const upstream = counting(memory(), { hold: true });
    const transcript = withTranscript(upstream.resolver);
    const asks = [
      transcript.resolver.resolve('alias.example.com', 'A'),
      transcript.resolver.resolve('_dmarc.example.com', 'TXT'),
    ];
    await new Promise((r) => setTimeout(r, 5));
    expect(transcript.answers()).toEqual([]);
    upstream.release();
    await Promise.all(asks);
    expect(transcript.answers().map((a) => `${a.name} ${a.type} ${a.status}`)).toEqual([
      'alias.example.com A ok',
      '_dmarc.example.com TXT ok',
    ]);
    expect(transcript.exchanges().map((e) => `${e.name} ${e.type}`)).toEqual(
      transcript.answers().flatMap((a) => a.exchanges.map((e) => `${e.name} ${e.type}`)),
    );
    transcript.clear();
    expect(transcript.exchanges()).toEqual([]);
    const later = transcript.resolver.resolve('mail.example.com', 'A');
    upstream.release();
    await later;
    expect(transcript.answers().map((a) => a.name)).toEqual(['mail.example.com']);
  });

  it('records cache hits too, with the original evidence', async () => {
    const clock = fixedClock(0);
    const transcript = withTranscript(withCache(memory(), { clock }));
    await transcript.resolver.resolve('example.com', 'TXT');
    clock.advance(1000);
    await transcript.resolver.resolve('example.com', 'TXT');
    const [first, second] = transcript.answers();
    expect(second).toBe(first);
    expect(transcript.exchanges()).toHaveLength(2);
  });
});

describe('withLookupBudget', () => {
  it('passes the first max lookups and answers the rest with an error, sending nothing', async () => {
    const upstream = counting(memory());
    const limited = withLookupBudget(upstream.resolver, 2);
    expect((await limited.resolve('example.com', 'TXT')).status).toBe('ok');
    expect((await limited.resolve('mail.example.com', 'A')).status).toBe('ok');
    const over = await limited.resolve('_dmarc.example.com', 'TXT');
    expect(over.status).toBe('error');
    expect(over.error).toContain('lookup budget of 2');
    expect(over.exchanges).toEqual([]);
    expect(limited.used()).toBe(2);
    expect(upstream.calls).toHaveLength(2);
  });
});
