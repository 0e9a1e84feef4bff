import type { MailProvider } from './types.ts';

/**
 * Amazon SES Easy DKIM: three CNAMEs `<token>._domainkey.<domain>` → `<token>.dkim.amazonses.com`
 * with random tokens, so SES is recognised by the target suffix only. Source: AWS docs
 * (VerifyDomainDkim); regional target variants are unverified.
 */
export const amazonSes: MailProvider = {
  id: 'amazon-ses',
  name: 'Amazon SES',
  mxSuffixes: [],
  spfIncludes: ['amazonses.com'],
  dkim: {
    selectors: () => [],
    recordType: 'CNAME',
    targetSuffixes: ['dkim.amazonses.com'],
    rotation: 'all-published',
    allSelectorsRequired: false,
  },
  source: 'docs.aws.amazon.com VerifyDomainDkim; Domain-Connect templates with 3 tokens',
  confidence: 'high',
};
