import type { Clock } from '../base/clock.ts';
import { UsageError } from '../base/usage-error.ts';
import { normalizeDomain } from '../dns/name.ts';
import type { DnsAnswer, Resolver, RRType } from '../dns/types.ts';
import type { Finding } from '../findings/finding.ts';
import { SEVERITY_ORDER, worstSeverity } from '../findings/finding.ts';
import { makeFinding } from '../findings/make-finding.ts';
import { auditDkim } from './dkim/audit-dkim.ts';
import { dmarcConsequence } from './dmarc-consequence.ts';
import { auditDmarc } from './dmarc.ts';
import { headline } from './headline.ts';
import { auditMx } from './mx.ts';
import { checkNameserverConsistency, type NameserverComparer } from './nameservers.ts';
import { providerByMx, providerBySpfInclude } from './providers/index.ts';
import type { MailProvider } from './providers/types.ts';
import { auditSpf } from './spf.ts';
import { auditMtaSts } from './mtasts.ts';
import { auditTlsRpt, lookupTlsRpt } from './tlsrpt.ts';
import { auditBimi, lookupBimi } from './bimi.ts';
import type { PolicyFetcher } from '../mtasts/index.ts';
import type { SpfPolicyAnalysis } from '../spf/index.ts';

export interface CheckDomainOptions {
  resolver: Resolver;
  clock: Clock;
  /** DKIM selectors the domain signs with (--selector). */
  selectors?: string[];
  /** Authoritative mode: asks every nameserver and compares (NS_INCONSISTENT). */
  compareNameservers?: NameserverComparer;
  /** Fetches the MTA-STS policy over HTTPS; without one the policy file is not checked. */
  fetcher?: PolicyFetcher;
}

/** A recognised provider and what gave it away. */
export interface DetectedProvider {
  id: string;
  name: string;
  by: Array<'mx' | 'spf' | 'dkim'>;
}

/** The audit of one domain: a verdict, a one-line headline, and every finding with its evidence. */
export interface DomainReport {
  domain: string;
  verdict: 'pass' | 'warn' | 'fail';
  headline: string;
  /** The main mail provider (the one with DKIM rules that applied, else the MX's), or null. */
  provider: string | null;
  providers: DetectedProvider[];
  findings: Finding[];
  /** Each probed selector that exists, for display. */
  selectors: Array<{
    selector: string;
    name: string;
    publishedAs: string;
    target?: string;
    status: string;
  }>;
  spf?: SpfPolicyAnalysis;
  checkedAt: number;
}

/**
 * `mxray check`: audits MX, SPF, DMARC, DKIM, MTA-STS, TLS-RPT and BIMI of a domain (and, in
 * authoritative mode, that all nameservers agree). Throws {@link UsageError} for an invalid domain name; everything DNS says,
 * failures included, becomes findings.
 */
export async function checkDomain(
  input: string,
  options: CheckDomainOptions,
): Promise<DomainReport> {
  const check = normalizeDomain(input);
  if (!check.ok) throw new UsageError(check.reason);
  const domain = check.name;
  const { resolver, clock } = options;
  const givenSelectors = (options.selectors ?? []).map((s) => checkSelector(s, domain));
  const checkedAt = clock.now();

  const [mx, spf, dmarc, mtaSts, tlsRpt, bimi] = await Promise.all([
    auditMx(domain, resolver),
    auditSpf(domain, resolver, clock),
    auditDmarc(domain, resolver),
    auditMtaSts(domain, {
      resolver,
      clock,
      ...(options.fetcher ? { fetcher: options.fetcher } : {}),
    }),
    lookupTlsRpt(domain, resolver),
    lookupBimi(domain, resolver),
  ]);
  if (mx.answer.status === 'nxdomain' && mx.answer.chain.length === 0) {
    return nxdomainReport(domain, mx.answer, checkedAt);
  }

  const detected = new Map<MailProvider, Set<'mx' | 'spf' | 'dkim'>>();
  const mark = (p: MailProvider | undefined, by: 'mx' | 'spf' | 'dkim') => {
    if (p) detected.set(p, (detected.get(p) ?? new Set()).add(by));
  };
  mx.hosts.forEach((h) => mark(providerByMx(h), 'mx'));
  spf.includes.forEach((i) => mark(providerBySpfInclude(i), 'spf'));

  const consequence = dmarcConsequence(domain, dmarc.policy);
  const dkim = await auditDkim({
    domain,
    resolver,
    givenSelectors,
    providers: detected,
    dmarcConsequence: consequence,
  });
  dkim.providersByTarget.forEach((p) => mark(p, 'dkim'));

  const findings: Finding[] = [];
  const providers: DetectedProvider[] = [...detected].map(([p, by]) => ({
    id: p.id,
    name: p.name,
    by: [...by],
  }));
  for (const p of providers) {
    findings.push(
      makeFinding('PROVIDER_DETECTED', {
        subject: domain,
        summary: `${p.name} recognised (by ${p.by.join(', ')}).`,
        explanation: `mxray applies ${p.name}'s DKIM layout and rules to this domain.`,
        data: { provider: p.id, by: p.by },
      }),
    );
  }
  findings.push(...mx.findings, ...spf.findings, ...dmarc.findings, ...dkim.findings);
  findings.push(
    ...mtaSts.findings,
    ...auditTlsRpt(domain, tlsRpt, mtaSts.mode),
    ...auditBimi(domain, bimi, {
      policy: dmarc.policy,
      ...(dmarc.discovery.record?.pct !== undefined ? { pct: dmarc.discovery.record.pct } : {}),
      testing: dmarc.discovery.record?.t === 'y',
    }),
  );

  if (options.compareNameservers) {
    const names: Array<[string, RRType]> = [
      [domain, 'MX'],
      [domain, 'TXT'],
      [`_dmarc.${domain}`, 'TXT'],
      ...dkim.probes
        .filter((p) => p.publishedAs !== 'nothing')
        .map((p): [string, RRType] => [p.name, 'TXT']),
    ];
    findings.push(...(await checkNameserverConsistency(names, options.compareNameservers)));
  }

  const sorted = sortFindings(findings);
  const providerWithRules = [...detected.keys()].find((p) => p.rules);
  const mxProvider = [...detected].find(([, by]) => by.has('mx'))?.[0];
  const main = providerWithRules ?? mxProvider ?? [...detected.keys()][0];
  return {
    domain,
    verdict: verdictOf(sorted),
    headline: headline(domain, sorted, main?.name ?? null),
    provider: main?.name ?? null,
    providers,
    findings: sorted,
    selectors: dkim.probes
      .filter((p) => p.publishedAs !== 'nothing' || p.source === 'given')
      .map((p) => ({
        selector: p.selector,
        name: p.name,
        publishedAs: p.publishedAs,
        ...(p.target ? { target: p.target } : {}),
        status: p.answer.status,
      })),
    spf: spf.analysis,
    checkedAt,
  };
}

function nxdomainReport(domain: string, answer: DnsAnswer, checkedAt: number): DomainReport {
  const finding = makeFinding('DOMAIN_NXDOMAIN', {
    subject: domain,
    summary: `${domain} does not exist in DNS (NXDOMAIN).`,
    explanation:
      'Nothing can be sent from or to a domain that does not exist; receivers reject mail claiming to be from it.',
    fix: 'Check the spelling, or register and delegate the domain.',
    evidence: [answer],
  });
  return {
    domain,
    verdict: 'fail',
    headline: finding.summary,
    provider: null,
    providers: [],
    findings: [finding],
    selectors: [],
    checkedAt,
  };
}

function verdictOf(findings: Finding[]): DomainReport['verdict'] {
  const worst = worstSeverity(findings);
  return worst === 'error' ? 'fail' : worst === 'warning' ? 'warn' : 'pass';
}

function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity),
  );
}

/**
 * A selector the user named, trimmed and lower-cased. RFC 6376 3.1: a selector is one or more
 * dot-separated labels, and `<selector>._domainkey.<domain>` must be a valid name; anything else
 * ("a b", "s1,s2", "a..b", "") is bad input, not a DNS failure to report.
 * @throws UsageError for an invalid selector.
 */
function checkSelector(input: string, domain: string): string {
  const selector = input.trim().toLowerCase();
  if (selector === '') throw new UsageError('a DKIM selector is empty');
  const name = normalizeDomain(`${selector}._domainkey.${domain}`);
  if (!name.ok || selector.includes('*')) {
    throw new UsageError(
      `"${input}" is not a DKIM selector (RFC 6376 3.1: labels of letters, digits, "-" and "_" separated by dots); give --selector once per selector`,
    );
  }
  return selector;
}
