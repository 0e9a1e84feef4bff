import type { Clock } from '../base/clock.ts';
import { txtValue, type DnsAnswer, type DnsRecord, type Resolver } from '../dns/types.ts';
import type { Finding } from '../findings/finding.ts';
import { makeFinding } from '../findings/make-finding.ts';
import {
  fetchStsPolicy,
  isStsRecord,
  parseStsRecord,
  stsPolicyUrl,
  uncoveredMxHosts,
  type PolicyFetcher,
  type StsMode,
  type StsPolicy,
  type StsPolicyFetch,
} from '../mtasts/index.ts';
import { isTemporaryFailure, temperrorFinding } from './dns-failure.ts';

/** What the MTA-STS check learnt: findings, and the mode senders apply (null: no usable policy). */
export interface MtaStsAudit {
  findings: Finding[];
  mode: StsMode | null;
}

/** What the MTA-STS audit needs; without a fetcher the policy file is not checked. */
export interface MtaStsAuditOptions {
  resolver: Resolver;
  clock: Clock;
  fetcher?: PolicyFetcher;
}

/** The `_mta-sts` record (RFC 8461 3.1), the policy file (3.2, 3.3), and MX coverage (4.1). */
export async function auditMtaSts(
  domain: string,
  options: MtaStsAuditOptions,
): Promise<MtaStsAudit> {
  const name = `_mta-sts.${domain}`;
  const answer = await options.resolver.resolve(name, 'TXT');
  if (isTemporaryFailure(answer)) return none([temperrorFinding(answer, 'the MTA-STS record')]);
  const texts = answer.status === 'ok' ? answer.records.flatMap(textOf).filter(isStsRecord) : [];
  if (texts.length === 0) return none([missing(domain, answer)]);
  // RFC 8461 3.1: more than one v=STSv1 record, or an invalid one, means no policy at all.
  const errors =
    texts.length > 1
      ? [`${texts.length} TXT records start with v=STSv1`]
      : ((r) => (r.ok ? [] : r.errors.map((e) => e.message)))(parseStsRecord(texts[0] ?? ''));
  if (errors.length > 0) {
    return none([
      makeFinding('MTASTS_RECORD_INVALID', {
        subject: name,
        summary: `The MTA-STS record of ${domain} is invalid: ${errors.join('; ')}.`,
        explanation:
          'RFC 8461 3.1: senders that find no single valid record act as if the domain had no MTA-STS policy, so mail can be downgraded to plain text by an attacker on the path.',
        fix: `Publish exactly one record: "${name}. TXT \\"v=STSv1; id=<letters and digits, changed on every policy update>\\"".`,
        evidence: [answer],
        data: { records: texts },
      }),
    ]);
  }
  if (!options.fetcher) {
    return none([
      makeFinding('MTASTS_POLICY_NOT_CHECKED', {
        subject: stsPolicyUrl(domain),
        summary: `${domain} publishes an MTA-STS record; its policy file was not fetched.`,
        explanation:
          'This run had no HTTPS fetcher (a library call without one), so the policy, its certificate and its MX patterns were not checked.',
        evidence: [answer],
      }),
    ]);
  }
  const started = options.clock.monotonic();
  const fetched = await fetchStsPolicy(domain, options.fetcher);
  const elapsedMs = Math.round(options.clock.monotonic() - started);
  switch (fetched.status) {
    case 'unreachable':
      return none([
        makeFinding('MTASTS_POLICY_UNREACHABLE', {
          subject: fetched.url,
          summary: `The MTA-STS policy of ${domain} could not be fetched: ${fetched.reason}.`,
          explanation:
            'RFC 8461 3.3: senders that cached an earlier policy keep applying it until max_age runs out; senders without one see no policy, so MTA-STS protects nothing for them. A broken certificate or a redirect counts as a failure.',
          fix: `Serve the policy at ${fetched.url} with HTTP 200, Content-Type text/plain and a certificate valid for mta-sts.${domain} from a public CA, without redirects.`,
          evidence: [answer],
          data: {
            kind: fetched.kind,
            reason: fetched.reason,
            httpStatus: fetched.httpStatus,
            elapsedMs,
          },
        }),
      ]);
    case 'invalid':
      return none([
        makeFinding('MTASTS_POLICY_INVALID', {
          subject: fetched.url,
          summary: `The MTA-STS policy of ${domain} is invalid: ${fetched.errors.map((e) => e.message).join('; ')}.`,
          explanation:
            'RFC 8461 3.2: senders discard a policy they cannot parse and deliver as if there were none.',
          fix: 'Serve lines "version: STSv1", "mode: enforce|testing|none", one "mx: <host or *.domain>" per MX, and "max_age: <seconds, at most 31557600>", as text/plain.',
          evidence: [answer],
          data: { errors: fetched.errors, warnings: fetched.warnings },
        }),
      ]);
    case 'fetched':
      return {
        mode: fetched.policy.mode === 'none' ? null : fetched.policy.mode,
        findings: await policyFindings(domain, fetched.policy, fetched, answer, options.resolver),
      };
  }
}

async function policyFindings(
  domain: string,
  policy: StsPolicy,
  fetched: Extract<StsPolicyFetch, { status: 'fetched' }>,
  record: DnsAnswer,
  resolver: Resolver,
): Promise<Finding[]> {
  const subject = fetched.url;
  const data = { mode: policy.mode, mx: policy.mx, maxAge: policy.maxAge, tls: fetched.tls };
  const findings: Finding[] = fetched.warnings.map((w) =>
    makeFinding('MTASTS_POLICY_WARNING', {
      subject,
      summary: `MTA-STS policy of ${domain}: ${w.message}.`,
      explanation: 'The policy works, but this line does not mean what it seems to, or weakens it.',
      fix: 'Correct or remove the line, and change the id= of the _mta-sts record so senders refetch.',
      evidence: [record],
      data,
    }),
  );
  if (policy.mode === 'none') {
    findings.push(
      makeFinding('MTASTS_MISSING', {
        subject,
        summary: `${domain}'s MTA-STS policy is mode none: senders treat the domain as having no policy.`,
        explanation:
          'RFC 8461 5: mode none is how a domain withdraws MTA-STS; inbound TLS is opportunistic again and an attacker on the path can strip it.',
        fix: 'If this is not a withdrawal in progress, publish mode testing, then enforce.',
        evidence: [record],
        data,
      }),
    );
    return findings;
  }
  const mx = await resolver.resolve(domain, 'MX');
  if (isTemporaryFailure(mx))
    return [...findings, temperrorFinding(mx, 'the MX hosts the MTA-STS policy must cover')];
  const hosts =
    mx.status === 'ok'
      ? mx.records.flatMap((r) =>
          r.data.type === 'MX' && r.data.exchange !== '' && r.data.exchange !== '.'
            ? [r.data.exchange]
            : [],
        )
      : [];
  const uncovered = uncoveredMxHosts(hosts, policy.mx);
  if (uncovered.length > 0) {
    const enforce = policy.mode === 'enforce';
    findings.push(
      makeFinding('MTASTS_MX_NOT_COVERED', {
        severity: enforce ? 'error' : 'warning',
        subject,
        summary: `MX host(s) ${uncovered.join(', ')} of ${domain} match no mx: pattern of the MTA-STS policy (${policy.mx.join(', ')}).`,
        explanation: enforce
          ? 'RFC 8461 4.1 and 5.1: in enforce mode senders that support MTA-STS refuse to deliver to an MX host the policy does not list; if no listed host works, they queue and then bounce the mail.'
          : 'In testing mode senders still deliver, but report the mismatch in TLS reports; switching to enforce would make them refuse these hosts.',
        fix: `Add "mx: ${uncovered[0]}" (or a *. pattern covering it) to the policy and change the id= of the _mta-sts record so senders refetch.`,
        evidence: [record, mx],
        data: { ...data, uncovered, hosts },
      }),
    );
  }
  if (policy.mode === 'testing') {
    findings.push(
      makeFinding('MTASTS_TESTING', {
        subject,
        summary: `${domain}'s MTA-STS policy is in testing mode (max_age ${policy.maxAge} s).`,
        explanation:
          'RFC 8461 5: in testing mode senders report TLS failures (with TLS-RPT) but still deliver over a downgraded or unverified connection, so the policy does not yet protect mail.',
        fix: 'Once TLS reports show no failures for a few weeks, switch to "mode: enforce" and change the record id=.',
        evidence: [record, mx],
        data,
      }),
    );
  } else if (findings.every((f) => f.severity !== 'error' && f.severity !== 'warning')) {
    findings.push(
      makeFinding('MTASTS_OK', {
        subject,
        summary: `${domain} enforces MTA-STS for ${hosts.length} MX host(s) (max_age ${policy.maxAge} s, policy served over ${fetched.tls.protocol ?? 'TLS'}).`,
        explanation:
          'Senders that support MTA-STS deliver only over TLS with a verified certificate to the listed MX hosts.',
        evidence: [record, mx],
        data,
      }),
    );
  }
  return findings;
}

function missing(domain: string, answer: DnsAnswer): Finding {
  return makeFinding('MTASTS_MISSING', {
    subject: `_mta-sts.${domain}`,
    summary: `${domain} publishes no MTA-STS policy.`,
    explanation:
      'Without MTA-STS (RFC 8461) senders use TLS only opportunistically: an attacker on the path can strip STARTTLS or present any certificate, and mail is delivered anyway.',
    fix: `Serve a policy at ${stsPolicyUrl(domain)} (start with mode: testing), publish "_mta-sts.${domain}. TXT \\"v=STSv1; id=1\\"" and a TLS-RPT record to get reports.`,
    evidence: [answer],
  });
}

function none(findings: Finding[]): MtaStsAudit {
  return { findings, mode: null };
}

function textOf(record: DnsRecord): string[] {
  return record.data.type === 'TXT' ? [txtValue(record)] : [];
}
