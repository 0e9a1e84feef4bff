import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/base/usage-error.ts';
import { openStore } from '../../src/store/open-store.ts';
import { PG_ADMIN_URL, PG_AVAILABLE } from './targets.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mxray-open-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('opening a store that cannot be opened', () => {
  it('SQLite: a file that is not a database is bad input (exit 2), and the file is untouched', async () => {
    const file = path.join(dir, 'report.xml');
    writeFileSync(
      file,
      '<feedback>not a database, but long enough to have a header page</feedback>',
    );
    const opening = openStore(`sqlite:${file}`);
    await expect(opening).rejects.toBeInstanceOf(UsageError);
    await expect(opening).rejects.toThrow(/cannot open the SQLite store .*not a database/);
    expect(readFileSync(file, 'utf8')).toMatch(/^<feedback>not a database/);
  });

  it.skipIf(!PG_AVAILABLE)(
    'PostgreSQL: a database that does not exist is bad input (exit 2)',
    async () => {
      const url = new URL(PG_ADMIN_URL);
      url.pathname = '/mxray_no_such_database';
      const opening = openStore(url.toString());
      await expect(opening).rejects.toBeInstanceOf(UsageError);
      await expect(opening).rejects.toThrow(/database "mxray_no_such_database" does not exist/);
    },
  );
});
