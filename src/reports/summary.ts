import type { Kysely } from 'kysely';
import { getDomain } from 'tldts';
import { isoTime } from '../base/clock.ts';
import type { Database } from '../store/schema.ts';
import {
  dkimBySelectorDay,
  dkimDomainsBySource,
  tlsByDomain,
  volumeByDay,
  volumeByReporter,
  volumeBySource,
  type VolumeRow,
} from '../store/summary-queries.ts';
import { recognizeSender } from './senders.ts';
import type { ReportsSummary, SelectorSummary, SourceSummary, Volume } from './summary-types.ts';
import type { DkimAuthResult } from './types.ts';

export type * from './summary-types.ts';

const DAY = 86_400;
/** A source first seen in the last week of the data, and not from its start, is "new". */
const NEW_SOURCE_WINDOW = 7 * DAY;
const DKIM_RESULTS: DkimAuthResult[] = [
  'pass',
  'fail',
  'temperror',
  'permerror',
  'neutral',
  'policy',
  'none',
];

export interface SummaryOptions {
  domain?: string;
  /** Epoch seconds: reports whose window ends before are left out. */
  since?: number;
  /** How many top sources to list (default 20). */
  top?: number;
  /** Reverse DNS of a source IP (see `createReverseNamer`); without it, no PTR names. */
  reverse?: (ip: string) => Promise<string | null>;
}

const dateOf = (day: number): string => isoTime(day * DAY * 1000).slice(0, 10);
const rate = (n: number, of: number): number =>
  of === 0 ? 0 : Math.round((n / of) * 10000) / 10000;
const vol = (r: VolumeRow): Volume => ({
  messages: r.messages,
  dmarcPass: r.dmarcPass,
  dkimAlignedPass: r.dkimPass,
  spfAlignedPass: r.spfPass,
});

function selectorSummaries(rows: Awaited<ReturnType<typeof dkimBySelectorDay>>): SelectorSummary[] {
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = `${r.domain}\0${r.selector}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out: SelectorSummary[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const results: Record<string, number> = {};
    const days = new Map<number, { pass: number; fail: number }>();
    for (const r of group) {
      results[r.result] = (results[r.result] ?? 0) + r.messages;
      const d = days.get(r.day) ?? { pass: 0, fail: 0 };
      if (r.result === 'pass') d.pass += r.messages;
      else if (r.result !== 'none') d.fail += r.messages;
      days.set(r.day, d);
    }
    const ordered = [...days.entries()].sort((a, b) => a[0] - b[0]);
    const lastPassDay = ordered.filter(([, d]) => d.pass > 0).at(-1)?.[0] ?? null;
    const sinceDay = ordered.find(
      ([day, d]) => d.fail > 0 && (lastPassDay === null || day > lastPassDay),
    )?.[0];
    const counts = Object.fromEntries(DKIM_RESULTS.map((k) => [k, results[k] ?? 0])) as Record<
      DkimAuthResult,
      number
    >;
    out.push({
      ...counts,
      domain: first.domain,
      selector: first.selector,
      messages: Object.values(results).reduce((a, b) => a + b, 0),
      results,
      firstDay: dateOf(ordered[0]![0]),
      lastDay: dateOf(ordered.at(-1)![0]),
      lastPass: lastPassDay === null ? null : dateOf(lastPassDay),
      failingSince: sinceDay === undefined ? null : dateOf(sinceDay),
    });
  }
  // Failing selectors first (that is what a person came for), then by volume.
  return out.sort(
    (a, b) =>
      Number(b.failingSince !== null) - Number(a.failingSince !== null) || b.messages - a.messages,
  );
}

/**
 * Summarises stored aggregate reports: totals and rates, per day, top sources (named by reverse
 * DNS and recognised provider, with what fails), DKIM results per selector (when a selector
 * started failing), new sources, reporters and TLS-RPT sessions.
 * @example const s = await summarizeReports(store.db, { domain: 'example.com', since });
 */
export async function summarizeReports(
  db: Kysely<Database>,
  options: SummaryOptions = {},
): Promise<ReportsSummary> {
  const filter = {
    ...(options.domain ? { domain: options.domain } : {}),
    ...(options.since !== undefined ? { since: options.since } : {}),
  };
  const byDay = await volumeByDay(db, filter);
  const sourcesRaw = await volumeBySource(db, filter, options.top ?? 20);
  const dkimRows = await dkimDomainsBySource(
    db,
    filter,
    sourcesRaw.map((s) => s.ip),
  );
  const reporters = await volumeByReporter(db, filter);
  const names = await Promise.all(
    sourcesRaw.map((s) => options.reverse?.(s.ip) ?? Promise.resolve(null)),
  );
  const firstDay = byDay[0]?.day ?? 0;
  const lastDay = byDay.at(-1)?.day ?? 0;
  const sources: SourceSummary[] = sourcesRaw.map((s, i) => {
    const ptr = names[i] ?? null;
    const domains = new Map<string, Record<string, number>>();
    for (const d of dkimRows.filter((r) => r.ip === s.ip)) {
      const results = domains.get(d.domain) ?? {};
      results[d.result] = (results[d.result] ?? 0) + d.messages;
      domains.set(d.domain, results);
    }
    const sender = recognizeSender(ptr, [...domains.keys()]);
    return {
      ip: s.ip,
      ptr,
      baseDomain: ptr ? (getDomain(ptr) ?? null) : null,
      sender: sender?.name ?? null,
      senderBy: sender?.by ?? null,
      ...vol(s),
      fails: {
        dmarc: s.messages - s.dmarcPass,
        dkimAligned: s.messages - s.dkimPass,
        spfAligned: s.messages - s.spfPass,
      },
      dkimDomains: [...domains.entries()].map(([domain, results]) => ({ domain, results })),
      firstSeen: s.firstSeen,
      isNew:
        lastDay > firstDay &&
        s.firstSeen > firstDay * DAY + DAY &&
        s.firstSeen >= (lastDay + 1) * DAY - NEW_SOURCE_WINDOW,
    };
  });
  const total = byDay.reduce<Volume>(
    (t, d) => ({
      messages: t.messages + d.messages,
      dmarcPass: t.dmarcPass + d.dmarcPass,
      dkimAlignedPass: t.dkimAlignedPass + d.dkimPass,
      spfAlignedPass: t.spfAlignedPass + d.spfPass,
    }),
    { messages: 0, dmarcPass: 0, dkimAlignedPass: 0, spfAlignedPass: 0 },
  );
  return {
    domain: options.domain ?? null,
    since: options.since ?? null,
    totals: {
      ...total,
      reports: reporters.reduce((n, r) => n + r.reports, 0),
      dmarcPassRate: rate(total.dmarcPass, total.messages),
      dkimAlignedRate: rate(total.dkimAlignedPass, total.messages),
      spfAlignedRate: rate(total.spfAlignedPass, total.messages),
    },
    days: byDay.map((d) => ({ date: dateOf(d.day), ...vol(d) })),
    sources,
    selectors: selectorSummaries(await dkimBySelectorDay(db, filter)),
    newSources: sources
      .filter((s) => s.isNew)
      .map((s) => ({ ip: s.ip, ptr: s.ptr, sender: s.sender, firstSeen: s.firstSeen })),
    reporters,
    tls: await tlsByDomain(db, filter),
  };
}
