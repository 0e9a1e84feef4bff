import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { kyselyInsertMany, migrateToLatest, type Store } from './store.ts';

/** int8 (20) as a JS number: our bigints are counts and epoch seconds, far below 2^53. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
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
    throw new Error(
      `cannot connect to PostgreSQL at ${redactUrl(url)}: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrateToLatest(db, 'postgres');
  return {
    db,
    dialect: 'postgres',
    url: redactUrl(url),
    insertMany: kyselyInsertMany,
    close: () => db.destroy(),
  };
}
