import type { MailProvider } from './types.ts';

/**
 * Proton Mail: CNAMEs `protonmail`, `protonmail2`, `protonmail3` →
 * `protonmail.domainkey.d<hash>.domains.proton.ch` (and so on), rotated by Proton.
 * Source: proton.me/support/cname-problems; domainsecurityscanner.com (target pattern).
 */
export const proton: MailProvider = {
  id: 'proton',
  name: 'Proton Mail',
  mxSuffixes: ['protonmail.ch'],
  spfIncludes: ['_spf.protonmail.ch'],
  dkim: {
    selectors: () => ['protonmail', 'protonmail2', 'protonmail3'],
    recordType: 'CNAME',
    targetSuffixes: ['domains.proton.ch'],
    rotation: 'all-published',
    allSelectorsRequired: true,
  },
  source: 'proton.me/support/cname-problems; domainsecurityscanner.com',
  confidence: 'high',
};
