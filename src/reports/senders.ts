import { isSubdomainOf } from '../dns/name.ts';

/**
 * Mail providers recognised by the reverse DNS name of a source or by the DKIM `d=` domains that
 * sign its mail. A suffix matches the name itself or any name below it. Data, not logic: add a
 * row to recognise a new provider.
 */
export const SENDERS: ReadonlyArray<{ name: string; ptr: string[]; dkim: string[] }> = [
  {
    name: 'Microsoft 365',
    ptr: ['outbound.protection.outlook.com', 'protection.outlook.com', 'outlook.com'],
    dkim: ['onmicrosoft.com'],
  },
  { name: 'Google', ptr: ['google.com', 'googlemail.com'], dkim: ['gappssmtp.com', 'google.com'] },
  { name: 'Amazon SES', ptr: ['amazonses.com', 'smtp-out.amazonses.com'], dkim: ['amazonses.com'] },
  { name: 'SendGrid', ptr: ['sendgrid.net'], dkim: ['sendgrid.info', 'sendgrid.net'] },
  { name: 'Mailgun', ptr: ['mailgun.net', 'mailgun.org'], dkim: ['mailgun.org'] },
  {
    name: 'Mailchimp',
    ptr: ['mcsv.net', 'rsgsv.net', 'mcdlv.net'],
    dkim: ['mcsv.net', 'mcdlv.net'],
  },
  { name: 'Mandrill', ptr: ['mandrillapp.com'], dkim: ['mandrillapp.com'] },
  { name: 'SparkPost', ptr: ['sparkpostmail.com'], dkim: ['sparkpostmail.com'] },
  { name: 'Postmark', ptr: ['mtasv.net'], dkim: ['pm.mtasv.net'] },
  { name: 'Salesforce', ptr: ['exacttarget.com', 'salesforce.com'], dkim: ['exacttarget.com'] },
  { name: 'Zoho', ptr: ['zoho.com', 'zohomail.com'], dkim: ['zoho.com', 'zohomail.com'] },
  { name: 'Proofpoint', ptr: ['pphosted.com', 'ppe-hosted.com'], dkim: [] },
  { name: 'Mimecast', ptr: ['mimecast.com'], dkim: ['mimecast.com'] },
  { name: 'Yahoo', ptr: ['yahoo.com', 'yahoo.net'], dkim: ['yahoo.com'] },
];

/** How a sender was recognised. */
export interface SenderMatch {
  name: string;
  by: 'ptr' | 'dkim';
}

/**
 * The provider behind a source, by its PTR name first (who operates the IP) and else by the DKIM
 * domains that sign its mail; null when neither matches.
 * @example recognizeSender('mail-eopbgr.outbound.protection.outlook.com', []) // Microsoft 365
 */
export function recognizeSender(ptr: string | null, dkimDomains: string[]): SenderMatch | null {
  if (ptr) {
    const byPtr = SENDERS.find((s) => s.ptr.some((suffix) => isSubdomainOf(ptr, suffix)));
    if (byPtr) return { name: byPtr.name, by: 'ptr' };
  }
  for (const d of dkimDomains) {
    const byDkim = SENDERS.find((s) => s.dkim.some((suffix) => isSubdomainOf(d, suffix)));
    if (byDkim) return { name: byDkim.name, by: 'dkim' };
  }
  return null;
}
