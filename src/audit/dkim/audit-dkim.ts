import type { Resolver } from '../../dns/types.ts';
import type { Finding } from '../../findings/finding.ts';
import { makeFinding } from '../../findings/make-finding.ts';
import { describeOutcome, isTemporaryFailure } from '../dns-failure.ts';
import { providerByCnameTarget } from '../providers/index.ts';
import type { MailProvider } from '../providers/types.ts';
import { COMMON_SELECTORS } from './common-selectors.ts';
import { looksLikeDkimKey, selectorFindings } from './diagnose-selector.ts';
import {
  hasUsableKey,
  probeSelector,
  type SelectorProbe,
  type SelectorSource,
} from './probe-selector.ts';

export interface DkimAuditInput {
  domain: string;
  resolver: Resolver;
  /** Selectors the user named: they sign mail, so each must have a key. */
  givenSelectors: string[];
  /** Providers recognised from MX and SPF, with what recognised them. */
  providers: ReadonlyMap<MailProvider, ReadonlySet<'mx' | 'spf' | 'dkim'>>;
  dmarcConsequence: string;
}

export interface DkimAudit {
  findings: Finding[];
  probes: SelectorProbe[];
  /** Providers recognised by the zone suffix of a selector's CNAME target. */
  providersByTarget: MailProvider[];
}

/**
 * Probes the given, provider and common selectors (each once, in parallel), recognises providers
 * by CNAME target, applies provider rules to their selectors and the generic diagnosis to the rest.
 */
export async function auditDkim(input: DkimAuditInput): Promise<DkimAudit> {
  const { domain, resolver, dmarcConsequence } = input;
  const given = new Set(input.givenSelectors);
  const wanted = new Map<string, SelectorSource>();
  for (const s of given) wanted.set(s, 'given');
  for (const p of input.providers.keys())
    for (const s of p.dkim.selectors(domain)) if (!wanted.has(s)) wanted.set(s, 'provider');
  if (given.size === 0)
    for (const s of COMMON_SELECTORS) if (!wanted.has(s)) wanted.set(s, 'common');

  let probes = await Promise.all(
    [...wanted].map(([s, source]) => probeSelector(domain, s, resolver, source)),
  );

  // A CNAME target names its provider even when MX and SPF did not: probe that provider's other selectors too.
  const providersByTarget = unique(
    probes.flatMap((p) => (p.target ? [providerByCnameTarget(p.target)] : [])),
  );
  const extra = providersByTarget
    .flatMap((prov) => prov.dkim.selectors(domain))
    .filter((s) => !wanted.has(s));
  if (extra.length > 0) {
    for (const s of extra) wanted.set(s, 'provider');
    probes = probes.concat(
      await Promise.all(extra.map((s) => probeSelector(domain, s, resolver, 'provider'))),
    );
  }

  const providers = unique([...input.providers.keys(), ...providersByTarget]);
  const findings: Finding[] = [];
  const handled = new Set<SelectorProbe>();
  for (const provider of providers) {
    const mine = probes.filter((p) => belongsTo(p, provider, domain));
    if (mine.length === 0) continue;
    mine.forEach((p) => handled.add(p));
    const detectedBy = new Set(input.providers.get(provider) ?? []);
    if (providersByTarget.includes(provider)) detectedBy.add('dkim');
    findings.push(...providerFindings(provider, mine, given, domain, dmarcConsequence, detectedBy));
  }
  const unreachableGuesses: SelectorProbe[] = [];
  for (const probe of probes) {
    if (handled.has(probe)) continue;
    if (probe.source === 'common' && isTemporaryFailure(probe.answer)) {
      unreachableGuesses.push(probe);
      continue;
    }
    findings.push(
      ...selectorFindings(
        probe,
        probe.source === 'given' ? 'required' : 'discovered',
        dmarcConsequence,
      ),
    );
  }
  if (unreachableGuesses.length > 0) findings.push(guessesTemperror(domain, unreachableGuesses));
  const givenProbes = probes.filter((p) => p.source === 'given');
  const temporary = (p: SelectorProbe) =>
    !['ok', 'nxdomain', 'nodata', 'cname-loop', 'cname-too-long'].includes(p.answer.status);
  if (
    givenProbes.length > 0 &&
    !givenProbes.some(hasUsableKey) &&
    !givenProbes.some(temporary) &&
    !findings.some((f) => f.id === 'DKIM_NO_VALID_KEY')
  ) {
    findings.push(
      makeFinding('DKIM_NO_VALID_KEY', {
        subject: domain,
        summary: `Mail from ${domain} signed with ${givenProbes.map((p) => `s=${p.selector}`).join(' or ')} will fail DKIM: no usable key is published.`,
        explanation: `None of the selectors you named has a usable key. ${dmarcConsequence}`,
        fix: 'See the findings for each selector below.',
        evidence: givenProbes.map((p) => p.answer),
      }),
    );
  }
  // "Not found" only when every guess got a definite answer: a failed lookup says nothing.
  if (!probes.some(isPublished) && given.size === 0 && unreachableGuesses.length === 0) {
    findings.push(
      makeFinding('DKIM_NO_SELECTOR_FOUND', {
        subject: domain,
        summary: `No DKIM selector found for ${domain} among ${probes.length} common and provider selectors.`,
        explanation:
          'DKIM selectors cannot be listed from DNS, only guessed. Your mail may be signed with a selector mxray did not try; if it is not signed at all, DMARC rests on SPF alone and fails for forwarded mail.',
        fix: 'Find the selector in the DKIM-Signature header (s=) of a message you sent, or in your DMARC reports (mxray reports summary), and run mxray check with --selector <s>.',
        evidence: probes.filter((p) => p.source !== 'common').map((p) => p.answer),
      }),
    );
  }
  return { findings, probes, providersByTarget };
}

/** A selector that is really set up: a CNAME, or a TXT record that looks like a live DKIM key (not a wildcard, not revoked). */
function isPublished(probe: SelectorProbe): boolean {
  const revoked = probe.key?.ok === true && probe.key.revoked;
  return probe.publishedAs === 'cname' || (!revoked && probe.records.some(looksLikeDkimKey));
}

function belongsTo(probe: SelectorProbe, provider: MailProvider, domain: string): boolean {
  if (probe.target && providerByCnameTarget(probe.target) === provider) return true;
  return !probe.target && provider.dkim.selectors(domain).includes(probe.selector);
}

/** Provider rules when the provider has them; otherwise the generic rules with its rotation model. */
function providerFindings(
  provider: MailProvider,
  probes: SelectorProbe[],
  given: ReadonlySet<string>,
  domain: string,
  dmarcConsequence: string,
  detectedBy: ReadonlySet<'mx' | 'spf' | 'dkim'>,
): Finding[] {
  if (provider.rules)
    return provider.rules({ domain, probes, givenSelectors: given, dmarcConsequence, detectedBy });
  const findings: Finding[] = [];
  const trusted = provider.confidence === 'high' || provider.confidence === 'medium';
  for (const probe of probes) {
    const required =
      given.has(probe.selector) ||
      (trusted && provider.dkim.rotation === 'all-published' && probe.publishedAs === 'cname');
    findings.push(
      ...selectorFindings(probe, required ? 'required' : 'discovered', dmarcConsequence),
    );
  }
  const present = probes.filter((p) => p.publishedAs !== 'nothing');
  const absent = probes.filter((p) => p.publishedAs === 'nothing' && p.source !== 'common');
  if (provider.dkim.allSelectorsRequired && present.length > 0 && absent.length > 0) {
    findings.push(
      makeFinding('PROVIDER_SELECTOR_MISSING', {
        subject: absent.map((p) => p.name).join(', '),
        summary: `${provider.name} uses ${provider.dkim.selectors(domain).join(', ')}, but ${absent.map((p) => p.selector).join(', ')} ${absent.length > 1 ? 'are' : 'is'} missing at ${domain}.`,
        explanation: `${provider.name} signs with any of its selectors and rotates between them; mail signed with a missing one fails DKIM. ${dmarcConsequence}`,
        fix: `Publish every ${provider.dkim.recordType} record ${provider.name} lists for ${domain}.`,
        evidence: absent.map((p) => p.answer),
        data: { provider: provider.id },
      }),
    );
  }
  if (present.length === 0 && provider.dkim.selectors(domain).length > 0) {
    findings.push(
      makeFinding('PROVIDER_SELECTOR_MISSING', {
        subject: domain,
        summary: `${provider.name} sends for ${domain}, but none of its usual selectors (${provider.dkim.selectors(domain).join(', ')}) is published.`,
        explanation: `Mail from ${provider.name} is then unsigned or signed with ${provider.name}'s own domain, which does not align with ${domain} for DMARC. If you set a custom selector, pass it with --selector.`,
        fix: `Set up DKIM for ${domain} in ${provider.name} and publish the records it shows.`,
        evidence: probes.map((p) => p.answer),
        data: { provider: provider.id },
      }),
    );
  }
  if (present.length > 0 && !present.some(hasUsableKey) && trusted) {
    findings.push(
      makeFinding('DKIM_NO_VALID_KEY', {
        subject: domain,
        summary: `Mail from ${domain} signed by ${provider.name} will fail DKIM: no usable key is published for ${present.map((p) => p.selector).join(' or ')}.`,
        explanation: `Every selector of ${provider.name} found at ${domain} lacks a usable key. ${dmarcConsequence}`,
        fix: `Check the DKIM settings for ${domain} in ${provider.name} and publish exactly the records it shows.`,
        evidence: present.map((p) => p.answer),
        data: { provider: provider.id },
      }),
    );
  }
  return findings;
}

/** One DNS_TEMPERROR for every guessed selector whose lookup failed (not one each: they share a cause). */
function guessesTemperror(domain: string, probes: SelectorProbe[]): Finding {
  const first = probes[0] as SelectorProbe;
  return makeFinding('DNS_TEMPERROR', {
    subject: `${probes.length} selector names under _domainkey.${domain}`,
    summary: `Could not look up ${probes.length} common DKIM selector${probes.length > 1 ? 's' : ''} (${probes
      .slice(0, 4)
      .map((p) => p.selector)
      .join(', ')}${probes.length > 4 ? ', …' : ''}): ${describeOutcome(first.answer)}.`,
    explanation:
      'mxray guesses selectors because DNS cannot list them; these guesses could not be checked, so it says nothing about whether they exist.',
    fix: 'Check that the nameservers of the domain answer (run with --authoritative), or name your selectors with --selector.',
    evidence: probes.slice(0, 5).map((p) => p.answer),
    data: { selectors: probes.map((p) => p.selector) },
  });
}

function unique<T>(items: Array<T | undefined>): T[] {
  return [...new Set(items.filter((x): x is T => x !== undefined))];
}
