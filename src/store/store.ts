import { Migrator, type Insertable, type Kysely } from 'kysely';
import { migrations } from './migrations.ts';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

/** Rows per multi-row INSERT: under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const ROWS_PER_INSERT = 1000;

/**
 * Inserts many rows of one table, inside whatever transaction `db` is. Adapters provide the
 * fastest way their driver has (SQLite: a cached prepared statement per table).
 */
export type InsertMany = <T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  rows: Array<Insertable<Database[T]>>,
) => Promise<void>;

/** The portable {@link InsertMany}: chunked multi-row INSERTs through Kysely. */
export const kyselyInsertMany: InsertMany = async (db, table, rows) => {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    // Kysely cannot relate a generic table name to its row type; the rows are typed by the caller.
    await db
      .insertInto(table)
      .values(rows.slice(i, i + ROWS_PER_INSERT) as never)
      .execute();
  }
};

/**
 * An open store: a Kysely handle over SQLite or PostgreSQL. Query modules (`*-queries.ts`) take
 * `store.db` and never know which database runs underneath.
 */
export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Bulk inserts (records, auth results), the hot path of an ingest. */
  insertMany: InsertMany;
  /** The URL it was opened with (`sqlite:PATH` or `postgres://...`, password removed). */
  url: string;
  close(): Promise<void>;
}

/** Runs every pending migration; throws with the failing migration's name (a setup error). */
export async function migrateToLatest(db: Kysely<Database>, dialect: Dialect): Promise<void> {
  const migrator = new Migrator({ db, provider: migrations(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `store migration ${failed} failed: ${(error as Error).message ?? String(error)}`,
    );
  }
}
