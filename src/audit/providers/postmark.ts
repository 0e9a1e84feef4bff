import type { MailProvider } from './types.ts';

/**
 * Postmark: a per-domain, date-based selector such as `20221121…pm` with a TXT key; rotation via
 * API (`DKIMPendingHost`, `DKIMRevokedHost`). The selector cannot be guessed: pass --selector.
 * Source: Postmark API schema DKIMRotationResponse; cloudscope/senderclarity guides.
 */
export const postmark: MailProvider = {
  id: 'postmark',
  name: 'Postmark',
  mxSuffixes: ['mtasv.net'],
  spfIncludes: ['spf.mtasv.net'],
  dkim: {
    selectors: () => [],
    recordType: 'TXT',
    targetSuffixes: [],
    rotation: 'customer-managed',
    allSelectorsRequired: false,
  },
  source: 'Postmark API (DKIMRotationResponse); community guides',
  confidence: 'medium',
};
