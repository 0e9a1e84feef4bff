import type { Severity } from './finding.ts';

/** A documented finding ID: its usual severity and a title (docs/findings.md lists them all). */
export interface FindingDefinition {
  severity: Severity;
  title: string;
}

/**
 * Every finding ID mxray emits. IDs are stable: users filter, alert on and suppress them, so an ID
 * is never renamed or reused; a test checks each one is documented in docs/findings.md.
 */
export const FINDINGS = {
  DOMAIN_NXDOMAIN: { severity: 'error', title: 'The domain does not exist' },
  DNS_TEMPERROR: { severity: 'error', title: 'A DNS lookup failed (timeout, SERVFAIL, REFUSED)' },
  NS_INCONSISTENT: { severity: 'error', title: "The domain's nameservers give different answers" },
  NS_CONSISTENT: { severity: 'ok', title: 'All nameservers give the same answers' },
  PROVIDER_DETECTED: { severity: 'info', title: 'A mail provider was recognised' },

  MX_MISSING: { severity: 'warning', title: 'No MX record' },
  MX_NULL: { severity: 'info', title: 'Null MX: the domain accepts no mail (RFC 7505)' },
  MX_TARGET_UNRESOLVABLE: { severity: 'error', title: 'An MX target has no address' },
  MX_TARGET_IS_CNAME: { severity: 'warning', title: 'An MX target is a CNAME (RFC 2181 10.3)' },
  MX_TARGET_IS_IP: { severity: 'error', title: 'An MX target is an IP address, not a host name' },
  MX_OK: { severity: 'ok', title: 'MX records resolve' },

  SPF_MISSING: { severity: 'error', title: 'No SPF record' },
  SPF_MULTIPLE_RECORDS: { severity: 'error', title: 'More than one SPF record (permerror)' },
  SPF_SYNTAX: { severity: 'error', title: 'SPF syntax error (permerror)' },
  SPF_TOO_MANY_LOOKUPS: {
    severity: 'error',
    title: 'SPF needs more than 10 DNS lookups (permerror)',
  },
  SPF_LOOKUPS_NEAR_LIMIT: { severity: 'warning', title: 'SPF is close to the 10-lookup limit' },
  SPF_TOO_MANY_VOID_LOOKUPS: { severity: 'error', title: 'SPF has more than 2 void lookups' },
  SPF_PASS_ALL: { severity: 'error', title: 'SPF ends in +all: anyone may send' },
  SPF_NEUTRAL_ALL: { severity: 'warning', title: 'SPF ends in ?all: SPF protects nothing' },
  SPF_PTR: { severity: 'warning', title: 'SPF uses the ptr mechanism (RFC 7208 5.5: do not use)' },
  SPF_INCLUDE_NO_RECORD: { severity: 'error', title: 'An SPF include has no SPF record' },
  SPF_LOOP: { severity: 'error', title: 'SPF includes loop' },
  SPF_OK: { severity: 'ok', title: 'SPF record is valid' },

  DMARC_MISSING: { severity: 'error', title: 'No DMARC record' },
  DMARC_MULTIPLE_RECORDS: { severity: 'error', title: 'More than one DMARC record' },
  DMARC_SYNTAX: { severity: 'error', title: 'DMARC syntax error' },
  DMARC_TAG_WARNING: { severity: 'warning', title: 'DMARC record has a questionable tag' },
  DMARC_DISCOVERY_WARNING: {
    severity: 'warning',
    title: 'DMARC policy discovery hit a problem (organizational domain lookup)',
  },
  DMARC_POLICY_NONE: { severity: 'warning', title: 'DMARC policy is p=none (monitoring only)' },
  DMARC_PCT_PARTIAL: {
    severity: 'warning',
    title: 'DMARC policy applies to only part of the mail',
  },
  DMARC_SUBDOMAIN_WEAKER: { severity: 'warning', title: 'Subdomain policy (sp) is weaker than p' },
  DMARC_INHERITED: { severity: 'info', title: 'DMARC policy comes from the organizational domain' },
  DMARC_NO_RUA: { severity: 'info', title: 'No aggregate report address (rua)' },
  DMARC_RUA_NOT_AUTHORIZED: {
    severity: 'warning',
    title: 'An external report address has not authorized reports (RFC 7489 7.1)',
  },
  DMARC_OK: { severity: 'ok', title: 'DMARC record is valid and enforcing' },

  DKIM_CNAME_DANGLING: { severity: 'error', title: 'A DKIM selector CNAME points to nothing' },
  DKIM_CNAME_LOOP: { severity: 'error', title: 'A DKIM selector CNAME chain loops or is too long' },
  DKIM_SELECTOR_NOT_FOUND: { severity: 'error', title: 'A DKIM selector has no record' },
  DKIM_NO_VALID_KEY: { severity: 'error', title: 'No usable DKIM key is published' },
  DKIM_NO_SELECTOR_FOUND: { severity: 'warning', title: 'No DKIM selector was found' },
  DKIM_KEY_WEAK: { severity: 'warning', title: 'DKIM RSA key is shorter than 2048 bits' },
  DKIM_KEY_REVOKED: { severity: 'warning', title: 'DKIM key is revoked (empty p=)' },
  DKIM_KEY_INVALID: { severity: 'error', title: 'DKIM key record is invalid' },
  DKIM_MULTIPLE_RECORDS: {
    severity: 'error',
    title: 'More than one TXT record at a DKIM selector',
  },
  DKIM_TESTING: { severity: 'warning', title: 'DKIM key is in test mode (t=y)' },
  DKIM_KEY_OK: { severity: 'ok', title: 'DKIM key is published and valid' },

  M365_SELECTOR_INACTIVE: {
    severity: 'info',
    title: 'Microsoft 365 inactive selector (key published at the next rotation)',
  },
  M365_CNAME_MISSING: { severity: 'warning', title: 'A Microsoft 365 DKIM CNAME is missing' },
  M365_TXT_INSTEAD_OF_CNAME: {
    severity: 'warning',
    title: 'A TXT record where Microsoft 365 needs a CNAME',
  },
  M365_CNAME_TARGET_MALFORMED: {
    severity: 'error',
    title: 'A Microsoft 365 DKIM CNAME points to the wrong target',
  },
  PROVIDER_SELECTOR_MISSING: {
    severity: 'warning',
    title: "A provider's DKIM selector is missing",
  },

  MTASTS_MISSING: { severity: 'info', title: 'No MTA-STS policy (or a policy in mode none)' },
  MTASTS_RECORD_INVALID: {
    severity: 'error',
    title: 'The _mta-sts TXT record is invalid or repeated (RFC 8461 3.1)',
  },
  MTASTS_POLICY_NOT_CHECKED: {
    severity: 'info',
    title: 'The MTA-STS policy file was not fetched (no HTTPS fetcher)',
  },
  MTASTS_POLICY_UNREACHABLE: {
    severity: 'error',
    title: 'The MTA-STS policy could not be fetched (DNS, TLS, HTTP status, timeout, size)',
  },
  MTASTS_POLICY_INVALID: {
    severity: 'error',
    title: 'The MTA-STS policy file is invalid (RFC 8461 3.2)',
  },
  MTASTS_POLICY_WARNING: {
    severity: 'warning',
    title: 'The MTA-STS policy has a questionable line (duplicate, unknown field, short max_age)',
  },
  MTASTS_MX_NOT_COVERED: {
    severity: 'error',
    title: 'An MX host matches no mx pattern of the MTA-STS policy (warning in testing mode)',
  },
  MTASTS_TESTING: { severity: 'info', title: 'The MTA-STS policy is in testing mode' },
  MTASTS_OK: { severity: 'ok', title: 'MTA-STS is enforced and covers every MX host' },

  TLSRPT_MISSING: {
    severity: 'info',
    title: 'No SMTP TLS reporting record (warning when MTA-STS is in enforce or testing mode)',
  },
  TLSRPT_INVALID: {
    severity: 'error',
    title: 'The _smtp._tls TXT record is invalid or repeated (RFC 8460 3)',
  },
  TLSRPT_OK: { severity: 'ok', title: 'SMTP TLS reports are requested' },

  BIMI_INVALID: { severity: 'error', title: 'The default._bimi TXT record is invalid or repeated' },
  BIMI_DMARC_TOO_WEAK: {
    severity: 'warning',
    title: 'BIMI is ignored: DMARC is not quarantine/reject at 100%',
  },
  BIMI_NO_CERTIFICATE: {
    severity: 'info',
    title: 'BIMI has no a= certificate (VMC/CMC): Gmail and Apple show no logo',
  },
  BIMI_OK: { severity: 'ok', title: 'The BIMI record is valid' },
} as const satisfies Record<string, FindingDefinition>;

/** A finding ID from the registry. */
export type FindingId = keyof typeof FINDINGS;
