import { bimiDmarcEligibility, isBimiRecord, parseBimiRecord } from '../bimi/index.ts';
import { organizationalDomain } from '../dmarc/index.ts';
import { txtValue, type DnsAnswer, type Resolver } from '../dns/types.ts';
import type { Finding } from '../findings/finding.ts';
import { makeFinding } from '../findings/make-finding.ts';
import type { EffectivePolicy } from './dmarc-consequence.ts';
import { isTemporaryFailure, temperrorFinding } from './dns-failure.ts';

/** The `default._bimi` answer that applies to a domain: its own, or its organizational domain's. */
export interface BimiLookup {
  answer: DnsAnswer;
  /** The answer for the domain itself when the organizational domain's record was used. */
  ownAnswer?: DnsAnswer;
}

/** The DMARC facts BIMI depends on, from the DMARC audit. */
export interface BimiDmarcInput {
  policy: EffectivePolicy;
  pct?: number;
  testing?: boolean;
}

/**
 * Looks up `default._bimi.<domain>` TXT; with no record there, the organizational domain's (BIMI
 * draft, "Assertion Record Discovery"). Run it alongside the other lookups.
 */
export async function lookupBimi(domain: string, resolver: Resolver): Promise<BimiLookup> {
  const own = await resolver.resolve(`default._bimi.${domain}`, 'TXT');
  const org = organizationalDomain(domain);
  if ((own.status !== 'nxdomain' && own.status !== 'nodata') || org === domain)
    return { answer: own };
  return { answer: await resolver.resolve(`default._bimi.${org}`, 'TXT'), ownAnswer: own };
}

/**
 * Findings for the BIMI record: validity, the DMARC policy it needs, and the certificate the big
 * mailbox providers require. No record gives no finding: most domains have none. The logo and
 * certificate are not fetched (out of scope).
 */
export function auditBimi(domain: string, lookup: BimiLookup, dmarc: BimiDmarcInput): Finding[] {
  const { answer } = lookup;
  const subject = answer.name;
  const evidence = [lookup.ownAnswer, answer];
  if (isTemporaryFailure(answer)) return [temperrorFinding(answer, 'the BIMI record')];
  const texts = answer.status === 'ok' ? answer.records.map(txtValue).filter(isBimiRecord) : [];
  if (texts.length === 0) return [];
  const parsed = texts.length === 1 ? parseBimiRecord(texts[0] ?? '') : undefined;
  if (!parsed || !parsed.ok) {
    const why = parsed
      ? parsed.errors.join('; ')
      : `${texts.length} TXT records start with v=BIMI1`;
    return [
      makeFinding('BIMI_INVALID', {
        subject,
        summary: `The BIMI record of ${domain} is invalid: ${why}.`,
        explanation:
          'Receivers ignore a BIMI record they cannot parse (or several records): no logo is shown.',
        fix: `Publish one record: "${subject}. TXT \\"v=BIMI1; l=https://<host>/logo.svg; a=https://<host>/vmc.pem\\"".`,
        evidence,
        data: { records: texts },
      }),
    ];
  }
  const { record } = parsed;
  if (record.declined) {
    return [
      makeFinding('BIMI_OK', {
        subject,
        summary: `${domain} publishes a BIMI record that declines to show a logo (empty l= and a=).`,
        explanation: 'Receivers show no brand logo for this domain, as the record asks.',
        evidence,
      }),
    ];
  }
  const findings: Finding[] = [];
  const eligibility = bimiDmarcEligibility(dmarc);
  if (!eligibility.eligible && eligibility.reason !== 'unknown') {
    findings.push(
      makeFinding('BIMI_DMARC_TOO_WEAK', {
        subject,
        summary: `${domain} publishes BIMI, but receivers ignore it: ${weakness(eligibility.reason, dmarc)}.`,
        explanation:
          'The BIMI draft requires DMARC enforcement: receivers show the logo only for mail that passes DMARC under p=quarantine or p=reject applied to all mail (pct=100, not t=y).',
        fix: 'Move the DMARC policy to p=quarantine or p=reject with pct=100 once the aggregate reports show all your senders passing.',
        evidence,
        data: { dmarcPolicy: dmarc.policy, pct: dmarc.pct, reason: eligibility.reason },
      }),
    );
  }
  if (!record.evidence) {
    findings.push(
      makeFinding('BIMI_NO_CERTIFICATE', {
        subject,
        summary: `The BIMI record of ${domain} has no a= certificate: Gmail and Apple Mail will not show the logo.`,
        explanation:
          'Gmail and Apple Mail require a Verified Mark Certificate (VMC) or Common Mark Certificate (CMC) at a=; Yahoo and some others may show a logo without one for senders with good reputation.',
        fix: 'Obtain a VMC or CMC for the logo from a certificate authority that issues them, host the PEM over HTTPS and add a=https://…/vmc.pem.',
        evidence,
      }),
    );
  }
  if (findings.every((f) => f.severity !== 'warning' && f.severity !== 'error')) {
    findings.push(
      makeFinding('BIMI_OK', {
        subject,
        summary: `BIMI for ${domain}: logo ${record.logo}${record.evidence ? `, certificate ${record.evidence}` : ''}.`,
        explanation:
          'The record is valid and DMARC is enforced. mxray does not fetch the SVG (Tiny PS profile) or validate the certificate.',
        evidence,
        data: { logo: record.logo, evidence: record.evidence, warnings: parsed.warnings },
      }),
    );
  }
  return findings;
}

function weakness(
  reason: 'no-policy' | 'policy-none' | 'partial' | 'testing',
  dmarc: BimiDmarcInput,
): string {
  switch (reason) {
    case 'no-policy':
      return 'there is no usable DMARC policy';
    case 'policy-none':
      return 'the DMARC policy is p=none';
    case 'partial':
      return `the DMARC policy applies to only pct=${dmarc.pct ?? 100}% of mail`;
    case 'testing':
      return 'the DMARC policy is in testing mode (t=y)';
  }
}
