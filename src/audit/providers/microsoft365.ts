import type { MailProvider } from './types.ts';
import { microsoft365Rules } from './microsoft365-rules.ts';

/**
 * Microsoft 365 (Exchange Online).
 * Sources: Microsoft Learn "How to use DKIM for email in your custom domain" (ms.date 2026-07-03,
 * mirrored in merill/defender-docs-mirror at 417a5f8; older text MicrosoftDocs/defender-docs
 * 2024-05-31): two CNAMEs selector1/selector2; old targets
 * `selectorN-<domain-dashed>._domainkey.<tenant>.onmicrosoft.com`; since May 2025 new domains get
 * `selectorN-<domain-dashed>._domainkey.<prefix>.<char>-v1.dkim.mail.microsoft`.
 * Only the active selector's key is published (cammurray/orca#5, 2020; MicrosoftDocs
 * microsoft-365-docs PR #1184): not stated in the Learn page itself.
 */
export const microsoft365: MailProvider = {
  id: 'microsoft365',
  name: 'Microsoft 365',
  mxSuffixes: ['mail.protection.outlook.com', 'mx.microsoft'],
  spfIncludes: ['spf.protection.outlook.com'],
  dkim: {
    selectors: () => ['selector1', 'selector2'],
    recordType: 'CNAME',
    targetSuffixes: ['onmicrosoft.com', 'dkim.mail.microsoft'],
    rotation: 'active-only',
    allSelectorsRequired: true,
  },
  source:
    'Microsoft Learn dkim-configure (2024-05-31 and 2026-07-03); cammurray/orca#5; microsoft-365-docs PR #1184',
  confidence: 'high',
  rules: microsoft365Rules,
};
