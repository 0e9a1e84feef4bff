import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../base/usage-error.ts';
import { openPostgresStore } from './postgres.ts';
import { openSqliteStore } from './sqlite.ts';
import type { Store } from './store.ts';

/**
 * The default store when no `--db` is given: `$MXRAY_DB` if set, else the SQLite file
 * `$XDG_DATA_HOME/mxray/mxray.sqlite` (XDG default: `~/.local/share/mxray/mxray.sqlite`).
 */
export function defaultStoreUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MXRAY_DB) return env.MXRAY_DB;
  const dataHome = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return `sqlite:${path.join(dataHome, 'mxray', 'mxray.sqlite')}`;
}

/**
 * Opens a store by URL: `sqlite:PATH` (`sqlite::memory:` for a throwaway one) or
 * `postgres://user@host:port/db` (`postgresql://` too). Migrations run on open.
 * @example const store = await openStore('sqlite:./mxray.sqlite');
 */
export async function openStore(url: string): Promise<Store> {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '') throw new UsageError('sqlite: needs a file path, e.g. sqlite:./mxray.sqlite');
    return openSqliteStore(file);
  }
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgresStore(url);
  throw new UsageError(`unknown database URL "${url}": use sqlite:PATH or postgres://...`);
}
