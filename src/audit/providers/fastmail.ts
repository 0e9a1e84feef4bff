import type { MailProvider } from './types.ts';

/**
 * Fastmail: three CNAMEs `fm1`, `fm2`, `fm3` → `fmN.<domain>.dkim.fmhosted.com`.
 * Source: fastmail.help article 360060591153 (three CNAMEs); target form from mailflowauthority.com.
 */
export const fastmail: MailProvider = {
  id: 'fastmail',
  name: 'Fastmail',
  mxSuffixes: ['messagingengine.com'],
  spfIncludes: ['spf.messagingengine.com'],
  dkim: {
    selectors: () => ['fm1', 'fm2', 'fm3'],
    recordType: 'CNAME',
    targetSuffixes: ['dkim.fmhosted.com'],
    rotation: 'all-published',
    allSelectorsRequired: true,
  },
  source: 'fastmail.help 360060591153; mailflowauthority.com (target form)',
  confidence: 'high',
};
