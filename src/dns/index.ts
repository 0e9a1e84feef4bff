/** The DNS port, its answers, name handling and the decorators (`mxray/dns`). */
export * from './types.ts';
export {
  normalizeDomain,
  normalizeQueryName,
  canonicalName,
  isSubdomainOf,
  toAsciiName,
} from './name.ts';
export { resolveFollowingCnames, MAX_CNAME_HOPS } from './follow-cnames.ts';
export { formatRecord, formatRecordData } from './format-record.ts';
export { withCache } from './cache.ts';
export { withConcurrencyLimit } from './concurrency.ts';
export { withTranscript, type Transcript } from './transcript.ts';
export { withLookupBudget } from './budget.ts';
export { answerWithoutQuery } from './no-answer.ts';
export { createMemoryResolver } from './memory-resolver.ts';
