/**
 * MTA-STS (RFC 8461): the `_mta-sts` TXT record, the policy file, MX pattern matching, and policy
 * fetches through an injected {@link PolicyFetcher}.
 */
export { isStsRecord, parseStsRecord } from './parse-record.ts';
export { parseStsPolicy } from './parse-policy.ts';
export { matchesMxPattern, uncoveredMxHosts } from './match-mx.ts';
export { fetchStsPolicy, stsPolicyUrl, type StsPolicyFetch } from './fetch-policy.ts';
export { MAX_AGE_LIMIT, POLICY_MAX_BYTES, POLICY_TIMEOUT_MS } from './limits.ts';
export type {
  FetchErrorKind,
  FetchOutcome,
  PolicyFetcher,
  StsIssue,
  StsMode,
  StsParse,
  StsPolicy,
  StsRecord,
} from './types.ts';
