/**
 * One message through SPF, DKIM and DMARC: the combined verdict, the Authentication-Results we
 * would add, and the DNS causes of failures; and `explain`: receivers' Authentication-Results
 * mapped to one taxonomy with the DNS names to diagnose.
 */
export { authenticateMessage, type AuthenticateOptions } from './authenticate-message.ts';
export { connectionFacts } from './connection.ts';
export { buildAuthenticationResults } from './auth-results.ts';
export { dnsCauses } from './dns-causes.ts';
export type {
  ArcVerdict,
  ConnectionFacts,
  DmarcVerdict,
  DnsCause,
  FactSource,
  GivenConnection,
  MessageAuthentication,
  SpfVerdict,
} from './types.ts';
export { extractPastedFields, MAX_EXPLAIN_INPUT_CHARS, type PastedField } from './explain-input.ts';
export {
  explainAuthResults,
  type DiagnosisTarget,
  type ExplainedHeader,
  type ExplainedResult,
} from './explain-results.ts';
export {
  classifyResult,
  compauthReason,
  dmarcActionMeaning,
  OUTCOME_MEANING,
  type Outcome,
} from './explain-taxonomy.ts';
