import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/base/clock.ts';
import { createMemoryResolver } from '../../src/dns/memory-resolver.ts';
import type { Resolver } from '../../src/dns/types.ts';
import { zoneFromRecords } from '../../src/dns/zone/zone.ts';
import { ingestReports } from '../../src/reports/ingest.ts';
import { createReverseNamer, reverseName } from '../../src/reports/rdns.ts';
import { recognizeSender } from '../../src/reports/senders.ts';
import type { SourceItem } from '../../src/reports/sources/types.ts';
import { summarizeReports } from '../../src/reports/summary.ts';
import { openStore } from '../../src/store/open-store.ts';
import { aggregateXml, bytes } from './fixtures.ts';

const DAY = 86_400;
const day0 = 1_793_491_200; // 2026-11-01

const reverse = zoneFromRecords('in-addr.arpa', [
  {
    name: '54.22.107.40.in-addr.arpa.',
    type: 'PTR',
    data: 'mail-am6eur05on2054.outbound.protection.outlook.com.',
  },
  { name: '41.220.85.209.in-addr.arpa.', type: 'PTR', data: 'mail-sor-f41.google.com.' },
]);
// The forward side, so both names are forward-confirmed (the namer ignores a PTR that is not).
const forward = zoneFromRecords('', [
  { name: 'mail-am6eur05on2054.outbound.protection.outlook.com.', type: 'A', data: '40.107.22.54' },
  { name: 'mail-sor-f41.google.com.', type: 'A', data: '209.85.220.41' },
]);

/** Day d: Microsoft's IP signs with selector1 (passing on days 0-1, failing from day 2); Google passes. */
function report(d: number): string {
  const failing = d >= 2;
  return aggregateXml({
    org: 'google.com',
    reportId: `day-${d}`,
    domain: 'contoso.example',
    begin: day0 + d * DAY,
    end: day0 + d * DAY + DAY - 1,
    records: [
      {
        ip: '40.107.22.54',
        count: 100,
        dkim: failing ? 'fail' : 'pass',
        dkimAuth: [
          { domain: 'contoso.example', selector: 'selector1', result: failing ? 'fail' : 'pass' },
        ],
      },
      {
        ip: '209.85.220.41',
        count: 50,
        dkimAuth: [{ domain: 'contoso.example', selector: 'google', result: 'pass' }],
      },
      ...(d === 4
        ? [
            {
              ip: '198.51.100.7',
              count: 3,
              dkim: 'fail',
              spf: 'fail',
              dkimAuth: [{ domain: 'contoso-mail.sendgrid.net', selector: 's1', result: 'pass' }],
            },
          ]
        : []),
    ],
  });
}

async function* items(): AsyncGenerator<SourceItem> {
  for (let d = 0; d < 5; d++) yield { source: `day${d}.xml`, bytes: bytes(report(d)) };
}

describe('reports summary', () => {
  it('shows when a selector started failing, names sources by PTR and provider, finds new sources', async () => {
    const store = await openStore('sqlite::memory:');
    await ingestReports(store, items(), { clock: fixedClock(0) });
    const summary = await summarizeReports(store.db, {
      domain: 'contoso.example',
      reverse: createReverseNamer(createMemoryResolver([reverse, forward])),
    });
    await store.close();
    expect(summary.totals).toMatchObject({
      messages: 753,
      dmarcPass: 750,
      dkimAlignedPass: 450,
      spfAlignedPass: 750,
    });
    expect(summary.days.map((d) => [d.date, d.messages, d.dkimAlignedPass])).toEqual([
      ['2026-11-01', 150, 150],
      ['2026-11-02', 150, 150],
      ['2026-11-03', 150, 50],
      ['2026-11-04', 150, 50],
      ['2026-11-05', 153, 50],
    ]);
    expect(summary.selectors[0]).toMatchObject({
      domain: 'contoso.example',
      selector: 'selector1',
      pass: 200,
      fail: 300,
      results: { pass: 200, fail: 300 },
      lastPass: '2026-11-02',
      failingSince: '2026-11-03',
    });
    expect(summary.selectors.find((s) => s.selector === 'google')).toMatchObject({
      pass: 250,
      failingSince: null,
    });
    expect(summary.sources.map((s) => [s.ip, s.ptr, s.baseDomain, s.sender, s.senderBy])).toEqual([
      [
        '40.107.22.54',
        'mail-am6eur05on2054.outbound.protection.outlook.com',
        'outlook.com',
        'Microsoft 365',
        'ptr',
      ],
      ['209.85.220.41', 'mail-sor-f41.google.com', 'google.com', 'Google', 'ptr'],
      ['198.51.100.7', null, null, 'SendGrid', 'dkim'],
    ]);
    expect(summary.sources[0]?.fails).toEqual({ dmarc: 0, dkimAligned: 300, spfAligned: 0 });
    expect(summary.newSources.map((s) => s.ip)).toEqual(['198.51.100.7']);
    expect(summary.reporters).toEqual([
      { reporter: 'google.com', reports: 5, messages: 753, lastEnd: day0 + 5 * DAY - 1 },
    ]);
    const since = await (async () => {
      const s2 = await openStore('sqlite::memory:');
      await ingestReports(s2, items(), { clock: fixedClock(0) });
      const out = await summarizeReports(s2.db, { since: day0 + 3 * DAY });
      await s2.close();
      return out;
    })();
    // Reports whose window ends before `since` are left out: days 3 and 4 remain.
    expect(since.totals.messages).toBe(303);
  });
});

describe('reverse DNS enrichment', () => {
  it('builds in-addr.arpa and ip6.arpa names', () => {
    expect(reverseName('192.0.2.1')).toBe('1.2.0.192.in-addr.arpa');
    expect(reverseName('2001:db8::1')).toBe(
      '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
    );
    expect(reverseName('nope')).toBeNull();
  });

  it('trusts a PTR name only when it resolves back to the IP (forward-confirmed)', async () => {
    const forged = zoneFromRecords('', [
      { name: '9.2.0.192.in-addr.arpa.', type: 'PTR', data: 'mail-sor-f41.google.com.' },
      { name: 'mail-sor-f41.google.com.', type: 'A', data: '209.85.220.41' },
    ]);
    const namer = createReverseNamer(createMemoryResolver([reverse, forward, forged]));
    expect(await namer('209.85.220.41')).toBe('mail-sor-f41.google.com');
    // 192.0.2.9 claims Google's name in its own reverse zone; the name does not point back to it.
    expect(await namer('192.0.2.9')).toBeNull();
  });

  it('caches, limits concurrency and times out instead of stalling', async () => {
    let calls = 0;
    let active = 0;
    let peak = 0;
    const slow: Resolver = {
      resolve: async (name, type, options) => {
        calls++;
        active++;
        peak = Math.max(peak, active);
        await new Promise((resolve) => {
          const t = setTimeout(resolve, 10_000);
          options?.signal?.addEventListener('abort', () => {
            clearTimeout(t);
            resolve(null);
          });
        });
        active--;
        return {
          name,
          type,
          status: 'timeout',
          rcode: null,
          records: [],
          chain: [],
          finalName: name,
          authoritative: false,
          server: null,
          elapsedMs: 0,
          exchanges: [],
        };
      },
    };
    const namer = createReverseNamer(slow, { concurrency: 2, timeoutMs: 50 });
    const started = performance.now();
    const names = await Promise.all(
      ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.1'].map((ip) => namer(ip)),
    );
    expect(names).toEqual([null, null, null, null]);
    expect(calls).toBe(3);
    expect(peak).toBeLessThanOrEqual(2);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('recognises providers by PTR suffix and DKIM d=', () => {
    expect(recognizeSender('a8-1.smtp-out.amazonses.com', [])).toEqual({
      name: 'Amazon SES',
      by: 'ptr',
    });
    expect(recognizeSender(null, ['contoso.onmicrosoft.com'])).toEqual({
      name: 'Microsoft 365',
      by: 'dkim',
    });
    expect(recognizeSender('host.notgoogle.com', ['example.com'])).toBeNull();
  });
});
