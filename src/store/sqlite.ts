import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.ts';
import { migrateToLatest, type Store } from './store.ts';

/**
 * Opens (creating if needed) a SQLite store at `file` (`:memory:` for a throwaway one) and
 * migrates it. WAL mode lets a summary read while an ingest writes; foreign keys are enforced.
 * @example const store = await openSqliteStore('/tmp/mxray.sqlite');
 */
export async function openSqliteStore(file: string): Promise<Store> {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  await migrateToLatest(db, 'sqlite');
  return { db, dialect: 'sqlite', url: `sqlite:${file}`, close: () => db.destroy() };
}
