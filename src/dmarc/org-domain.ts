import { getDomain } from 'tldts';
import { canonicalName, toAsciiName } from '../dns/name.ts';

/**
 * tldts options: the ICANN *and* PRIVATE sections of the public suffix list, so `blogspot.com` or
 * `github.io` customers are separate organizations (as OpenDMARC and mailauth do). `validateHostname`
 * is off because DMARC names may carry underscores.
 */
const PSL_OPTIONS = { allowPrivateDomains: true, validateHostname: false } as const;

/**
 * The registrable domain (public suffix plus one label) by the public suffix list, or null when the
 * name is itself a public suffix, an IP address, or not a domain name. Returns A-labels, lower case.
 * @example registrableDomain('mail.example.co.uk') // 'example.co.uk'
 */
export function registrableDomain(domain: string): string | null {
  const ascii = toAsciiName(domain.startsWith('.') ? '' : domain);
  if (ascii === null) return null;
  return getDomain(ascii, PSL_OPTIONS);
}

/**
 * RFC 7489 3.2: the organizational domain, by the public suffix list (ICANN and PRIVATE sections,
 * through tldts' bundled copy). A name that is itself a public suffix, or has no registrable part,
 * is its own organizational domain.
 * @example organizationalDomain('a.b.example.com') // 'example.com'
 */
export function organizationalDomain(domain: string): string {
  return registrableDomain(domain) ?? toAsciiName(domain) ?? canonicalName(domain.trim());
}
