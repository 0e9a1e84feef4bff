import type { DiscoveryMode } from '../../../src/dmarc/index.ts';

/**
 * Assertions on fields of mailauth's result object that mxray does not have, by design:
 * - `underSized`: the DKIM key size belongs to the DKIM result, not to DMARC's input;
 * - `status.comment` (the `arc=pass` note): mxray's ARC result is its own field of the
 *   authenticate use case, not folded into a DMARC comment;
 * - `result.error`: mailauth's error text; mxray reports the DNS status in `discovery.answers`.
 */
export const NOT_APPLICABLE: RegExp[] = [/\.underSized$/, /\.status\.comment$/, /^result\.error$/];

/** Vectors where mxray and the assertion differ, each with the reason. */
const BOTH_MODES: Record<string, string> = {
  'get-dmarc-record::Should handle invalid pct value as 0':
    'mailauth turns pct=invalid into 0 (which would switch the policy off); RFC 7489 6.3 says a syntax error in a tag is discarded in favour of the default, so mxray drops it with a warning and pct stays at its default of 100.',
  'get-dmarc-record::Should handle tags with no value':
    'mailauth keeps "tagonly" as a tag with the value false; mxray treats a part without "=" as junk that breaks the tag list (RFC 7489 6.4 / RFC 9989 ABNF: every tag is tag=value), so the record is invalid (permerror with the reason).',
  'get-dmarc-record::Should handle tags starting with equals':
    'mailauth stores "=value" under the key "false"; mxray treats a part with no tag name as junk, so the record is invalid (permerror with the reason).',
};

export const KNOWN_DISAGREEMENTS: Record<DiscoveryMode, Record<string, string>> = {
  rfc9989: {
    ...BOTH_MODES,
    'dmarc-verify::Should parse all common tags':
      'pct is historic in RFC 9989 (A.6) and is not applied in rfc9989 mode, so the evaluation reports no pct (record.pct is still 50); agrees in rfc7489 mode.',
    'dmarc-verify::Should handle split TXT records':
      'the same: pct=100 is parsed (record.pct) but not applied in rfc9989 mode; the split strings are joined and p=reject is read, as asserted.',
  },
  rfc7489: {
    ...BOTH_MODES,
    'rfc9989-compliance::uses a record published at an intermediate label marked psd=n as the org domain':
      'psd= and the tree walk are RFC 9989; rfc7489 mode asks the author domain and its public-suffix organizational domain only (example.com).',
    'rfc9989-compliance::walks every label and caps a >8-label author at 8 queries in the exact RFC sequence (§4.10)':
      'RFC 9989 tree walk; rfc7489 mode makes the two RFC 7489 6.6.3 queries.',
    'rfc9989-compliance::B.4.3: psd=y stops the walk and the org domain is one label below the PSD':
      'psd=y is RFC 9989; with the public suffix list bank.example is the organizational domain, so both identifiers align with it.',
    'rfc9989-compliance::t=y downgrades reject to quarantine for a failing message':
      't= is RFC 9989; rfc7489 mode ignores it (pct is its RFC 7489 counterpart).',
    'rfc9989-compliance::t=y downgrades quarantine to none for a failing message':
      't= is RFC 9989; rfc7489 mode ignores it.',
    'rfc9989-compliance::does not expose a pct property on the result':
      'in rfc7489 mode pct is applied and reported on the evaluation; agrees in rfc9989 mode.',
  },
};
