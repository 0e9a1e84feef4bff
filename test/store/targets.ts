import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';

/** Where the test PostgreSQL runs (CI starts it; trust auth, database `postgres` exists). */
export const PG_ADMIN_URL =
  process.env.MXRAY_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Whether the test PostgreSQL answers. Without it the PostgreSQL half skips with one line, as the
 * Dovecot and NSD tests do, unless MXRAY_REQUIRE_SERVICES=1 (CI), where it runs and fails loudly.
 */
export const PG_AVAILABLE: boolean = await (async () => {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch (err) {
    if (process.env.MXRAY_REQUIRE_SERVICES === '1') return true;
    console.log(
      `skipping: PostgreSQL is not reachable at ${PG_ADMIN_URL} (${(err as Error).message}); set MXRAY_TEST_PG to point elsewhere`,
    );
    return false;
  }
})();

export interface StoreTarget {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated, empty store and how to throw it away. */
  open(): Promise<{ store: Store; url: string; dispose(): Promise<void> }>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL is not reachable at ${PG_ADMIN_URL} (${(err as Error).message}); the PostgreSQL half of the store suite needs it (CI starts it; set MXRAY_TEST_PG to point elsewhere)`,
      { cause: err },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The two databases every store test runs on (PostgreSQL only when {@link PG_AVAILABLE}). */
const ALL_TARGETS: StoreTarget[] = [
  {
    name: 'sqlite',
    async open() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'mxray-store-'));
      const url = `sqlite:${path.join(dir, 'test.sqlite')}`;
      const store = await openStore(url);
      return {
        store,
        url,
        dispose: async () => {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    async open() {
      const name = `mxray_test_${randomBytes(6).toString('hex')}`;
      await admin((c) => c.query(`CREATE DATABASE ${name}`));
      const url = new URL(PG_ADMIN_URL);
      url.pathname = `/${name}`;
      const store = await openStore(url.toString());
      return {
        store,
        url: url.toString(),
        dispose: async () => {
          await store.close();
          await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
        },
      };
    },
  },
];

export const STORE_TARGETS: StoreTarget[] = ALL_TARGETS.filter(
  (t) => t.name !== 'postgres' || PG_AVAILABLE,
);
