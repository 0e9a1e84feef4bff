import { TEMPORARY_STATUSES, type DnsAnswer } from '../dns/types.ts';
import type { Finding } from '../findings/finding.ts';
import { makeFinding } from '../findings/make-finding.ts';

/** True when the lookup could not find out (timeout, SERVFAIL, REFUSED, error): never "missing". */
export function isTemporaryFailure(answer: DnsAnswer): boolean {
  return TEMPORARY_STATUSES.has(answer.status);
}

/** Plain words for what the last server said, e.g. "127.0.0.1:53 answered NXDOMAIN". */
export function describeOutcome(answer: DnsAnswer): string {
  const who = answer.server ?? 'the resolver';
  switch (answer.status) {
    case 'ok':
      return `${who} answered with ${answer.records.length} ${answer.type} record(s)`;
    case 'nxdomain':
      return `${who} answered NXDOMAIN: ${answer.finalName} does not exist`;
    case 'nodata':
      return `${who} answered NOERROR with no ${answer.type} record: ${answer.finalName} exists but has no ${answer.type} record`;
    case 'servfail':
      return `${who} answered SERVFAIL for ${answer.finalName}`;
    case 'refused':
      return `${who} REFUSED the query for ${answer.finalName}`;
    case 'timeout':
      return `no answer for ${answer.finalName} ${answer.type} (${answer.error ?? 'timed out'})`;
    case 'cname-loop':
    case 'cname-too-long':
    case 'error':
      return answer.error ?? `the lookup of ${answer.finalName} failed`;
  }
}

/**
 * DNS_TEMPERROR for a lookup that failed: receivers that hit the same failure return temperror
 * and retry or defer, so this is reported as an error, and never as the record being missing.
 */
export function temperrorFinding(answer: DnsAnswer, what: string): Finding {
  return makeFinding('DNS_TEMPERROR', {
    subject: `${answer.name} ${answer.type}`,
    summary: `Could not look up ${what}: ${describeOutcome(answer)}.`,
    explanation:
      `mxray could not find out whether ${answer.name} has a ${answer.type} record, so it says nothing about ${what} being present or missing. ` +
      'Receivers that hit the same failure treat the check as temperror: they defer the mail or treat it as unauthenticated.',
    fix: `Check that every nameserver of the zone answers for ${answer.finalName} (run with --authoritative), then run the check again.`,
    evidence: [answer],
    data: { status: answer.status, rcode: answer.rcode },
  });
}
