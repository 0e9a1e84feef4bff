import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { UsageError } from '../base/usage-error.ts';
import type { Database } from './schema.ts';
import { migrateToLatest, type InsertMany, type Store } from './store.ts';

/**
 * Opens (creating if needed) a SQLite store at `file` (`:memory:` for a throwaway one) and
 * migrates it. WAL mode lets a summary read while an ingest writes; foreign keys are enforced.
 * @example const store = await openSqliteStore('/tmp/mxray.sqlite');
 */
export async function openSqliteStore(file: string): Promise<Store> {
  let sqlite: SqliteDatabase.Database | null = null;
  try {
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    sqlite = new SqliteDatabase(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    // 64 MB page cache: an ingest touches the same index pages over and over.
    sqlite.pragma('cache_size = -65536');
  } catch (err) {
    // A wrong --db (a folder it cannot write, a file that is not a database) is bad input.
    sqlite?.close();
    throw new UsageError(`cannot open the SQLite store ${file}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    await migrateToLatest(db, 'sqlite');
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw err;
  }
  // Kysely's SQLite driver runs every query on this one handle, so statements prepared here run
  // inside the transaction Kysely has open. One cached single-row statement per table and column
  // set avoids re-preparing a 1,000-row INSERT for every batch (the ingest's hot path).
  const statements = new Map<string, SqliteDatabase.Statement>();
  const insertMany: InsertMany = async (_db, table, rows) => {
    const first = rows[0];
    if (!first) return;
    const columns = Object.keys(first);
    const key = `${table}(${columns.join(',')})`;
    let statement = statements.get(key);
    if (!statement) {
      statement = sqlite.prepare(
        `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
      );
      statements.set(key, statement);
    }
    for (const row of rows) statement.run(row);
  };
  return { db, dialect: 'sqlite', url: `sqlite:${file}`, insertMany, close: () => db.destroy() };
}
