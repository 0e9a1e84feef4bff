/**
 * Parsed reports as plain values: DMARC aggregate (RFC 7489 appendix C, RFC 9990), DMARC failure
 * (RFC 6591 / RFC 9991 over ARF, RFC 5965) and SMTP TLS (RFC 8460). Values the schema enumerates
 * are lower-cased; anything else a reporter sends is kept as text rather than refused.
 */

/** DMARC `policy_evaluated` results (RFC 7489 C: DMARCResultType). */
export type DmarcEvalResult = 'pass' | 'fail';

/** DKIM auth results (RFC 7489 C: DKIMResultType). */
export type DkimAuthResult =
  'none' | 'pass' | 'fail' | 'policy' | 'neutral' | 'temperror' | 'permerror';

/** SPF auth results (RFC 7489 C: SPFResultType). */
export type SpfAuthResult =
  'none' | 'neutral' | 'pass' | 'fail' | 'softfail' | 'temperror' | 'permerror';

/** One DKIM signature result of a record (`auth_results/dkim`). */
export interface DkimAuth {
  domain: string;
  selector: string | null;
  /** Lower-cased; an unknown word is kept as sent. */
  result: DkimAuthResult | (string & {});
  humanResult: string | null;
}

/** One SPF result of a record (`auth_results/spf`). */
export interface SpfAuth {
  domain: string;
  /** `mfrom` or `helo` (RFC 7489); null when absent. */
  scope: string | null;
  result: SpfAuthResult | (string & {});
  humanResult: string | null;
}

/** One `<record>`: a source IP and what the receiver concluded for `count` messages. */
export interface AggregateRecord {
  sourceIp: string;
  count: number;
  disposition: string | null;
  /** Aligned DKIM result as evaluated by the receiver. */
  dkim: DmarcEvalResult | (string & {}) | null;
  /** Aligned SPF result as evaluated by the receiver. */
  spf: DmarcEvalResult | (string & {}) | null;
  /** Every `<reason>` (type and comment), in order. */
  reasons: Array<{ type: string; comment: string | null }>;
  headerFrom: string | null;
  envelopeFrom: string | null;
  envelopeTo: string | null;
  dkimResults: DkimAuth[];
  spfResults: SpfAuth[];
}

/** The report-level fields: who reports, about which domain, for which window. */
export interface AggregateHeader {
  /** `1.0` / `2.0` namespace-derived schema: `rfc7489` or `rfc9990`. */
  schema: 'rfc7489' | 'rfc9990';
  orgName: string;
  email: string | null;
  reportId: string;
  /** Seconds since the epoch, UTC. */
  begin: number;
  end: number;
  policy: {
    domain: string;
    adkim: string | null;
    aspf: string | null;
    p: string | null;
    sp: string | null;
    np: string | null;
    pct: number | null;
    testing: string | null;
  };
}

export interface AggregateReport extends AggregateHeader {
  kind: 'aggregate';
  records: AggregateRecord[];
}

/** RFC 8460 4.4 failure detail. */
export interface TlsFailureDetail {
  resultType: string;
  sendingMtaIp: string | null;
  receivingMxHostname: string | null;
  receivingMxHelo: string | null;
  receivingIp: string | null;
  failedSessionCount: number;
  additionalInformation: string | null;
  failureReasonCode: string | null;
}

/** RFC 8460 4.3 one policy block and its summary. */
export interface TlsPolicy {
  policyType: string;
  policyDomain: string;
  policyString: string[];
  mxHost: string[];
  successCount: number;
  failureCount: number;
  failures: TlsFailureDetail[];
}

export interface TlsReport {
  kind: 'tls';
  orgName: string;
  reportId: string;
  contactInfo: string | null;
  /** Seconds since the epoch. */
  begin: number;
  end: number;
  policies: TlsPolicy[];
}

/** A DMARC failure report: the ARF fields (RFC 5965 3.1, RFC 6591 3.1) and the original headers. */
export interface FailureReport {
  kind: 'failure';
  /** A stable identity: reporter plus the digest of the feedback part and original headers. */
  reportId: string;
  reporter: string;
  feedbackType: string;
  userAgent: string | null;
  arrivalDate: string | null;
  sourceIp: string | null;
  originalMailFrom: string | null;
  originalRcptTo: string | null;
  reportedDomain: string | null;
  authFailure: string | null;
  deliveryResult: string | null;
  dkimDomain: string | null;
  dkimSelector: string | null;
  identityAlignment: string | null;
  /** Header fields of the original message, unfolded, in order. */
  originalHeaders: Array<{ name: string; value: string }>;
}

export type ParsedReport = AggregateReport | TlsReport | FailureReport;

/** A parse outcome: a report or a reason it was refused. Never an exception. */
export type ParseOutcome<T> = { ok: true; report: T } | { ok: false; reason: string };
