import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the third-party corpora live (`MXRAY_CORPORA`, default `../shared/corpora`). Tests that
 * need them call {@link corporaDir}: without the folder they skip with one line, unless
 * `MXRAY_REQUIRE_CORPORA=1` (CI), where the missing folder is a failure.
 */
export function corporaDir(sub = ''): string | null {
  const root = path.resolve(
    process.env.MXRAY_CORPORA ?? path.join(process.cwd(), '..', 'shared', 'corpora'),
  );
  const dir = path.join(root, sub);
  if (existsSync(dir)) return dir;
  if (process.env.MXRAY_REQUIRE_CORPORA === '1') {
    throw new Error(`MXRAY_REQUIRE_CORPORA=1 but the corpus folder ${dir} does not exist`);
  }
  console.log(`skipping: corpus ${dir} not found (set MXRAY_CORPORA)`);
  return null;
}
