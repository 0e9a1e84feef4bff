import type { MailProvider } from './types.ts';

/**
 * Mailgun Automatic Sender Security: CNAMEs `pdk1`/`pdk2` → `pdkN._domainkey.<id>.dkim1.mailgun.com`,
 * auto-rotated (API `domain.active_selector`, minimum interval 5 days). Legacy setups use a TXT at
 * `mx`, `krs`, `pic` or `smtp`. Source: documentation.mailgun.com (dkim_security, mg_security).
 * Whether the inactive selector's key is published is unverified, so both must resolve.
 */
export const mailgun: MailProvider = {
  id: 'mailgun',
  name: 'Mailgun',
  mxSuffixes: ['mailgun.org'],
  spfIncludes: ['mailgun.org'],
  dkim: {
    selectors: () => ['pdk1', 'pdk2', 'mx', 'krs', 'smtp', 'pic'],
    recordType: 'CNAME or TXT',
    targetSuffixes: ['mailgun.com', 'mailgun.org'],
    rotation: 'all-published',
    allSelectorsRequired: false,
  },
  source: 'documentation.mailgun.com (dkim_security, mg_security, dkim_management rotation)',
  confidence: 'high',
};
