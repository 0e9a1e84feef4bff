import type { Insertable, Kysely } from 'kysely';
import type {
  Database,
  FailureReportsTable,
  RecordDkimTable,
  RecordSpfTable,
  RecordsTable,
  ReportsTable,
  TlsFailuresTable,
  TlsPoliciesTable,
} from './schema.ts';
import { kyselyInsertMany, type InsertMany } from './store.ts';

export type ReportKind = ReportsTable['kind'];
export type NewReport = Omit<Insertable<ReportsTable>, 'id'>;

/** A record with its DKIM and SPF results, ready to insert (`seq` is given by the caller). */
export interface NewRecord {
  row: Omit<RecordsTable, 'report_id'>;
  dkim: Array<Omit<RecordDkimTable, 'report_id' | 'record_seq'>>;
  spf: Array<Omit<RecordSpfTable, 'report_id' | 'record_seq'>>;
}

export interface NewTlsPolicy {
  row: Omit<TlsPoliciesTable, 'report_id'>;
  failures: Array<Omit<TlsFailuresTable, 'report_id' | 'policy_seq'>>;
}

/** The id of a stored report with this identity, or null (the duplicate check). */
export async function findReport(
  db: Kysely<Database>,
  kind: ReportKind,
  reporter: string,
  externalId: string,
): Promise<number | null> {
  const row = await db
    .selectFrom('reports')
    .select('id')
    .where('kind', '=', kind)
    .where('reporter', '=', reporter)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

/** Inserts the report row and returns its id. */
export async function insertReport(db: Kysely<Database>, report: NewReport): Promise<number> {
  const row = await db
    .insertInto('reports')
    .values(report)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Inserts aggregate records and their DKIM/SPF results (one multi-row INSERT per table chunk). */
export async function insertRecords(
  db: Kysely<Database>,
  reportId: number,
  records: NewRecord[],
  insertMany: InsertMany = kyselyInsertMany,
): Promise<void> {
  const rows: Array<Insertable<RecordsTable>> = [];
  const dkim: Array<Insertable<RecordDkimTable>> = [];
  const spf: Array<Insertable<RecordSpfTable>> = [];
  for (const r of records) {
    rows.push({ report_id: reportId, ...r.row });
    for (const d of r.dkim) dkim.push({ report_id: reportId, record_seq: r.row.seq, ...d });
    for (const s of r.spf) spf.push({ report_id: reportId, record_seq: r.row.seq, ...s });
  }
  await insertMany(db, 'records', rows);
  await insertMany(db, 'record_dkim', dkim);
  await insertMany(db, 'record_spf', spf);
}

/** Sets the totals of a report once all its records are in. */
export async function setReportTotals(
  db: Kysely<Database>,
  reportId: number,
  recordCount: number,
  messageCount: number,
): Promise<void> {
  await db
    .updateTable('reports')
    .set({ record_count: recordCount, message_count: messageCount })
    .where('id', '=', reportId)
    .execute();
}

/** Inserts the policies and failure details of a TLS report. */
export async function insertTlsPolicies(
  db: Kysely<Database>,
  reportId: number,
  policies: NewTlsPolicy[],
  insertMany: InsertMany = kyselyInsertMany,
): Promise<void> {
  await insertMany(
    db,
    'tls_policies',
    policies.map((p) => ({ report_id: reportId, ...p.row })),
  );
  await insertMany(
    db,
    'tls_failures',
    policies.flatMap((p) =>
      p.failures.map((f) => ({ report_id: reportId, policy_seq: p.row.seq, ...f })),
    ),
  );
}

/** Inserts the ARF fields of a failure report. */
export async function insertFailureDetails(
  db: Kysely<Database>,
  reportId: number,
  details: Omit<FailureReportsTable, 'report_id'>,
): Promise<void> {
  await db
    .insertInto('failure_reports')
    .values({ report_id: reportId, ...details })
    .execute();
}

/** Counts of stored rows, for tests and the ingest summary. */
export async function countRows(
  db: Kysely<Database>,
): Promise<{ reports: number; records: number; quarantine: number }> {
  const one = async (table: 'reports' | 'records' | 'quarantine') => {
    const r = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };
  return {
    reports: await one('reports'),
    records: await one('records'),
    quarantine: await one('quarantine'),
  };
}
