import type { Clock } from '../base/clock.ts';
import type { Resolver } from '../dns/types.ts';
import type { Finding } from '../findings/finding.ts';
import { makeFinding } from '../findings/make-finding.ts';
import type { FindingId } from '../findings/registry.ts';
import { analyzeSpfPolicy, type SpfPolicyAnalysis } from '../spf/index.ts';

/** RFC 7208 4.6.4: at most 10 mechanisms and modifiers that cause DNS lookups. */
const LOOKUP_LIMIT = 10;
/** Above this many lookups one more include (a new vendor) breaks SPF: warn before it does. */
const NEAR_LIMIT = 9;

/** What the SPF check learnt: findings, the analysis (tree for display), and the includes. */
export interface SpfAudit {
  findings: Finding[];
  analysis: SpfPolicyAnalysis;
  /** Top-level include: and redirect= targets, for provider detection. */
  includes: string[];
}

/** How each problem the SPF engine reports becomes a finding, with what it means and how to fix it. */
const PROBLEM_TEXT: Record<string, { explanation: string; fix: string }> = {
  SPF_MULTIPLE_RECORDS: {
    explanation:
      'RFC 7208 4.5: with more than one "v=spf1" record every SPF check is permerror, and DMARC then rests on DKIM alone.',
    fix: 'Merge the records into one.',
  },
  SPF_SYNTAX: {
    explanation: 'RFC 7208 4.6: a syntax error makes every SPF check permerror.',
    fix: 'Correct the record at the position shown.',
  },
  SPF_TOO_MANY_LOOKUPS: {
    explanation:
      'RFC 7208 4.6.4: receivers stop after 10 DNS-querying mechanisms (include, a, mx, ptr, exists, redirect) and return permerror, so SPF fails for every sender listed after that point.',
    fix: 'Remove includes of services you no longer use, replace a and mx with ip4/ip6 ranges, or move a sender to its own subdomain (bounce.example.com) with its own SPF record.',
  },
  SPF_TOO_MANY_VOID_LOOKUPS: {
    explanation:
      'RFC 7208 4.6.4: after 2 lookups that return no records (NXDOMAIN or NODATA) receivers should return permerror.',
    fix: 'Remove the mechanisms that point to names without records.',
  },
  SPF_PASS_ALL: {
    explanation:
      '+all makes SPF pass for every server on the internet: anyone can send as your domain with SPF aligned, and DMARC passes for them.',
    fix: 'End the record with -all (or ~all while you check the reports).',
  },
  SPF_NEUTRAL_ALL: {
    explanation: '?all means "no statement" for everyone not listed: SPF protects nothing.',
    fix: 'End the record with -all or ~all.',
  },
  SPF_PTR: {
    explanation:
      'RFC 7208 5.5: ptr is slow, unreliable and "SHOULD NOT be used"; some receivers ignore it, and each use costs lookups.',
    fix: 'Replace ptr with the ip4/ip6 ranges of the servers it was meant to allow.',
  },
  SPF_INCLUDE_NO_RECORD: {
    explanation:
      'RFC 7208 5.2: an include of a domain without an SPF record is permerror for every message that reaches it.',
    fix: 'Remove the include, or correct the domain name.',
  },
  SPF_LOOP: {
    explanation:
      'An include or redirect loops back to a record already being evaluated; receivers return permerror once the lookup limit is hit.',
    fix: 'Remove the include or redirect that loops.',
  },
};

/** The SPF record through the whole include/redirect tree, via the SPF engine. */
export async function auditSpf(
  domain: string,
  resolver: Resolver,
  clock: Clock,
): Promise<SpfAudit> {
  const analysis = await analyzeSpfPolicy(domain, { resolver, clock });
  const includes = topLevelTargets(analysis.records[0] ?? '');
  const subject = domain;
  const evidence = analysis.exchanges;
  const findings: Finding[] = [];
  if (analysis.status === 'none') {
    findings.push(
      makeFinding('SPF_MISSING', {
        subject,
        summary: `${domain} has no SPF record.`,
        explanation:
          'Receivers cannot tell which servers may send as your domain: SPF is "none", DMARC rests on DKIM alone, and Gmail and Yahoo require SPF or DKIM (both for bulk senders).',
        fix: `Publish "${domain}. TXT \\"v=spf1 <your senders' includes> -all\\"" (or "v=spf1 -all" if the domain sends no mail).`,
        evidence,
      }),
    );
    return { findings, analysis, includes };
  }
  for (const problem of analysis.problems) {
    if (problem.code === 'SPF_TEMPERROR') {
      findings.push(
        makeFinding('DNS_TEMPERROR', {
          subject: problem.path.join(' → ') || subject,
          summary: `SPF lookup failed: ${problem.message}.`,
          explanation:
            'Receivers that hit the same failure return SPF temperror and defer or junk the mail. mxray does not report the record as missing.',
          fix: 'Check the nameservers of the domain named, then run the check again.',
          evidence,
        }),
      );
      continue;
    }
    const text = PROBLEM_TEXT[problem.code];
    const tooMany = problem.code === 'SPF_TOO_MANY_LOOKUPS';
    findings.push(
      makeFinding(problem.code as FindingId, {
        subject: problem.path.join(' → ') || subject,
        summary: tooMany ? tooManySummary(analysis) : `SPF for ${domain}: ${problem.message}.`,
        explanation: text?.explanation ?? '',
        fix: tooMany ? tooManyFix(analysis) : (text?.fix ?? ''),
        evidence,
        data: {
          path: problem.path,
          ...(problem.code === 'SPF_TOO_MANY_LOOKUPS' ? lookupData(analysis) : {}),
        },
      }),
    );
  }
  const overLimit = findings.some((f) => f.id === 'SPF_TOO_MANY_LOOKUPS');
  if (!overLimit && analysis.totalLookups >= NEAR_LIMIT && analysis.totalLookups <= LOOKUP_LIMIT) {
    findings.push(
      makeFinding('SPF_LOOKUPS_NEAR_LIMIT', {
        subject,
        summary: `SPF for ${domain} needs ${analysis.totalLookups} of the 10 DNS lookups receivers allow.`,
        explanation:
          'One more include (or a provider adding one inside theirs) makes SPF permerror for all your mail.',
        fix: PROBLEM_TEXT.SPF_TOO_MANY_LOOKUPS?.fix ?? '',
        evidence,
        data: lookupData(analysis),
      }),
    );
  }
  if (findings.every((f) => f.severity === 'ok' || f.severity === 'info')) {
    findings.push(
      makeFinding('SPF_OK', {
        subject,
        summary: `SPF for ${domain} is valid: ${analysis.totalLookups} of 10 DNS lookups, ${analysis.voidLookups} void.`,
        explanation: 'Receivers can evaluate the record without errors.',
        evidence,
        data: lookupData(analysis),
      }),
    );
  }
  return { findings, analysis, includes };
}

function tooManySummary(analysis: SpfPolicyAnalysis): string {
  const at = analysis.overflowAt ? `; the 11th is ${analysis.overflowAt}` : '';
  return `SPF for ${analysis.domain} needs ${analysis.totalLookups} DNS lookups, receivers allow 10${at}.`;
}

function tooManyFix(analysis: SpfPolicyAnalysis): string {
  const flatten = analysis.suggestion?.flatten ?? [];
  const base = PROBLEM_TEXT.SPF_TOO_MANY_LOOKUPS?.fix ?? '';
  if (flatten.length === 0) return base;
  return `Drop or flatten ${flatten.map((t) => `${t.term} (${t.lookups} lookup${t.lookups > 1 ? 's' : ''})`).join(' and ')} to get back under 10. ${base}`;
}

function lookupData(analysis: SpfPolicyAnalysis): Record<string, unknown> {
  return {
    lookups: analysis.totalLookups,
    voidLookups: analysis.voidLookups,
    overflowAt: analysis.overflowAt,
    flatten: analysis.suggestion?.flatten.map((t) => t.term),
    record: analysis.records[0],
  };
}

/** include: and redirect= targets of a record (macros left out). */
function topLevelTargets(record: string): string[] {
  const targets: string[] = [];
  for (const term of record.split(/\s+/)) {
    const m = /^[+\-~?]?include:(.+)$/i.exec(term) ?? /^redirect=(.+)$/i.exec(term);
    if (m?.[1] && !m[1].includes('%')) targets.push(m[1].toLowerCase().replace(/\.$/, ''));
  }
  return targets;
}
