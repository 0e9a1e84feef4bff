import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/base/clock.ts';
import { createMemoryResolver } from '../../src/dns/memory-resolver.ts';
import { zoneFromRecords, type ZoneRecordInput } from '../../src/dns/zone/zone.ts';
import { analyzeSpfPolicy } from '../../src/spf/index.ts';

const clock = fixedClock(Date.UTC(2026, 0, 1));

function analyze(txt: Record<string, string | string[]>, extra: ZoneRecordInput[] = []) {
  const records: ZoneRecordInput[] = [
    ...Object.entries(txt).flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value]).map((v): ZoneRecordInput => ({
        name,
        type: 'TXT',
        data: v,
      })),
    ),
    ...extra,
  ];
  const resolver = createMemoryResolver([zoneFromRecords('corp.example', records)]);
  return analyzeSpfPolicy('corp.example', { resolver, clock });
}

/** A provider include costing `n` lookups: itself plus n-1 nested includes. */
function provider(name: string, n: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const here = i === 0 ? name : `${name}${i}`;
    out[here] =
      i === n - 1
        ? 'v=spf1 ip4:198.51.100.0/24 ~all'
        : `v=spf1 include:${name}${i + 1}.corp.example ~all`;
  }
  return out;
}

describe('analyzeSpfPolicy', () => {
  it('counts lookups per branch, finds the overflow point and suggests what to flatten', async () => {
    const a = await analyze(
      {
        '@': 'v=spf1 mx include:big.corp.example include:mid.corp.example include:small.corp.example -all',
        ...provider('big', 5),
        ...provider('mid', 4),
        ...provider('small', 2),
      },
      [{ name: '@', type: 'MX', data: '10 mx.corp.example.' }],
    );
    expect(a.status).toBe('ok');
    expect(a.totalLookups).toBe(12);
    const [mx, big, mid, small] = a.tree?.terms ?? [];
    expect([mx?.lookups, big?.lookups, mid?.lookups, small?.lookups]).toEqual([1, 5, 4, 2]);
    expect(small?.cumulativeLookups).toBe(12);
    // mx (1) + big (5) + mid (4) = 10: the include of small is the 11th lookup.
    expect(a.overflowAt).toBe('corp.example → include:small.corp.example');
    expect(a.problems.map((p) => p.code)).toContain('SPF_TOO_MANY_LOOKUPS');
    expect(a.suggestion?.excess).toBe(2);
    expect(a.suggestion?.flatten.map((f) => f.target)).toEqual(['big.corp.example']);
    expect(a.suggestion?.costliest.map((f) => f.lookups)).toEqual([5, 4, 2]);
  });

  it('reports +all, ?all, ptr, includes without records, loops and void lookups', async () => {
    const a = await analyze({
      '@': 'v=spf1 ptr include:gone.corp.example include:loop.corp.example a:n1.corp.example a:n2.corp.example mx:n3.corp.example ?all',
      loop: 'v=spf1 include:corp.example +all',
      gone: 'not spf',
    });
    const codes = a.problems.map((p) => p.code).sort();
    expect(codes).toEqual([
      'SPF_INCLUDE_NO_RECORD',
      'SPF_LOOP',
      'SPF_NEUTRAL_ALL',
      'SPF_PASS_ALL',
      'SPF_PTR',
      'SPF_TOO_MANY_VOID_LOOKUPS',
    ]);
    expect(a.voidLookups).toBe(3);
    const loop = a.problems.find((p) => p.code === 'SPF_LOOP');
    expect(loop?.path).toEqual(['corp.example', 'loop.corp.example', 'include:corp.example']);
  });

  it('reports syntax errors with positions, multiple records and no record', async () => {
    const syntax = await analyze({ '@': 'v=spf1 ip4:192.0.2.0/33 -all' });
    expect(syntax.status).toBe('syntax');
    expect(syntax.tree?.syntaxError).toMatchObject({ position: 7, token: 'ip4:192.0.2.0/33' });
    expect(syntax.problems[0]?.code).toBe('SPF_SYNTAX');
    const multiple = await analyze({ '@': ['v=spf1 -all', 'v=spf1 ~all'] });
    expect(multiple).toMatchObject({ status: 'multiple', records: ['v=spf1 -all', 'v=spf1 ~all'] });
    expect((await analyze({ www: 'v=spf1 -all' })).status).toBe('none');
  });

  it('does not look up targets that depend on the client, but counts them', async () => {
    const a = await analyze({
      '@': 'v=spf1 exists:%{i}.rbl.corp.example include:%{d}.x.corp.example -all',
      x: 'v=spf1 -all',
    });
    expect(a.totalLookups).toBe(2);
    expect(a.tree?.terms[0]?.note).toMatch(/depends on the sender/);
    expect(a.tree?.terms[1]?.target).toBe('corp.example.x.corp.example');
  });
});
