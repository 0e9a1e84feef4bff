import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { UsageError } from '../base/usage-error.ts';
import type { Database } from './schema.ts';
import { kyselyInsertMany, migrateToLatest, type InsertMany, type Store } from './store.ts';

/** int8 (20) as a JS number: our bigints are counts and epoch seconds, far below 2^53. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/** Column types of the bulk tables, for `unnest` (one array parameter per column). */
const BULK_COLUMNS: Partial<Record<keyof Database, Record<string, string>>> = {
  records: {
    report_id: 'int8',
    seq: 'int4',
    source_ip: 'text',
    count: 'int8',
    disposition: 'text',
    dkim: 'text',
    spf: 'text',
    header_from: 'text',
    envelope_from: 'text',
    envelope_to: 'text',
    reasons: 'text',
  },
  record_dkim: {
    report_id: 'int8',
    record_seq: 'int4',
    domain: 'text',
    selector: 'text',
    result: 'text',
    human_result: 'text',
  },
  record_spf: {
    report_id: 'int8',
    record_seq: 'int4',
    domain: 'text',
    scope: 'text',
    result: 'text',
    human_result: 'text',
  },
};
/** Rows per `unnest` INSERT (memory of one statement's arrays). */
const UNNEST_ROWS = 20_000;

/**
 * Bulk insert as `INSERT ... SELECT * FROM unnest($1::type[], ...)`: one parameter per column
 * whatever the row count, so PostgreSQL parses and plans one small statement per batch.
 */
const unnestInsertMany: InsertMany = async (db, table, rows) => {
  const types = BULK_COLUMNS[table];
  if (!types) return kyselyInsertMany(db, table, rows);
  const columns = Object.keys(types);
  for (let i = 0; i < rows.length; i += UNNEST_ROWS) {
    const chunk = rows.slice(i, i + UNNEST_ROWS) as Array<Record<string, unknown>>;
    const arrays = columns.map(
      (c) => sql`${chunk.map((r) => r[c] ?? null)}::${sql.raw(types[c] ?? 'text')}[]`,
    );
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) select * from unnest(${sql.join(arrays)})`.execute(
      db,
    );
  }
};

/** The URL without its password, for messages and `Store.url`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(invalid url)';
  }
}

/**
 * Opens a PostgreSQL store by URL and migrates it. Fails fast with a clear message when the
 * server is unreachable (a configuration error, not something to retry forever).
 * @example const store = await openPostgresStore('postgres://postgres@127.0.0.1:5432/mxray');
 */
export async function openPostgresStore(url: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5000, types });
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    // A wrong --db (no such database, server down, bad password) is bad input: exit 2, not a bug.
    throw new UsageError(
      `cannot connect to PostgreSQL at ${redactUrl(url)}: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db, 'postgres');
  } catch (err) {
    // An open pool would keep the process alive after the error.
    await db.destroy().catch(() => undefined);
    throw err;
  }
  return {
    db,
    dialect: 'postgres',
    url: redactUrl(url),
    insertMany: unnestInsertMany,
    close: () => db.destroy(),
  };
}
