import type { MailProvider } from './types.ts';

/**
 * Salesforce: an admin-chosen primary and alternate selector, both CNAMEs →
 * `<selector>.<6-char id>.custdkim.salesforce.com`; one key is active at a time.
 * Source: help.salesforce.com 000391930; developer.salesforce.com EmailDomainKey.
 */
export const salesforce: MailProvider = {
  id: 'salesforce',
  name: 'Salesforce',
  mxSuffixes: [],
  spfIncludes: ['_spf.salesforce.com'],
  dkim: {
    selectors: () => [],
    recordType: 'CNAME',
    targetSuffixes: ['custdkim.salesforce.com'],
    rotation: 'all-published',
    allSelectorsRequired: false,
  },
  source: 'help.salesforce.com 000391930; developer.salesforce.com EmailDomainKey',
  confidence: 'high',
};
