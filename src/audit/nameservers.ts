import type { DnsAnswer, RRType } from '../dns/types.ts';
import type { Finding } from '../findings/finding.ts';
import { makeFinding } from '../findings/make-finding.ts';

/**
 * Asks every authoritative nameserver of a name's zone and compares their answers (implemented by
 * the authoritative resolver in dns/net, passed in by the runtime).
 */
export type NameserverComparer = (
  name: string,
  type: RRType,
) => Promise<{
  consistent: boolean;
  differences: string[];
  answers: Array<{ server: string; answer: DnsAnswer }>;
}>;

/** NS_INCONSISTENT for each name whose nameservers disagree; NS_CONSISTENT when all agree. */
export async function checkNameserverConsistency(
  names: Array<[string, RRType]>,
  compare: NameserverComparer,
): Promise<Finding[]> {
  const results = await Promise.all(names.map(([name, type]) => compare(name, type)));
  const findings: Finding[] = [];
  results.forEach((result, i) => {
    const [name, type] = names[i] ?? ['', 'TXT'];
    if (result.consistent) return;
    findings.push(
      makeFinding('NS_INCONSISTENT', {
        subject: `${name} ${type}`,
        summary: `The nameservers disagree about ${name} ${type}: ${result.differences.join('; ')}.`,
        explanation:
          'Resolvers ask any one of the nameservers, so receivers see one answer or the other at random: checks "work for me" and fail for others. A secondary that stopped transferring the zone is the usual cause.',
        fix: 'Compare the SOA serials of the nameservers, fix zone transfers (or update the provider that serves the stale copy), and check again.',
        evidence: result.answers.map((a) => a.answer),
        data: { differences: result.differences },
      }),
    );
  });
  if (findings.length === 0 && names.length > 0) {
    findings.push(
      makeFinding('NS_CONSISTENT', {
        subject: names[0]?.[0] ?? '',
        summary: `All nameservers give the same answers for the ${names.length} names checked.`,
        explanation: 'Every receiver sees the same records, whichever nameserver it asks.',
        evidence: results.flatMap((r) => r.answers.map((a) => a.answer)),
      }),
    );
  }
  return findings;
}
