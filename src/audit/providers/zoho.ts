import type { MailProvider } from './types.ts';

/**
 * Zoho Mail: an admin-chosen selector (often `zmail`, sometimes several) with a TXT key.
 * Source: zoho.com/mail/help/adminconsole/dkim-configuration.html; Domain-Connect
 * zoho.com.zmail_hosting.json. Record type: high confidence; the selector name: low.
 */
export const zoho: MailProvider = {
  id: 'zoho',
  name: 'Zoho Mail',
  mxSuffixes: ['zoho.com', 'zoho.eu', 'zoho.in', 'zoho.com.au', 'zohomail.com'],
  spfIncludes: ['zoho.com', 'zoho.eu', 'zoho.in', 'zohomail.com', 'one.zoho.com'],
  dkim: {
    selectors: () => ['zmail', 'zoho'],
    recordType: 'TXT',
    targetSuffixes: [],
    rotation: 'customer-managed',
    allSelectorsRequired: false,
  },
  source: 'zoho.com/mail/help/adminconsole/dkim-configuration.html',
  confidence: 'medium',
};
