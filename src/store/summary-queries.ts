import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from './schema.ts';

/** Which aggregate data a summary covers: one domain (or all) from `since` (epoch seconds) on. */
export interface SummaryFilter {
  domain?: string;
  since?: number;
}

type RecordQuery = SelectQueryBuilder<Database, 'records' | 'reports', object>;

function aggregateRecords(db: Kysely<Database>, filter: SummaryFilter): RecordQuery {
  let q = db
    .selectFrom('records')
    .innerJoin('reports', 'reports.id', 'records.report_id')
    .where('reports.kind', '=', 'aggregate');
  if (filter.domain) q = q.where('reports.domain', '=', filter.domain);
  if (filter.since !== undefined) q = q.where('reports.end_at', '>=', filter.since);
  return q as RecordQuery;
}

/** Sums shared by every grouping: messages, DMARC pass, aligned DKIM pass, aligned SPF pass. */
const sums = {
  messages: sql<number>`sum(records.count)`,
  dmarcPass: sql<number>`sum(case when records.dkim = 'pass' or records.spf = 'pass' then records.count else 0 end)`,
  dkimPass: sql<number>`sum(case when records.dkim = 'pass' then records.count else 0 end)`,
  spfPass: sql<number>`sum(case when records.spf = 'pass' then records.count else 0 end)`,
};

export interface VolumeRow {
  messages: number;
  dmarcPass: number;
  dkimPass: number;
  spfPass: number;
}

const volume = (r: {
  messages: unknown;
  dmarcPass: unknown;
  dkimPass: unknown;
  spfPass: unknown;
}): VolumeRow => ({
  messages: Number(r.messages ?? 0),
  dmarcPass: Number(r.dmarcPass ?? 0),
  dkimPass: Number(r.dkimPass ?? 0),
  spfPass: Number(r.spfPass ?? 0),
});

/** Volumes per UTC day of the report window's start (`day` = epoch seconds / 86400). */
export async function volumeByDay(
  db: Kysely<Database>,
  filter: SummaryFilter,
): Promise<Array<VolumeRow & { day: number }>> {
  const day = sql<number>`(reports.begin_at / 86400)`;
  const rows = await aggregateRecords(db, filter)
    .select([
      day.as('day'),
      sums.messages.as('messages'),
      sums.dmarcPass.as('dmarcPass'),
      sums.dkimPass.as('dkimPass'),
      sums.spfPass.as('spfPass'),
    ])
    .groupBy(day)
    .orderBy(day)
    .execute();
  return rows.map((r) => ({ day: Number(r.day), ...volume(r) }));
}

/** Volumes per source IP, largest first, with when each was first seen (ever, for the domain). */
export async function volumeBySource(
  db: Kysely<Database>,
  filter: SummaryFilter,
  limit: number,
): Promise<Array<VolumeRow & { ip: string; firstSeen: number }>> {
  const rows = await aggregateRecords(db, filter)
    .select([
      'records.source_ip as ip',
      sums.messages.as('messages'),
      sums.dmarcPass.as('dmarcPass'),
      sums.dkimPass.as('dkimPass'),
      sums.spfPass.as('spfPass'),
    ])
    .groupBy('records.source_ip')
    .orderBy(sql`sum(records.count)`, 'desc')
    .orderBy('records.source_ip')
    .limit(limit)
    .execute();
  const ips = rows.map((r) => r.ip);
  const first = new Map<string, number>();
  if (ips.length > 0) {
    const seen = await aggregateRecords(db, { ...(filter.domain ? { domain: filter.domain } : {}) })
      .select(['records.source_ip as ip', sql<number>`min(reports.begin_at)`.as('first')])
      .where('records.source_ip', 'in', ips)
      .groupBy('records.source_ip')
      .execute();
    for (const s of seen) first.set(s.ip, Number(s.first));
  }
  return rows.map((r) => ({ ip: r.ip, firstSeen: first.get(r.ip) ?? 0, ...volume(r) }));
}

/** Messages per (source IP, DKIM d=, result): which domains sign a source's mail, and how it fares. */
export async function dkimDomainsBySource(
  db: Kysely<Database>,
  filter: SummaryFilter,
  ips: string[],
): Promise<Array<{ ip: string; domain: string; result: string; messages: number }>> {
  if (ips.length === 0) return [];
  const rows = await aggregateRecords(db, filter)
    .innerJoin('record_dkim', (j) =>
      j
        .onRef('record_dkim.report_id', '=', 'records.report_id')
        .onRef('record_dkim.record_seq', '=', 'records.seq'),
    )
    .select([
      'records.source_ip as ip',
      'record_dkim.domain as domain',
      'record_dkim.result as result',
      sums.messages.as('messages'),
    ])
    .where('records.source_ip', 'in', ips)
    .groupBy(['records.source_ip', 'record_dkim.domain', 'record_dkim.result'])
    .execute();
  return rows.map((r) => ({
    ip: r.ip,
    domain: r.domain,
    result: r.result,
    messages: Number(r.messages),
  }));
}

/** Messages per (DKIM d=, selector, result, day): where a failing selector shows. */
export async function dkimBySelectorDay(
  db: Kysely<Database>,
  filter: SummaryFilter,
): Promise<
  Array<{ domain: string; selector: string; result: string; day: number; messages: number }>
> {
  const day = sql<number>`(reports.begin_at / 86400)`;
  const selector = sql<string>`coalesce(record_dkim.selector, '')`;
  const rows = await aggregateRecords(db, filter)
    .innerJoin('record_dkim', (j) =>
      j
        .onRef('record_dkim.report_id', '=', 'records.report_id')
        .onRef('record_dkim.record_seq', '=', 'records.seq'),
    )
    .select([
      'record_dkim.domain as domain',
      selector.as('selector'),
      'record_dkim.result as result',
      day.as('day'),
      sums.messages.as('messages'),
    ])
    .groupBy(['record_dkim.domain', selector, 'record_dkim.result', day])
    .execute();
  return rows.map((r) => ({
    domain: r.domain,
    selector: r.selector,
    result: r.result,
    day: Number(r.day),
    messages: Number(r.messages),
  }));
}

/** Reports and messages per reporter. */
export async function volumeByReporter(
  db: Kysely<Database>,
  filter: SummaryFilter,
): Promise<Array<{ reporter: string; reports: number; messages: number; lastEnd: number }>> {
  let q = db.selectFrom('reports').where('kind', '=', 'aggregate');
  if (filter.domain) q = q.where('domain', '=', filter.domain);
  if (filter.since !== undefined) q = q.where('end_at', '>=', filter.since);
  const rows = await q
    .select([
      'reporter',
      sql<number>`count(*)`.as('reports'),
      sql<number>`sum(message_count)`.as('messages'),
      sql<number>`max(end_at)`.as('lastEnd'),
    ])
    .groupBy('reporter')
    .orderBy(sql`sum(message_count)`, 'desc')
    .execute();
  return rows.map((r) => ({
    reporter: r.reporter,
    reports: Number(r.reports),
    messages: Number(r.messages ?? 0),
    lastEnd: Number(r.lastEnd ?? 0),
  }));
}

/** TLS-RPT sessions per policy domain and failure result type. */
export async function tlsByDomain(
  db: Kysely<Database>,
  filter: SummaryFilter,
): Promise<Array<{ domain: string; policyType: string; success: number; failure: number }>> {
  let q = db
    .selectFrom('tls_policies')
    .innerJoin('reports', 'reports.id', 'tls_policies.report_id');
  if (filter.domain) q = q.where('tls_policies.policy_domain', '=', filter.domain);
  if (filter.since !== undefined) q = q.where('reports.end_at', '>=', filter.since);
  const rows = await q
    .select([
      'tls_policies.policy_domain as domain',
      'tls_policies.policy_type as policyType',
      sql<number>`sum(tls_policies.success_count)`.as('success'),
      sql<number>`sum(tls_policies.failure_count)`.as('failure'),
    ])
    .groupBy(['tls_policies.policy_domain', 'tls_policies.policy_type'])
    .execute();
  return rows.map((r) => ({
    domain: r.domain,
    policyType: r.policyType,
    success: Number(r.success ?? 0),
    failure: Number(r.failure ?? 0),
  }));
}

/**
 * DKIM selectors receivers saw with `d=` at or below `domain`, most used first: the selectors
 * `mxray check --selector` should probe for it.
 */
export async function selectorsSeen(
  db: Kysely<Database>,
  domain: string,
): Promise<Array<{ domain: string; selector: string; messages: number }>> {
  const rows = await db
    .selectFrom('record_dkim')
    .innerJoin('records', (j) =>
      j
        .onRef('records.report_id', '=', 'record_dkim.report_id')
        .onRef('records.seq', '=', 'record_dkim.record_seq'),
    )
    .where((eb) =>
      eb.or([
        eb('record_dkim.domain', '=', domain),
        eb('record_dkim.domain', 'like', `%.${domain}`),
      ]),
    )
    .where('record_dkim.selector', 'is not', null)
    .select([
      'record_dkim.domain as domain',
      'record_dkim.selector as selector',
      sql<number>`sum(records.count)`.as('messages'),
    ])
    .groupBy(['record_dkim.domain', 'record_dkim.selector'])
    .orderBy(sql`sum(records.count)`, 'desc')
    .execute();
  return rows.map((r) => ({
    domain: r.domain,
    selector: r.selector ?? '',
    messages: Number(r.messages),
  }));
}
