import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Resolver } from '../../src/dns/types.ts';
import { verifyDkim, type DkimLimits, type DkimSignatureResult } from '../../src/dkim/index.ts';
import { fixedClock } from '../../src/base/clock.ts';

/** Reads a JSON file of a corpus. */
export function readJson<T>(dir: string, file: string): T {
  return JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as T;
}

/** Verifies a corpus file and returns the per-signature results. */
export async function verifyFile(
  file: string,
  resolver: Resolver,
  nowMs: number,
  limits: Partial<DkimLimits> = {},
): Promise<DkimSignatureResult[]> {
  const result = await verifyDkim(readFileSync(file), {
    resolver,
    clock: fixedClock(nowMs),
    limits,
  });
  return result.signatures;
}

/** Mail::DKIM's words for our results: pass, fail, and invalid for everything that is neither. */
export function mailDkimWord(results: DkimSignatureResult[]): string {
  if (results.length === 0) return 'none';
  // Mail::DKIM's overall result is the best signature's.
  if (results.some((r) => r.result === 'pass')) return 'pass';
  if (results.some((r) => r.result === 'fail')) return 'fail';
  return 'invalid';
}
