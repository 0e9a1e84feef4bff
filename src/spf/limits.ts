import { checkLimit } from '../base/limits.ts';
import type { SpfLimits } from './types.ts';

/**
 * The limits of one SPF evaluation. Each one bounds how much DNS work a stranger's record can make
 * a receiver do (RFC 7208 4.6.4 and 11.1: SPF as a DoS amplifier).
 */
export const DEFAULT_SPF_LIMITS: SpfLimits = {
  // RFC 7208 4.6.4: at most 10 terms that cause DNS queries, then permerror.
  maxLookups: 10,
  // RFC 7208 4.6.4: at most 2 void lookups (NXDOMAIN or empty answers), then permerror.
  maxVoidLookups: 2,
  // RFC 7208 4.6.4: an `mx` with more than 10 MX records is a permerror.
  maxMxNames: 10,
  // RFC 7208 4.6.4: a `ptr` looks at no more than 10 PTR names.
  maxPtrNames: 10,
  // Defence in depth: the worst legal record tree is about 10 * (1 + 10) queries plus `%{p}` and exp.
  maxQueries: 150,
};

/** RFC 7208 3.4: records over 450 bytes risk UDP truncation; we refuse anything absurdly large. */
export const MAX_RECORD_LENGTH = 4096;

/** RFC 7208 7.3: a macro expansion is cut to 253 characters by dropping labels on the left. */
export const MAX_EXPANDED_DOMAIN = 253;

/** Explanation text is for a person; cut it so a hostile record cannot flood a bounce message. */
export const MAX_EXPLANATION_LENGTH = 1024;

/** Validates user-supplied overrides at the boundary and fills in the defaults. */
export function resolveSpfLimits(overrides: Partial<SpfLimits> = {}): SpfLimits {
  const merged = { ...DEFAULT_SPF_LIMITS, ...overrides };
  return {
    maxLookups: checkLimit('maxLookups', merged.maxLookups, 1, 100),
    maxVoidLookups: checkLimit('maxVoidLookups', merged.maxVoidLookups, 0, 100),
    maxMxNames: checkLimit('maxMxNames', merged.maxMxNames, 1, 100),
    maxPtrNames: checkLimit('maxPtrNames', merged.maxPtrNames, 1, 100),
    maxQueries: checkLimit('maxQueries', merged.maxQueries, 1, 10_000),
  };
}
