import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/base/clock.ts';
import { createMemoryResolver } from '../../src/dns/memory-resolver.ts';
import { zoneFromRecords, type ZoneRecordInput } from '../../src/dns/zone/zone.ts';
import { checkHost, DEFAULT_SPF_LIMITS, type SpfEvaluation } from '../../src/spf/index.ts';
import { seededRandom } from '../helpers/seeded-random.ts';

const clock = fixedClock(Date.UTC(2026, 0, 1));

/** One zone from `name -> TXT` plus extra records; names are under bad.example. */
function run(
  txt: Record<string, string>,
  extra: ZoneRecordInput[] = [],
  ip = '192.0.2.1',
  sender?: string,
) {
  const records: ZoneRecordInput[] = [
    ...Object.entries(txt).map(([name, value]): ZoneRecordInput => ({
      name,
      type: 'TXT',
      data: value,
    })),
    ...extra,
  ];
  const resolver = createMemoryResolver([zoneFromRecords('bad.example', records)]);
  return checkHost(
    { ip, domain: 'bad.example', sender: sender ?? 'user@bad.example', helo: 'h.bad.example' },
    { resolver, clock },
  );
}

/** The budget promise: never more than the limit + 1 charged terms, never more queries than the cap. */
function withinBudget(r: SpfEvaluation) {
  expect(r.lookups).toBeLessThanOrEqual(DEFAULT_SPF_LIMITS.maxLookups + 1);
  expect(r.exchanges.length).toBeLessThanOrEqual(DEFAULT_SPF_LIMITS.maxQueries);
}

const RESULTS = ['none', 'neutral', 'pass', 'fail', 'softfail', 'temperror', 'permerror'];

describe('bad input ends in a result with a reason, within the DNS budget', () => {
  it('100 mechanisms in a record over 512 bytes: permerror at the 11th lookup', async () => {
    const record = `v=spf1 ${Array.from({ length: 100 }, (_, i) => `a:h${i}.bad.example`).join(' ')} -all`;
    expect(record.length).toBeGreaterThan(512);
    const hosts = Array.from({ length: 100 }, (_, i): ZoneRecordInput => ({
      name: `h${i}`,
      type: 'A',
      data: '198.51.100.1',
    }));
    const r = await run({ '@': record }, hosts);
    expect(r.result).toBe('permerror');
    expect(r.reason).toMatch(/more than 10 DNS-querying terms/);
    expect(r.lookups).toBe(11);
    withinBudget(r);
  });

  it('a long record of ip4 ranges is still evaluated (RFC 7208 3.4 is advice to publishers)', async () => {
    const record = `v=spf1 ${Array.from({ length: 40 }, (_, i) => `ip4:10.0.${i}.0/24`).join(' ')} ip4:192.0.2.1 -all`;
    expect(record.length).toBeGreaterThan(512);
    expect((await run({ '@': record })).result).toBe('pass');
  });

  it('an include loop and a redirect to itself: permerror by the lookup limit', async () => {
    const loop = await run({
      '@': 'v=spf1 include:a.bad.example -all',
      a: 'v=spf1 include:bad.example -all',
    });
    expect(loop.result).toBe('permerror');
    expect(loop.reason).toMatch(/more than 10/);
    withinBudget(loop);
    const self = await run({ '@': 'v=spf1 redirect=bad.example' });
    expect(self.result).toBe('permerror');
    withinBudget(self);
  });

  it('macros that expand past 253 characters are cut on the left (RFC 7208 7.3)', async () => {
    const local = 'x'.repeat(60);
    const r = await run(
      {
        '@': `v=spf1 exists:%{l}.%{l}.%{l}.%{l}.%{l}.%{l}.%{l}.%{l}.%{l}.%{l}.%{l}.%{l}.%{l}.%{l}.%{l}.%{l}.%{d} -all`,
      },
      [],
      '192.0.2.1',
      `${local}@bad.example`,
    );
    expect(r.result).toBe('fail');
    const target = r.tree.terms[0]?.target ?? '';
    expect(target.length).toBeLessThanOrEqual(253);
    expect(target.endsWith('.bad.example')).toBe(true);
  });

  it('non-ASCII, garbage CIDR, unknown mechanisms and stray macros are syntax permerrors', async () => {
    for (const record of [
      'v=spf1 a:bücher.example -all',
      'v=spf1 ip4:192.0.2.0/99 -all',
      'v=spf1 ip4:192.0.2.0/abc -all',
      'v=spf1 a/-1 -all',
      'v=spf1 ip6:::1/129',
      'v=spf1 mx//0x40',
      'v=spf1 frobnicate -all',
      'v=spf1 exists:%{q}.bad.example',
      'v=spf1 a:\u0000.bad.example',
    ]) {
      const r = await run({ '@': record });
      expect(r.result, record).toBe('permerror');
      expect(r.reason, record).toMatch(/syntax error at position \d+/);
      expect(r.tree.syntaxError?.position, record).toBeGreaterThan(0);
    }
  });

  it('more than 2 void lookups is a permerror (RFC 7208 4.6.4)', async () => {
    const two = await run({ '@': 'v=spf1 a:n1.bad.example a:n2.bad.example ip4:192.0.2.1 -all' });
    expect(two).toMatchObject({ result: 'pass', voidLookups: 2 });
    const three = await run({
      '@': 'v=spf1 a:n1.bad.example a:n2.bad.example exists:n3.bad.example ip4:192.0.2.1 -all',
    });
    expect(three.result).toBe('permerror');
    expect(three.reason).toMatch(/void lookups/);
  });

  it('an mx with more than 10 MX records is a permerror; 10 is fine', async () => {
    const mx = (n: number) =>
      Array.from({ length: n }, (_, i): ZoneRecordInput => ({
        name: 'm',
        type: 'MX',
        data: `${i} mx${i}.bad.example.`,
      }));
    const ten = await run({ '@': 'v=spf1 mx:m.bad.example -all' }, mx(10));
    expect(ten.result).toBe('fail');
    const eleven = await run({ '@': 'v=spf1 mx:m.bad.example -all' }, mx(11));
    expect(eleven.result).toBe('permerror');
    expect(eleven.reason).toMatch(/11 MX records/);
  });

  it('exactly 10 lookups pass; the 11th is the permerror', async () => {
    const chain: Record<string, string> = { '@': 'v=spf1 include:i1.bad.example -all' };
    for (let i = 1; i < 10; i++) chain[`i${i}`] = `v=spf1 include:i${i + 1}.bad.example -all`;
    chain.i10 = 'v=spf1 ip4:192.0.2.1 -all';
    const ok = await run(chain);
    expect(ok).toMatchObject({ result: 'pass', lookups: 10 });
    chain.i10 = 'v=spf1 a:i10.bad.example ip4:192.0.2.1 -all';
    const over = await run(chain);
    expect(over.result).toBe('permerror');
    expect(over.lookups).toBe(11);
  });

  it('300 seeded garbage records: a result word and a reason every time, within the budget', async () => {
    const random = seededRandom(4408);
    const pieces = [
      'a',
      'mx',
      'ptr',
      'include:',
      'exists:',
      'redirect=',
      'exp=',
      'ip4:',
      'ip6:',
      'all',
      '-',
      '~',
      '?',
      '+',
      '%{',
      '}',
      '%',
      '/',
      '//',
      ':',
      '=',
      '.',
      'bad.example',
      'x.bad.example',
      '%{i}',
      '%{d2r}',
      '%{l-}',
      '192.0.2.1',
      '::1',
      '/24',
      '/0',
      '/999',
      'ü',
      '\u0000',
      '\t',
      ' ',
      ' ',
      ' ',
      '..',
      'v=spf1',
    ];
    for (let i = 0; i < 300; i++) {
      let text = 'v=spf1 ';
      const n = 1 + Math.floor(random() * 12);
      for (let j = 0; j < n; j++) text += pieces[Math.floor(random() * pieces.length)];
      const r = await run(
        { '@': text, x: 'v=spf1 include:bad.example' },
        [{ name: 'x', type: 'A', data: '192.0.2.1' }],
        random() < 0.5 ? '192.0.2.1' : '2001:db8::1',
        `l${i}.ü+x@bad.example`,
      );
      expect(RESULTS, text).toContain(r.result);
      expect(r.reason.length, text).toBeGreaterThan(0);
      withinBudget(r);
    }
  });
});
