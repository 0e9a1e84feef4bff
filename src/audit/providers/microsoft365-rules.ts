import type { Finding } from '../../findings/finding.ts';
import { makeFinding } from '../../findings/make-finding.ts';
import { isTemporaryFailure, temperrorFinding } from '../dns-failure.ts';
import { danglingFinding, selectorFindings } from '../dkim/diagnose-selector.ts';
import { hasUsableKey, type SelectorProbe } from '../dkim/probe-selector.ts';
import { checkM365Target } from './microsoft365-target.ts';
import type { ProviderRuleInput } from './types.ts';

const SELECTORS = ['selector1', 'selector2'] as const;
const CONFIG_HINT = (domain: string) =>
  `Get-DkimSigningConfig -Identity ${domain} | Format-List Enabled,Status,Selector1CNAME,Selector2CNAME,RotateOnDate,SelectorBeforeRotateOnDate,SelectorAfterRotateOnDate`;

/**
 * Microsoft 365's DKIM rules. Both CNAMEs must exist (rotation needs the inactive one); only the
 * active selector's target has a key, so exactly one published key is normal, and none means
 * every Microsoft-signed message fails DKIM.
 */
export function microsoft365Rules(input: ProviderRuleInput): Finding[] {
  const { domain, dmarcConsequence } = input;
  const findings: Finding[] = [];
  const bySelector = new Map(input.probes.map((p) => [p.selector, p]));
  const probes = SELECTORS.map((s) => bySelector.get(s)).filter((p): p is SelectorProbe => !!p);

  for (const probe of probes) {
    if (isTemporaryFailure(probe.answer))
      findings.push(temperrorFinding(probe.answer, `the DKIM record of ${probe.selector}`));
  }
  const known = probes.filter((p) => !isTemporaryFailure(p.answer));
  const usable = known.filter(hasUsableKey);
  const cnames = known.filter((p) => p.publishedAs === 'cname');
  const missing = known.filter((p) => p.publishedAs === 'nothing');

  for (const probe of known) {
    if (probe.publishedAs === 'txt') {
      findings.push(
        makeFinding('M365_TXT_INSTEAD_OF_CNAME', {
          subject: probe.name,
          summary: `${probe.name} is a TXT record; Microsoft 365 needs a CNAME there.`,
          explanation:
            'Microsoft rotates DKIM keys by publishing new keys at the CNAME targets. A key copied into your zone goes stale at the next rotation, and from then on signatures with this selector fail.',
          fix: `Replace the TXT record with the CNAME from ${CONFIG_HINT(domain)}.`,
          evidence: [probe.answer],
        }),
      );
    }
    if (probe.target) {
      const check = checkM365Target(domain, probe.selector, probe.target);
      if (!check.ok) {
        findings.push(
          makeFinding('M365_CNAME_TARGET_MALFORMED', {
            subject: probe.name,
            summary: `${probe.name} points to ${probe.target}, which is not a Microsoft 365 DKIM target: ${check.problem}.`,
            explanation:
              'Microsoft checks the CNAME value before it enables DKIM (the portal shows "CnameMissing"), and receivers find no key at a hand-built target.',
            fix: `Point the CNAME at ${check.expected}.`,
            evidence: [probe.answer],
            data: { selector: probe.selector, target: probe.target },
          }),
        );
      }
    }
  }

  if (missing.length > 0 && known.length === SELECTORS.length) {
    const both = missing.length === SELECTORS.length;
    // Not set up at all is an error where Microsoft 365 hosts the mail, a warning where it only appears in SPF.
    const hostsMail = input.detectedBy.has('mx');
    findings.push(
      makeFinding('M365_CNAME_MISSING', {
        severity: both && hostsMail ? 'error' : 'warning',
        subject: missing.map((p) => p.name).join(', '),
        summary: both
          ? `Neither selector1 nor selector2 has a CNAME at ${domain}: DKIM for ${domain} is not set up in Microsoft 365.`
          : `${missing[0]?.name} has no CNAME; Microsoft 365 needs both selector CNAMEs.`,
        explanation: both
          ? `Without the CNAMEs Microsoft signs mail from ${domain} with its own onmicrosoft.com domain: DKIM passes but does not align with ${domain}, so DMARC rests on SPF alone and fails for forwarded mail. ${dmarcConsequence}`
          : 'Only one selector is active at a time, and the other is used after the next key rotation. Without its CNAME, rotation (Rotate-DkimSigningConfig) leaves the domain with no published key.',
        fix: `Create both CNAMEs with the values from ${CONFIG_HINT(domain)}, then enable DKIM signing for ${domain}.`,
        evidence: missing.map((p) => p.answer),
      }),
    );
  }

  if (cnames.length > 0 && usable.length === 0) {
    findings.push(
      makeFinding('DKIM_NO_VALID_KEY', {
        subject: domain,
        summary: `Mail from ${domain} signed by Microsoft 365 will fail DKIM: no key is published for selector1 or selector2.`,
        explanation: `Microsoft 365 publishes the key of the active selector behind its CNAME target; neither target has one. Receivers cannot verify any signature Microsoft makes for ${domain}. ${dmarcConsequence}`,
        fix: `Run ${CONFIG_HINT(domain)}. If Enabled is False, enable DKIM (Set-DkimSigningConfig -Identity ${domain} -Enabled $true). If Status is Valid and the targets still have no TXT record after 4 days, open a Microsoft support case and attach the --evidence transcript of this check.`,
        evidence: cnames.map((p) => p.answer),
        data: { provider: 'microsoft365' },
      }),
    );
    for (const probe of cnames) {
      findings.push(
        ...(probe.records.length > 0
          ? selectorFindings(probe, 'required', dmarcConsequence)
          : [danglingFindingFor(probe, input)]),
      );
    }
    return findings;
  }

  for (const probe of known) {
    if (probe.publishedAs !== 'cname') {
      if (probe.publishedAs === 'txt')
        findings.push(...selectorFindings(probe, 'required', dmarcConsequence));
      continue;
    }
    if (hasUsableKey(probe) || probe.records.length > 0) {
      findings.push(...selectorFindings(probe, 'required', dmarcConsequence));
    } else if (input.givenSelectors.has(probe.selector)) {
      // The user says mail is signed with this selector: a missing key is the whole problem.
      findings.push(danglingFindingFor(probe, input));
    } else {
      const active = usable[0]?.selector ?? 'the other selector';
      findings.push(
        makeFinding('M365_SELECTOR_INACTIVE', {
          subject: probe.name,
          summary: `${probe.selector} is inactive: its target ${probe.answer.finalName} has no key yet, and ${active} has one. This is expected.`,
          explanation: `Microsoft 365 publishes only the active selector's key and signs with it (here ${active}). ${probe.selector}'s key appears at its target when Microsoft rotates keys, before it starts signing with it. If a receiver reports "no key" for s=${probe.selector}, Microsoft is signing with a selector it has not published: open a support case with this evidence.`,
          evidence: [probe.answer],
          data: { selector: probe.selector, activeSelector: active },
        }),
      );
    }
  }
  return findings;
}

function danglingFindingFor(probe: SelectorProbe, input: ProviderRuleInput): Finding {
  return danglingFinding(
    probe,
    'required',
    input.dmarcConsequence,
    `Your CNAME is correct; the key behind it is Microsoft's to publish. Check that Get-DkimSigningConfig -Identity ${input.domain} shows Enabled True and this CNAME as Selector${probe.selector.slice(-1)}CNAME. If the key has not appeared 4 days after enabling or rotating, open a Microsoft support case with this check's --evidence transcript.`,
  );
}
