export { checkDomain } from './check-domain.ts';
export type { CheckDomainOptions, DomainReport, DetectedProvider } from './check-domain.ts';
export { diagnoseDkimSelector } from './dkim/diagnose-selector.ts';
export { PROVIDERS } from './providers/index.ts';
export type { MailProvider } from './providers/types.ts';
export type { NameserverComparer } from './nameservers.ts';
