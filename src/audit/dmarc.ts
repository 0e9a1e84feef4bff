import {
  checkExternalDestination,
  discoverDmarcPolicy,
  organizationalDomain,
} from '../dmarc/index.ts';
import type { DmarcDiscovery, DmarcIssue, DmarcRecord, DmarcUri } from '../dmarc/index.ts';
import { normalizeDomain, toAsciiName } from '../dns/name.ts';
import type { Resolver } from '../dns/types.ts';
import type { Finding } from '../findings/finding.ts';
import { makeFinding } from '../findings/make-finding.ts';
import type { EffectivePolicy } from './dmarc-consequence.ts';

/** What the DMARC check learnt: findings, and the policy that applies to mail from the domain. */
export interface DmarcAudit {
  findings: Finding[];
  policy: EffectivePolicy;
  discovery: DmarcDiscovery;
}

/** The `_dmarc` record (or the organizational domain's), every tag, and rua/ruf authorization. */
export async function auditDmarc(domain: string, resolver: Resolver): Promise<DmarcAudit> {
  const discovery = await discoverDmarcPolicy(domain, { resolver });
  const subject = `_dmarc.${domain}`;
  const evidence = discovery.answers;
  switch (discovery.status) {
    case 'temperror':
      return {
        policy: 'unknown',
        discovery,
        findings: [
          makeFinding('DNS_TEMPERROR', {
            subject,
            summary: `Could not look up the DMARC record of ${domain}: the DNS lookup failed.`,
            explanation:
              'Receivers that hit the same failure return dmarc=temperror and decide on their own. mxray does not report the record as missing.',
            fix: 'Check that every nameserver of the zone answers for _dmarc (run with --authoritative).',
            evidence,
          }),
        ],
      };
    case 'none':
      return {
        policy: 'missing',
        discovery,
        findings: [
          makeFinding('DMARC_MISSING', {
            subject,
            summary: `${domain} has no DMARC record (looked at ${subject}${discovery.organizationalDomain !== domain ? ` and _dmarc.${discovery.organizationalDomain}` : ''}).`,
            explanation:
              'Without DMARC, receivers cannot tell forged mail from yours, you get no reports on who sends as your domain, and Gmail and Yahoo reject or junk bulk mail from domains without DMARC (since February 2024).',
            fix: `Publish "_dmarc.${domain}. TXT \\"v=DMARC1; p=none; rua=mailto:dmarc-reports@${domain}\\"", read the reports (mxray reports), then move to p=quarantine and p=reject.`,
            evidence,
          }),
        ],
      };
    case 'multiple':
      return {
        policy: 'missing',
        discovery,
        findings: [
          makeFinding('DMARC_MULTIPLE_RECORDS', {
            subject: `_dmarc.${discovery.policyDomain ?? domain}`,
            summary: `_dmarc.${discovery.policyDomain ?? domain} has more than one DMARC record.`,
            explanation:
              'RFC 7489 6.6.3: with several records receivers apply no DMARC policy at all, as if there were none.',
            fix: 'Merge them into one TXT record starting with v=DMARC1 and delete the others.',
            evidence,
          }),
        ],
      };
    case 'invalid':
      return {
        policy: 'missing',
        discovery,
        findings: [
          makeFinding('DMARC_SYNTAX', {
            subject: `_dmarc.${discovery.policyDomain ?? domain}`,
            summary: `The DMARC record of ${discovery.policyDomain ?? domain} is invalid: ${discovery.issues
              .filter((i) => i.severity === 'error')
              .map((i) => i.message)
              .join('; ')}.`,
            explanation:
              'Receivers ignore a DMARC record they cannot parse: the domain is treated as having no policy.',
            fix: 'Rewrite it as "v=DMARC1; p=<none|quarantine|reject>; rua=mailto:<address>" with tags separated by semicolons.',
            evidence,
            data: { record: discovery.recordText },
          }),
        ],
      };
    case 'found':
      return auditRecord(domain, discovery, resolver);
  }
}

async function auditRecord(
  domain: string,
  discovery: DmarcDiscovery,
  resolver: Resolver,
): Promise<DmarcAudit> {
  const record = discovery.record as DmarcRecord;
  const policyDomain = discovery.policyDomain ?? domain;
  const subject = `_dmarc.${policyDomain}`;
  const evidence = discovery.answers;
  const findings: Finding[] = [];
  const applied = discovery.fromOrganizationalDomain ? (record.sp ?? record.p) : record.p;

  for (const issue of discovery.issues) {
    findings.push(
      makeFinding(issueId(issue), {
        subject,
        summary: `DMARC record of ${policyDomain}: ${issue.message}.`,
        explanation: issue.tag
          ? 'Receivers ignore tags they do not know and fall back to defaults for invalid values.'
          : 'Receivers that hit the same problem while looking for the policy may apply a different one, or none.',
        fix: issue.tag
          ? 'Correct or remove the tag.'
          : 'Check the DNS names in the message, then run the check again.',
        evidence,
        data: { tag: issue.tag },
      }),
    );
  }
  if (discovery.fromOrganizationalDomain) {
    findings.push(
      makeFinding('DMARC_INHERITED', {
        subject: `_dmarc.${domain}`,
        summary: `${domain} has no DMARC record of its own; the policy of ${policyDomain} applies (${record.sp ? `sp=${record.sp}` : `p=${record.p}`}).`,
        explanation:
          'Receivers look up the organizational domain when a subdomain has no record, and apply its sp= (or p=) policy.',
        evidence,
      }),
    );
  }
  if (applied === 'none') {
    findings.push(
      makeFinding('DMARC_POLICY_NONE', {
        subject,
        summary: `The DMARC policy for ${domain} is p=none: forged mail is delivered as usual.`,
        explanation:
          'p=none only asks for reports. It is the right first step, but it protects nothing; Gmail and Yahoo accept it for bulk senders, others score it lower.',
        fix: 'Once the aggregate reports show all your senders passing (mxray reports summary), move to p=quarantine, then p=reject.',
        evidence,
      }),
    );
  }
  if (record.pct !== undefined && record.pct < 100 && applied !== 'none') {
    findings.push(
      makeFinding('DMARC_PCT_PARTIAL', {
        subject,
        summary: `pct=${record.pct}: the ${applied} policy applies to only ${record.pct}% of failing mail.`,
        explanation:
          'The rest is treated one step more leniently. RFC 9989 makes pct historic; receivers read pct<100 as t=y (testing).',
        fix: 'Remove pct= (or set pct=100) once the reports look clean.',
        evidence,
      }),
    );
  }
  if (record.sp && strength(record.sp) < strength(record.p)) {
    findings.push(
      makeFinding('DMARC_SUBDOMAIN_WEAKER', {
        subject,
        summary: `sp=${record.sp} is weaker than p=${record.p}: forged mail from any subdomain of ${policyDomain} is treated more leniently.`,
        explanation:
          'Attackers use made-up subdomains (billing.example.com) precisely where the policy is weaker.',
        fix: `Set sp=${record.p} unless a subdomain really sends unauthenticated mail.`,
        evidence,
      }),
    );
  }
  if (!record.rua || record.rua.length === 0) {
    findings.push(
      makeFinding('DMARC_NO_RUA', {
        subject,
        summary: `The DMARC record of ${policyDomain} asks for no aggregate reports (no rua=).`,
        explanation:
          'Without reports you cannot see which senders fail, as in a DKIM key that silently disappeared.',
        fix: `Add rua=mailto:dmarc-reports@${policyDomain} and ingest the reports with mxray reports ingest.`,
        evidence,
      }),
    );
  }
  findings.push(
    ...(await auditReportDestinations(
      policyDomain,
      [...(record.rua ?? []), ...(record.ruf ?? [])],
      resolver,
    )),
  );
  if (findings.every((f) => f.severity !== 'error' && f.severity !== 'warning')) {
    findings.push(
      makeFinding('DMARC_OK', {
        subject,
        summary: `DMARC for ${domain}: p=${applied}${record.rua?.length ? `, reports to ${record.rua.map((u) => u.address ?? u.uri).join(', ')}` : ''}.`,
        explanation: 'The record is valid and enforces a policy.',
        evidence,
      }),
    );
  }
  return { findings, policy: applied, discovery };
}

/** RFC 7489 7.1: a report address outside the policy's organization must authorize it. */
async function auditReportDestinations(
  policyDomain: string,
  uris: DmarcUri[],
  resolver: Resolver,
): Promise<Finding[]> {
  const policyOrg = organizationalDomain(policyDomain);
  // A mailbox domain that is not a domain name cannot receive reports; looking it up would only
  // fail as a query and read as a DNS failure.
  const external = [
    ...new Set(
      uris.flatMap((u) =>
        u.domain && toAsciiName(u.domain) && organizationalDomain(u.domain) !== policyOrg
          ? [u.domain]
          : [],
      ),
    ),
  ];
  const badAddresses = uris.flatMap((u): Finding[] => {
    const check = u.domain === undefined ? null : normalizeDomain(u.domain);
    if (check === null || check.ok) return [];
    return [
      makeFinding('DMARC_TAG_WARNING', {
        subject: `_dmarc.${policyDomain}`,
        summary: `The DMARC report address ${u.uri} of ${policyDomain} has an invalid domain: no reports can be sent there.`,
        explanation: `${check.reason}. Reporters cannot deliver to this address and skip it.`,
        fix: 'Correct the address in the rua= or ruf= tag of the DMARC record.',
      }),
    ];
  });
  const checks = await Promise.all(
    external.map((d) => checkExternalDestination(policyDomain, d, { resolver })),
  );
  const destinationFindings = checks.flatMap((check, i): Finding[] => {
    const destination = external[i] ?? '';
    if (check.status === 'authorized' || check.status === 'same-organization') return [];
    if (check.status === 'temperror') {
      return [
        makeFinding('DNS_TEMPERROR', {
          subject: check.queryName,
          summary: `Could not check whether ${destination} accepts DMARC reports for ${policyDomain}: the lookup of ${check.queryName} failed.`,
          explanation: 'Reporters that hit the same failure skip the address.',
          fix: 'Run the check again; if it persists, check the nameservers of ' + destination + '.',
          evidence: [check.answer],
        }),
      ];
    }
    return [
      makeFinding('DMARC_RUA_NOT_AUTHORIZED', {
        subject: check.queryName,
        summary: `Reports for ${policyDomain} go to ${destination}, which has not authorized them: ${check.queryName} has no "v=DMARC1" record.`,
        explanation: `RFC 7489 7.1: before sending reports to an address outside ${policyOrg}, reporters look up ${check.queryName}; without it Google, Microsoft and Yahoo send no reports there, so you see none.`,
        fix: `Ask the operator of ${destination} to publish "${check.queryName}. TXT \\"v=DMARC1\\"" (or a wildcard *._report._dmarc.${destination}), or send reports to an address in ${policyOrg}.`,
        evidence: [check.answer],
      }),
    ];
  });
  return [...badAddresses, ...destinationFindings];
}

/** A record problem is a syntax error or a tag warning; a problem without a tag arose during discovery. */
function issueId(
  issue: DmarcIssue,
): 'DMARC_SYNTAX' | 'DMARC_TAG_WARNING' | 'DMARC_DISCOVERY_WARNING' {
  if (issue.severity === 'error') return 'DMARC_SYNTAX';
  return issue.tag ? 'DMARC_TAG_WARNING' : 'DMARC_DISCOVERY_WARNING';
}

function strength(policy: 'none' | 'quarantine' | 'reject'): number {
  return policy === 'reject' ? 2 : policy === 'quarantine' ? 1 : 0;
}
