import { Migrator, type Kysely } from 'kysely';
import { migrations } from './migrations.ts';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

/**
 * An open store: a Kysely handle over SQLite or PostgreSQL. Query modules (`*-queries.ts`) take
 * `store.db` and never know which database runs underneath.
 */
export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
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
