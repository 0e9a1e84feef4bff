import type { Resolver } from '../../dns/types.ts';
import type { Finding } from '../../findings/finding.ts';
import { makeFinding } from '../../findings/make-finding.ts';
import { describeOutcome, isTemporaryFailure, temperrorFinding } from '../dns-failure.ts';
import { keyFindings } from './key-findings.ts';
import { probeSelector, type SelectorProbe } from './probe-selector.ts';

/**
 * How much a selector matters: `required` when it signs mail (given by the user, or a provider
 * selector that must always have a key), `discovered` when it was only guessed.
 */
export type SelectorRole = 'required' | 'discovered';

/** What receivers write when the key is missing, so a person can match it to their headers. */
export const NO_KEY_RECEIVER_WORDS =
  'Gmail reports this as "dkim=temperror (no key for signature)", Microsoft as "dkim=permerror" or "dkim=fail", and other verifiers as "neutral (no key)".';

/**
 * The generic diagnosis of one selector probe: every CNAME hop, where a chain dangles, and the
 * key record. Provider rules (Microsoft 365) may replace it for their own selectors.
 */
export function selectorFindings(
  probe: SelectorProbe,
  role: SelectorRole,
  dmarcConsequence: string,
): Finding[] {
  const { answer, name, selector } = probe;
  if (isTemporaryFailure(answer))
    return [temperrorFinding(answer, `the DKIM key of selector ${selector}`)];
  if (answer.status === 'cname-loop' || answer.status === 'cname-too-long') {
    return [
      makeFinding('DKIM_CNAME_LOOP', {
        subject: name,
        summary: `The CNAME chain from ${name} ${answer.status === 'cname-loop' ? 'loops' : 'is too long'}: ${chainText(probe)}.`,
        explanation: `Receivers follow CNAMEs a limited number of times and give up on loops, so no key is ever found for selector ${selector}. ${dmarcConsequence}`,
        fix: `Point ${name} directly at the provider's key record.`,
        evidence: [answer],
      }),
    ];
  }
  if (answer.status === 'nxdomain' || answer.status === 'nodata') {
    if (probe.publishedAs === 'cname') return [danglingFinding(probe, role, dmarcConsequence)];
    if (role === 'discovered') return [];
    return [
      makeFinding('DKIM_SELECTOR_NOT_FOUND', {
        subject: name,
        summary: `No DKIM record at ${name}: ${describeOutcome(answer)}.`,
        explanation: `Mail signed with s=${selector} cannot be verified: receivers find no key. ${NO_KEY_RECEIVER_WORDS} ${dmarcConsequence}`,
        fix: `Publish the selector's record (the TXT key, or the CNAME your provider gives you) at ${name}.`,
        evidence: [answer],
      }),
    ];
  }
  const dkimLike = probe.records.filter(looksLikeDkimKey);
  // A guessed selector that only hits a wildcard or unrelated TXT record says nothing about DKIM.
  if (role === 'discovered' && dkimLike.length === 0) return [];
  // A revoked key behind a guessed selector is a retired selector (or a wildcard that revokes every
  // name, `*._domainkey TXT "v=DKIM1; p="`): nothing to act on, and one finding per guess would flood.
  if (role === 'discovered' && probe.key?.ok === true && probe.key.revoked) return [];
  if (probe.records.length > 1) {
    return [
      makeFinding('DKIM_MULTIPLE_RECORDS', {
        subject: name,
        summary: `${name} has ${probe.records.length} TXT records; a selector must have exactly one.`,
        explanation:
          'RFC 6376 3.6.2.2 leaves several records undefined: verifiers pick one of them, so signatures pass or fail at random.',
        fix: `Delete every TXT record at ${probe.answer.finalName} but the current key.`,
        evidence: [answer],
      }),
    ];
  }
  return keyFindings(probe, dmarcConsequence);
}

/** A TXT value that is meant as a DKIM key record (has v=DKIM1 or a p= tag). */
export function looksLikeDkimKey(record: string): boolean {
  return /(^|;)\s*(v\s*=\s*DKIM1|p\s*=)/i.test(record);
}

/** DKIM_CNAME_DANGLING: the customer's CNAME exists, its target has no key. */
export function danglingFinding(
  probe: SelectorProbe,
  role: SelectorRole,
  dmarcConsequence: string,
  providerFix?: string,
): Finding {
  const { answer, name, selector } = probe;
  const what =
    answer.status === 'nxdomain'
      ? 'does not exist (NXDOMAIN)'
      : 'exists but has no TXT record (NODATA)';
  return makeFinding('DKIM_CNAME_DANGLING', {
    severity: role === 'required' ? 'error' : 'warning',
    subject: name,
    summary: `${name} is a CNAME to ${answer.finalName}, which ${what}: there is no key for selector ${selector}.`,
    explanation: `Receivers verifying a signature with s=${selector} follow ${chainText(probe)} and find no key. ${NO_KEY_RECEIVER_WORDS} ${dmarcConsequence}`,
    fix:
      providerFix ??
      `The CNAME at your domain is in place; the record behind it is missing. Ask whoever runs ${answer.finalName} to publish the key there, or point ${name} at the target your provider shows now.`,
    evidence: [answer],
    data: { selector, target: answer.finalName, status: answer.status, chain: answer.chain },
  });
}

/** "a → b → c" for a probe's CNAME chain. */
export function chainText(probe: SelectorProbe): string {
  return [probe.name, ...probe.answer.chain.map((h) => h.to)].join(' → ');
}

/**
 * Diagnoses one selector of a domain as `mxray check --selector` would; used by `mxray dkim
 * verify` and `mxray explain` to trace a failing signature to its DNS cause.
 */
export async function diagnoseDkimSelector(
  domain: string,
  selector: string,
  options: { resolver: Resolver; dmarcConsequence?: string },
): Promise<Finding[]> {
  const probe = await probeSelector(domain, selector, options.resolver, 'given');
  return selectorFindings(probe, 'required', options.dmarcConsequence ?? '');
}
