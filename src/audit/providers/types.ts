import type { Finding } from '../../findings/finding.ts';
import type { SelectorProbe } from '../dkim/probe-selector.ts';

/**
 * How a provider's DKIM keys relate to each other over time:
 * - `active-only`: several selectors are set up, but only the active one's key is published
 *   (Microsoft 365); a missing key behind the inactive selector is expected;
 * - `all-published`: every selector the customer sets up has a key (SendGrid, Fastmail, SES);
 * - `customer-managed`: the customer publishes TXT keys and rotates them by hand (Google, Zoho).
 */
export type RotationModel = 'active-only' | 'all-published' | 'customer-managed';

/** How sure we are of a rule; unverified rules never raise an error on their own. */
export type Confidence = 'high' | 'medium' | 'low' | 'unverified';

/** Everything a provider rule function sees about the domain. */
export interface ProviderRuleInput {
  domain: string;
  /** Probes of this provider's selectors (and any user-given selector whose CNAME points to it). */
  probes: SelectorProbe[];
  /** Selectors the user named with --selector: they are being used to sign, so must have a key. */
  givenSelectors: ReadonlySet<string>;
  /** How the provider was recognised (mx: it hosts the domain's mail; spf: it sends some of it). */
  detectedBy: ReadonlySet<'mx' | 'spf' | 'dkim'>;
  /** One sentence on what the domain's DMARC policy does to mail that fails DKIM. */
  dmarcConsequence: string;
}

/** What a mail provider publishes, with where we learnt it. */
export interface MailProvider {
  id: string;
  name: string;
  /** MX host suffixes that identify the provider as the domain's inbound mail host. */
  mxSuffixes: string[];
  /** SPF include targets that identify the provider as a sender. */
  spfIncludes: string[];
  dkim: {
    /** Selectors to probe at the customer domain (may depend on the domain). */
    selectors: (domain: string) => string[];
    /** What the customer publishes at `<selector>._domainkey.<domain>`. */
    recordType: 'CNAME' | 'TXT' | 'CNAME or TXT';
    /** CNAME target zone suffixes that identify the provider (preferred over selector names). */
    targetSuffixes: string[];
    rotation: RotationModel;
    /** True when every selector in `selectors` must be set up (a missing one is a finding). */
    allSelectorsRequired: boolean;
  };
  /** Where the layout comes from (documentation, issue threads); "unverified" where we guessed. */
  source: string;
  confidence: Confidence;
  /**
   * Provider-specific findings for this provider's selectors. When present, it replaces the
   * generic selector diagnosis for the probes it is given.
   */
  rules?: (input: ProviderRuleInput) => Finding[];
}
