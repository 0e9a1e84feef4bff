/** SPF (RFC 7208): record parsing, macros, `check_host()`, identity checks and policy analysis. */
export type * from './types.ts';
export { parseSpfRecord, isSpfRecordText, checkDomainSpec, type SpfParse } from './parse.ts';
export { checkHost, type CheckHostInput, type CheckHostOptions } from './check-host.ts';
export {
  verifySpf,
  type SpfIdentity,
  type VerifySpfInput,
  type SpfVerification,
} from './verify.ts';
export { DEFAULT_SPF_LIMITS, resolveSpfLimits } from './limits.ts';
export { createSpfBudget, type SpfBudget } from './dns-budget.ts';
export { spfDnsFailure, type SpfDnsFailure } from './dns-outcome.ts';
export { analyzeSpfPolicy } from './analyze.ts';
export type {
  SpfPolicyAnalysis,
  SpfProblem,
  SpfProblemCode,
  SpfSuggestion,
  SpfCostlyTerm,
} from './analysis-types.ts';
export { expandSpfMacro, type SpfMacroInput } from './macro.ts';
export { parseClientIp, type SpfIp } from './ip.ts';
