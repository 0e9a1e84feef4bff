import type { MailProvider } from './types.ts';

/**
 * Google Workspace. Sources: support.google.com/a/answer/11611356, /174124, /11612790: the
 * customer publishes a TXT key at `google._domainkey` (the prefix "google" is the default and
 * can be changed), 2048-bit recommended, split into 255-character strings.
 */
export const googleWorkspace: MailProvider = {
  id: 'google',
  name: 'Google Workspace',
  mxSuffixes: ['google.com', 'googlemail.com'],
  spfIncludes: ['_spf.google.com'],
  dkim: {
    selectors: () => ['google'],
    recordType: 'TXT',
    targetSuffixes: [],
    rotation: 'customer-managed',
    allSelectorsRequired: false,
  },
  source: 'support.google.com/a/answer/11611356, /174124, /11612790',
  confidence: 'high',
};
