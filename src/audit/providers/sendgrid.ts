import type { MailProvider } from './types.ts';

/**
 * Twilio SendGrid with Automated Security: CNAMEs `s1`/`s2` (names can be changed) to
 * `sN.domainkey.u<userid>.wl<NNN>.sendgrid.net`. Source: SendGrid API docs ("Automated Security
 * → 3 CNAME; off → 2 TXT + 1 MX"); Domain-Connect templates (stytch, agentcollect).
 */
export const sendgrid: MailProvider = {
  id: 'sendgrid',
  name: 'SendGrid',
  mxSuffixes: ['sendgrid.net'],
  spfIncludes: ['sendgrid.net'],
  dkim: {
    selectors: () => ['s1', 's2'],
    recordType: 'CNAME',
    targetSuffixes: ['sendgrid.net'],
    rotation: 'all-published',
    allSelectorsRequired: true,
  },
  source: 'SendGrid API docs (domain authentication, Automated Security); Domain-Connect templates',
  confidence: 'high',
};
