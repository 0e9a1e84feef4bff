import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { InsertMany } from '../store/store.ts';
import {
  findReport,
  insertFailureDetails,
  insertRecords,
  insertReport,
  insertTlsPolicies,
  setReportTotals,
  type NewReport,
} from '../store/reports-queries.ts';
import type { AggregateBatch, AggregateEnd } from './aggregate-stream.ts';
import { recordRows, tlsPolicyRows } from './record-rows.ts';
import type { AggregateHeader, AggregateRecord, FailureReport, TlsReport } from './types.ts';

/** What storing one report came to. */
export type StoreOutcome =
  | { status: 'ingested'; records: number; messages: number }
  | { status: 'duplicate' }
  | { status: 'refused'; reason: string };

/** Thrown inside a transaction to roll it back when a later part of a report is refused. */
class RollBack extends Error {}

/** True for a unique-constraint violation (a concurrent ingest stored the same report first). */
function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e.code === '23505' || /UNIQUE constraint failed/.test(e.message ?? '');
}

async function guarded(
  work: () => Promise<StoreOutcome>,
  rolledBack: () => StoreOutcome,
): Promise<StoreOutcome> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof RollBack) return rolledBack();
    if (isUniqueViolation(err)) return { status: 'duplicate' };
    throw err;
  }
}

/**
 * Parses and stores one aggregate report in one transaction, streaming its records in batches.
 * A duplicate (same reporter and report id) is detected from the header, before the records are
 * even parsed; a report refused halfway (a bad record) is rolled back whole.
 */
export async function storeAggregate(
  db: Kysely<Database>,
  gen: AsyncGenerator<AggregateBatch, AggregateEnd>,
  meta: { source: string; now: number; insertMany?: InsertMany },
): Promise<StoreOutcome> {
  try {
    return await storeBatches(db, gen, meta);
  } finally {
    // A duplicate or a refusal stops early: close the generator so a file stream is released.
    await gen.return({ ok: false, reason: 'closed' });
  }
}

async function storeBatches(
  db: Kysely<Database>,
  gen: AsyncGenerator<AggregateBatch, AggregateEnd>,
  meta: { source: string; now: number; insertMany?: InsertMany },
): Promise<StoreOutcome> {
  let step = await gen.next();
  if (step.done && !step.value.ok) return { status: 'refused', reason: step.value.reason };
  const header = step.done ? (step.value.ok ? step.value.header : null) : step.value.header;
  if (!header) return { status: 'refused', reason: 'no report header' };
  // Read one batch ahead: most reports fit in one, so they are complete (and checked, and their
  // totals known) before the transaction starts.
  const pending: AggregateRecord[][] = [];
  if (!step.done) {
    pending.push(step.value.records);
    step = await gen.next();
  }
  if (step.done && !step.value.ok) return { status: 'refused', reason: step.value.reason };
  if ((await findReport(db, 'aggregate', header.orgName, header.reportId)) !== null) {
    return { status: 'duplicate' };
  }
  const known = step.done && step.value.ok ? step.value : null;
  let refusal = '';
  return guarded(
    () =>
      db.transaction().execute(async (trx) => {
        const id = await insertReport(trx, {
          ...reportRow(header, meta),
          record_count: known?.records ?? 0,
          message_count: known?.messages ?? 0,
        });
        let seq = 0;
        const insert = (records: AggregateRecord[]) =>
          insertRecords(
            trx,
            id,
            records.map((r) => recordRows(r, seq++)),
            meta.insertMany,
          );
        for (const records of pending) await insert(records);
        while (!step.done) {
          await insert(step.value.records);
          step = await gen.next();
        }
        const end = step.value;
        if (!end.ok) {
          refusal = end.reason;
          throw new RollBack(end.reason);
        }
        if (!known) await setReportTotals(trx, id, end.records, end.messages);
        return { status: 'ingested', records: end.records, messages: end.messages } as const;
      }),
    () => ({ status: 'refused', reason: refusal }),
  );
}

function reportRow(header: AggregateHeader, meta: { source: string; now: number }): NewReport {
  return {
    kind: 'aggregate',
    reporter: header.orgName,
    external_id: header.reportId,
    reporter_email: header.email,
    domain: header.policy.domain,
    begin_at: header.begin,
    end_at: header.end,
    schema_version: header.schema,
    policy_p: header.policy.p,
    policy_sp: header.policy.sp,
    policy_np: header.policy.np,
    policy_adkim: header.policy.adkim,
    policy_aspf: header.policy.aspf,
    policy_pct: header.policy.pct,
    policy_testing: header.policy.testing,
    source: meta.source,
    ingested_at: Math.floor(meta.now / 1000),
    record_count: 0,
    message_count: 0,
  };
}

function baseRow(
  kind: NewReport['kind'],
  reporter: string,
  externalId: string,
  domain: string,
  begin: number,
  end: number,
  meta: { source: string; now: number },
): NewReport {
  return {
    kind,
    reporter,
    external_id: externalId,
    reporter_email: null,
    domain,
    begin_at: begin,
    end_at: end,
    schema_version: null,
    policy_p: null,
    policy_sp: null,
    policy_np: null,
    policy_adkim: null,
    policy_aspf: null,
    policy_pct: null,
    policy_testing: null,
    source: meta.source,
    ingested_at: Math.floor(meta.now / 1000),
    record_count: 0,
    message_count: 0,
  };
}

/** Stores one TLS report (RFC 8460) with its policies and failure details, in one transaction. */
export async function storeTls(
  db: Kysely<Database>,
  report: TlsReport,
  meta: { source: string; now: number },
): Promise<StoreOutcome> {
  if ((await findReport(db, 'tls', report.orgName, report.reportId)) !== null) {
    return { status: 'duplicate' };
  }
  const domain = report.policies[0]?.policyDomain ?? 'unknown';
  const sessions = report.policies.reduce((n, p) => n + p.successCount + p.failureCount, 0);
  const row = baseRow(
    'tls',
    report.orgName,
    report.reportId,
    domain,
    report.begin,
    report.end,
    meta,
  );
  row.reporter_email = report.contactInfo;
  return guarded(
    () =>
      db.transaction().execute(async (trx) => {
        const id = await insertReport(trx, row);
        await insertTlsPolicies(trx, id, report.policies.map(tlsPolicyRows));
        await setReportTotals(trx, id, report.policies.length, sessions);
        return { status: 'ingested', records: report.policies.length, messages: sessions } as const;
      }),
    () => ({ status: 'refused', reason: 'rolled back' }),
  );
}

/** Stores one failure report (RFC 6591 over ARF) in one transaction. */
export async function storeFailure(
  db: Kysely<Database>,
  report: FailureReport,
  meta: { source: string; now: number },
): Promise<StoreOutcome> {
  if ((await findReport(db, 'failure', report.reporter, report.reportId)) !== null) {
    return { status: 'duplicate' };
  }
  const arrival = report.arrivalDate ? Date.parse(report.arrivalDate) : Number.NaN;
  const at = Math.floor((Number.isNaN(arrival) ? meta.now : arrival) / 1000);
  const row = baseRow(
    'failure',
    report.reporter,
    report.reportId,
    report.reportedDomain ?? 'unknown',
    at,
    at,
    meta,
  );
  return guarded(
    () =>
      db.transaction().execute(async (trx) => {
        const id = await insertReport(trx, row);
        await insertFailureDetails(trx, id, {
          feedback_type: report.feedbackType,
          user_agent: report.userAgent,
          arrival_date: report.arrivalDate,
          source_ip: report.sourceIp,
          original_mail_from: report.originalMailFrom,
          original_rcpt_to: report.originalRcptTo,
          auth_failure: report.authFailure,
          delivery_result: report.deliveryResult,
          dkim_domain: report.dkimDomain,
          dkim_selector: report.dkimSelector,
          identity_alignment: report.identityAlignment,
          original_headers: JSON.stringify(report.originalHeaders),
        });
        await setReportTotals(trx, id, 1, 1);
        return { status: 'ingested', records: 1, messages: 1 } as const;
      }),
    () => ({ status: 'refused', reason: 'rolled back' }),
  );
}
