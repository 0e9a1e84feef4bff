import type { MailProvider } from './types.ts';

/**
 * Providers recognised by their CNAME target suffix; their selector names are medium or low
 * confidence (Domain-Connect templates, community guides), so rules never raise errors on them.
 */
export const hubspot: MailProvider = {
  id: 'hubspot',
  name: 'HubSpot',
  mxSuffixes: [],
  spfIncludes: [],
  dkim: {
    selectors: () => [],
    recordType: 'CNAME',
    targetSuffixes: ['hubspotemail.net'],
    rotation: 'all-published',
    allSelectorsRequired: false,
  },
  source:
    'knowledge.hubspot.com ("two CNAME records"); dmarc.wiki/hubspot: names and targets unverified',
  confidence: 'low',
};

export const zendesk: MailProvider = {
  id: 'zendesk',
  name: 'Zendesk',
  mxSuffixes: [],
  spfIncludes: ['mail.zendesk.com'],
  dkim: {
    selectors: () => ['zendesk1', 'zendesk2'],
    recordType: 'CNAME',
    targetSuffixes: ['zendesk.com'],
    rotation: 'all-published',
    allSelectorsRequired: true,
  },
  source: 'Domain-Connect Entri/Fourthwall template',
  confidence: 'medium',
};

export const godaddy: MailProvider = {
  id: 'godaddy',
  name: 'GoDaddy Professional Email',
  mxSuffixes: ['secureserver.net'],
  spfIncludes: ['secureserver.net'],
  dkim: {
    selectors: () => ['secureserver1', 'secureserver2'],
    recordType: 'CNAME',
    targetSuffixes: ['onsecureserver.net'],
    rotation: 'all-published',
    allSelectorsRequired: false,
  },
  source: 'Domain-Connect GoDaddy templates',
  confidence: 'medium',
};
