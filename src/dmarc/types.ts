import type { DnsAnswer } from '../dns/types.ts';

/** A requested policy (RFC 7489 6.3 `p`, `sp`; RFC 9989 `np`). */
export type DmarcPolicy = 'none' | 'quarantine' | 'reject';

/** Identifier alignment mode (RFC 7489 3.1): `r` relaxed (same organizational domain), `s` strict. */
export type AlignmentMode = 'r' | 's';

/** How the organizational domain is found: RFC 7489 3.2 (public suffix list) or the RFC 9989 DNS tree walk. */
export type DiscoveryMode = 'rfc7489' | 'rfc9989';

/** The mode used when none is given: RFC 9989 (DMARCbis) obsoletes RFC 7489. */
export const DEFAULT_DISCOVERY_MODE: DiscoveryMode = 'rfc9989';

/** One reporting URI of `rua`/`ruf` (RFC 7489 6.2: `URI [ "!" size ]`). */
export interface DmarcUri {
  /** The URI as published, without the size suffix. */
  uri: string;
  /** For `mailto:` URIs: the mailbox (percent-decoded). */
  address?: string;
  /** For `mailto:` URIs: the lower-cased domain of the mailbox. */
  domain?: string;
  /** The maximum report size in bytes, when a `!size` suffix is given (k/m/g/t are powers of 1024). */
  size?: number;
}

/** A problem found in a record: unknown tags are warnings, broken syntax is an error. */
export interface DmarcIssue {
  tag?: string;
  message: string;
  severity: 'error' | 'warning';
}

/**
 * A parsed DMARC record with every tag of RFC 7489 and RFC 9989 typed. Tags absent from the text
 * are absent here; {@link effectiveTags} gives the values with defaults applied.
 */
export interface DmarcRecord {
  v: 'DMARC1';
  /** Requested policy for the domain. Set to `none` when missing but `rua` is valid (RFC 7489 6.6.3). */
  p: DmarcPolicy;
  /** Policy for subdomains (defaults to `p`). */
  sp?: DmarcPolicy;
  /** RFC 9989: policy for non-existent subdomains (defaults to `sp`, then `p`). */
  np?: DmarcPolicy;
  /** RFC 9989: `y` this is a public suffix domain, `n` this is an organizational domain, `u` unknown. */
  psd?: 'y' | 'n' | 'u';
  /** RFC 9989: testing mode; `y` asks receivers to apply one step less than the policy. */
  t?: 'y' | 'n';
  /** RFC 7489: percentage of failing mail the policy applies to (historic in RFC 9989). */
  pct?: number;
  adkim?: AlignmentMode;
  aspf?: AlignmentMode;
  rua?: DmarcUri[];
  ruf?: DmarcUri[];
  /** Failure reporting options, colon-separated: `0`, `1`, `d`, `s`. */
  fo?: string[];
  /** RFC 7489: failure report formats (`afrf`); removed in RFC 9989. */
  rf?: string[];
  /** RFC 7489: aggregate report interval in seconds; removed in RFC 9989. */
  ri?: number;
  /** Tags we do not know, kept for evidence (RFC 7489 6.3: unknown tags MUST be ignored). */
  unknown: Record<string, string>;
}

/** The outcome of {@link parseDmarcRecord}. */
export type DmarcParseResult =
  | { ok: true; record: DmarcRecord; warnings: DmarcIssue[] }
  | {
      ok: false;
      errors: DmarcIssue[];
      /**
       * `not-dmarc`: the text does not start with `v=DMARC1` (not a DMARC record at all);
       * `syntax`: a DMARC record whose tag list is broken;
       * `no-policy`: no valid `p` and no valid `rua` (RFC 7489 6.6.3: apply no DMARC processing).
       */
      kind: 'not-dmarc' | 'syntax' | 'no-policy';
    };

/** What policy discovery came to. */
export type DiscoveryStatus = 'found' | 'none' | 'temperror' | 'multiple' | 'invalid';

/** The outcome of {@link discoverDmarcPolicy}, with every DNS answer used as evidence. */
export interface DmarcDiscovery {
  status: DiscoveryStatus;
  mode: DiscoveryMode;
  /** The domain whose policy applies (the author domain itself, or an ancestor). */
  policyDomain?: string;
  /** The organizational domain of the author domain. */
  organizationalDomain: string;
  recordText?: string;
  record?: DmarcRecord;
  issues: DmarcIssue[];
  /** For `invalid`: a broken record (`syntax`, permerror) or one without a usable `p` (`no-policy`, none). */
  invalidKind?: 'syntax' | 'no-policy';
  /** Every lookup made, in order. */
  answers: DnsAnswer[];
  /** True when the policy comes from a domain above the author domain (so `sp`/`np` apply). */
  fromOrganizationalDomain: boolean;
}

/** DMARC results (RFC 8601 2.7.1 `dmarc=`). */
export type DmarcResult = 'pass' | 'fail' | 'none' | 'temperror' | 'permerror';

/** Alignment of one authenticated identifier with the author domain. */
export interface IdentifierAlignment {
  /** The authenticated domain (SPF: MAIL FROM or HELO domain; DKIM: `d=`). */
  domain: string;
  /** The result the authenticator gave (only `pass` can align). */
  result: string;
  selector?: string;
  /** `true` aligned, `false` not, `unknown` when the organizational domain lookup failed. */
  aligned: boolean | 'unknown';
  /** The organizational domain of `domain`, when relaxed alignment needed it. */
  organizationalDomain?: string;
  why: string;
}

/** The full DMARC verdict for one message. */
export interface DmarcEvaluation {
  result: DmarcResult;
  /**
   * The policy that applies to this message when it fails: `p`, `sp` or `np` as selected, stepped
   * down by `t=y` (RFC 9989) or by `pct` sampling of a failing message (RFC 7489 6.6.4).
   * `none` when no policy was found.
   */
  policy: DmarcPolicy;
  /** The policy as published before `t`/`pct` (the `p`, `sp` or `np` value that was selected). */
  requestedPolicy?: DmarcPolicy;
  /** Which tag selected the policy. */
  policyTag?: 'p' | 'sp' | 'np';
  /** What to do with this message: `none` unless the result is `fail`, else {@link policy}. */
  disposition: DmarcPolicy;
  /** True when `pct`/`t` stepped the policy down for this message. */
  sampledOut: boolean;
  /** The `pct` that was applied (RFC 7489 mode only; historic and ignored in RFC 9989 mode). */
  pct?: number;
  fromDomain: string;
  policyDomain?: string;
  alignment: {
    spf: IdentifierAlignment & { mode: AlignmentMode };
    dkim: Array<IdentifierAlignment & { mode: AlignmentMode }>;
  };
  /** Identifiers that passed and aligned, for the Authentication-Results and reports. */
  alignedIdentifiers: Array<{ method: 'spf' | 'dkim'; domain: string; selector?: string }>;
  reason: string;
  discovery: DmarcDiscovery;
}
