import type { MailProvider } from './types.ts';

/**
 * Mailchimp: two CNAMEs, commonly `k2`/`k3` (legacy `k1`) → `dkim2.mcsv.net`/`dkim3.mcsv.net`;
 * Mailchimp says the values are account-specific. Source: Domain-Connect
 * `mailchimp.com.email-signing.json`; dmarctrust.com. Selector names: medium confidence.
 */
export const mailchimp: MailProvider = {
  id: 'mailchimp',
  name: 'Mailchimp',
  mxSuffixes: [],
  spfIncludes: ['servers.mcsv.net'],
  dkim: {
    selectors: () => ['k1', 'k2', 'k3'],
    recordType: 'CNAME',
    targetSuffixes: ['mcsv.net'],
    rotation: 'all-published',
    allSelectorsRequired: false,
  },
  source: 'Domain-Connect mailchimp.com.email-signing.json; dmarctrust.com',
  confidence: 'medium',
};

/**
 * Mandrill (Mailchimp Transactional): `mte1`/`mte2` → `dkim1.mandrillapp.com`/`dkim2…`.
 * Unverified: not found in stored documentation.
 */
export const mandrill: MailProvider = {
  id: 'mandrill',
  name: 'Mandrill',
  mxSuffixes: [],
  spfIncludes: ['spf.mandrillapp.com'],
  dkim: {
    selectors: () => ['mte1', 'mte2', 'mandrill'],
    recordType: 'CNAME',
    targetSuffixes: ['mandrillapp.com'],
    rotation: 'all-published',
    allSelectorsRequired: false,
  },
  source: 'community guides only',
  confidence: 'unverified',
};
