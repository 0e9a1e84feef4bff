/**
 * DMARC (RFC 7489; RFC 9989 DMARCbis): record parsing, policy discovery by the public suffix list
 * or the DNS tree walk, identifier alignment, and the policy a failing message gets.
 */
export { parseDmarcRecord, isDmarcRecord } from './parse-record.ts';
export { discoverDmarcPolicy, type DiscoverOptions } from './discover.ts';
export { organizationalDomain, registrableDomain } from './org-domain.ts';
export { walkNames, treeWalkOrganizationalDomain } from './tree-walk.ts';
export { checkExternalDestination, type ExternalDestinationCheck } from './external-destination.ts';
export { evaluateDmarc, type DmarcInput, type EvaluateOptions } from './evaluate.ts';
export { dmarcAuthResult } from './auth-result.ts';
export { extractAuthorDomain, type AuthorDomain } from './author-domain.ts';
export { createLookupSession, type LookupSession } from './lookup-session.ts';
export * from './limits.ts';
export { DEFAULT_DISCOVERY_MODE } from './types.ts';
export type {
  AlignmentMode,
  DiscoveryMode,
  DiscoveryStatus,
  DmarcDiscovery,
  DmarcEvaluation,
  DmarcIssue,
  DmarcParseResult,
  DmarcPolicy,
  DmarcRecord,
  DmarcResult,
  DmarcUri,
  IdentifierAlignment,
} from './types.ts';
