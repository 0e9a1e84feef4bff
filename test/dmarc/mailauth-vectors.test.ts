import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DiscoveryMode } from '../../src/dmarc/index.ts';
import { corporaDir } from '../helpers/corpora.ts';
import {
  check,
  parseAssertions,
  readActual,
  type ParsedAssertion,
} from './vectors/chai-assertions.ts';
import { runCall, type VectorCall } from './vectors/mailauth-view.ts';
import type { VectorZone } from './vectors/vector-zone.ts';
import { KNOWN_DISAGREEMENTS, NOT_APPLICABLE } from './vectors/known-disagreements.ts';

interface Vector {
  id: string;
  skipped_upstream: boolean;
  assertions: string[];
  zone?: VectorZone | VectorZone[];
  calls: VectorCall[];
}

const dir = corporaDir('dmarc-mailauth-vectors');

/** Runs one vector; returns the assertions that failed and those not applicable to mxray. */
async function runVector(vector: Vector, mode: DiscoveryMode) {
  const views: unknown[] = [];
  const calls: string[] = [];
  let error: unknown;
  for (const [index, call] of vector.calls.entries()) {
    const zone = Array.isArray(vector.zone) ? vector.zone[index] : vector.zone;
    const run = await runCall(call, zone, mode);
    views.push(run.view);
    calls.push(...run.calls);
    error ??= run.error;
  }
  const assertions = vector.assertions.flatMap(parseAssertions);
  const names = assertions.some((a) => a.actual.startsWith('aligned.'))
    ? ['aligned', 'unaligned']
    : assertions.some((a) => a.actual.startsWith('relaxed.'))
      ? ['relaxed', 'strict']
      : [];
  const roots: Record<string, unknown> = {
    result: views[views.length - 1],
    err: error,
    dmarcQueries: calls.filter((n) => n.startsWith('_dmarc.')),
  };
  names.forEach((name, i) => (roots[name] = views[i]));
  const failures: string[] = [];
  const notApplicable: ParsedAssertion[] = [];
  for (const assertion of assertions) {
    if (NOT_APPLICABLE.some((re) => re.test(assertion.actual))) {
      notApplicable.push(assertion);
      continue;
    }
    const value =
      assertion.actual === 'resolver.calls.map(call => call.name)'
        ? calls
        : readActual(assertion.actual, roots);
    const failure = check(assertion, value);
    if (failure) failures.push(failure);
  }
  return { failures, notApplicable };
}

describe.skipIf(!dir)('mailauth DMARC vectors (RFC 7489 + RFC 9989)', () => {
  const vectors: Vector[] = dir
    ? (
        JSON.parse(readFileSync(path.join(dir, 'dmarc-vectors.json'), 'utf8')) as {
          vectors: Vector[];
        }
      ).vectors
    : [];

  for (const mode of ['rfc9989', 'rfc7489'] as const) {
    it(`agrees with every vector except the documented disagreements (${mode})`, async () => {
      let agreed = 0;
      let notApplicable = 0;
      const disagreements: Record<string, string[]> = {};
      for (const vector of vectors) {
        const outcome = await runVector(vector, mode);
        notApplicable += outcome.notApplicable.length;
        if (outcome.failures.length === 0) agreed++;
        else disagreements[vector.id] = outcome.failures;
      }
      console.log(
        `mailauth dmarc vectors (${mode}): ${agreed}/${vectors.length} agree, ${Object.keys(disagreements).length} documented disagreements, ${notApplicable} assertions on mailauth-only fields not applicable`,
      );
      const known = KNOWN_DISAGREEMENTS[mode];
      const unexplained = Object.entries(disagreements).filter(([id]) => !(id in known));
      expect(unexplained).toEqual([]);
      // A documented disagreement that no longer happens must be removed from the list.
      expect(Object.keys(known).filter((id) => !(id in disagreements))).toEqual([]);
    });
  }
});
