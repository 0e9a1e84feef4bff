/**
 * mxray's public library API: the use cases and their types. Protocol engines are also available
 * as subpaths (`mxray/dns`, `mxray/spf`, `mxray/dkim`, `mxray/dmarc`, `mxray/arc`, `mxray/authres`,
 * `mxray/mail`, `mxray/reports`).
 *
 * @example
 * import { checkDomain, createContext } from 'mxray';
 * const ctx = await createContext({ resolvers: ['1.1.1.1'] });
 * const report = await checkDomain('example.com', { resolver: ctx.resolver, clock: ctx.clock });
 * console.log(report.verdict, report.headline);
 */
export { checkDomain, diagnoseDkimSelector, PROVIDERS } from './audit/index.ts';
export type {
  CheckDomainOptions,
  DomainReport,
  DetectedProvider,
  MailProvider,
} from './audit/index.ts';
export type { Finding, Severity } from './findings/finding.ts';
export { FINDINGS, type FindingId } from './findings/registry.ts';
export { createContext } from './runtime/create-context.ts';
export type { Context, ContextOptions } from './runtime/context.ts';
export type {
  Resolver,
  DnsAnswer,
  DnsExchange,
  DnsRecord,
  DnsStatus,
  RRType,
} from './dns/types.ts';
export { systemClock, fixedClock, type Clock } from './base/clock.ts';
export {
  authenticateMessage,
  explainAuthResults,
  extractPastedFields,
} from './authenticate/index.ts';
export type { MessageAuthentication, AuthenticateOptions } from './authenticate/index.ts';
export { ingestReports, summarizeReports } from './reports/index.ts';
export { fileSource } from './reports/sources/files.ts';
export { imapSource, parseImapUrl } from './reports/sources/imap.ts';
export { openStore, defaultStoreUrl } from './store/open-store.ts';
