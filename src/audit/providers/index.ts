import { amazonSes } from './amazon-ses.ts';
import { fastmail } from './fastmail.ts';
import { googleWorkspace } from './google-workspace.ts';
import { mailchimp, mandrill } from './mailchimp.ts';
import { mailgun } from './mailgun.ts';
import { microsoft365 } from './microsoft365.ts';
import { godaddy, hubspot, zendesk } from './others.ts';
import { postmark } from './postmark.ts';
import { proton } from './proton.ts';
import { salesforce } from './salesforce.ts';
import { sendgrid } from './sendgrid.ts';
import type { MailProvider } from './types.ts';
import { zoho } from './zoho.ts';

export type { MailProvider, ProviderRuleInput, RotationModel, Confidence } from './types.ts';

/** Every provider mxray knows, most common first. */
export const PROVIDERS: readonly MailProvider[] = [
  microsoft365,
  googleWorkspace,
  amazonSes,
  sendgrid,
  mailchimp,
  mandrill,
  mailgun,
  postmark,
  zoho,
  fastmail,
  proton,
  salesforce,
  hubspot,
  zendesk,
  godaddy,
];

const endsWithSuffix = (name: string, suffix: string) =>
  name === suffix || name.endsWith(`.${suffix}`);

/** The provider whose DKIM CNAME targets live under `target`'s zone suffix, if any. */
export function providerByCnameTarget(target: string): MailProvider | undefined {
  return PROVIDERS.find((p) => p.dkim.targetSuffixes.some((s) => endsWithSuffix(target, s)));
}

/** The provider that runs an MX host, if any. */
export function providerByMx(host: string): MailProvider | undefined {
  return PROVIDERS.find((p) => p.mxSuffixes.some((s) => endsWithSuffix(host, s)));
}

/** The provider behind an SPF include, if any. */
export function providerBySpfInclude(include: string): MailProvider | undefined {
  return PROVIDERS.find((p) => p.spfIncludes.some((s) => endsWithSuffix(include, s)));
}
