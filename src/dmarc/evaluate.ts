import { assertNever } from '../base/assert-never.ts';
import { normalizeDomain } from '../dns/name.ts';
import type { Resolver } from '../dns/types.ts';
import { alignIdentifier } from './alignment.ts';
import { discoverInSession } from './discover.ts';
import { MAX_DKIM_RESULTS } from './limits.ts';
import { createLookupSession } from './lookup-session.ts';
import { applyTesting, selectPolicy } from './select-policy.ts';
import { DEFAULT_DISCOVERY_MODE } from './types.ts';
import type {
  AlignmentMode,
  DiscoveryMode,
  DmarcDiscovery,
  DmarcEvaluation,
  DmarcResult,
  IdentifierAlignment,
} from './types.ts';

/** The authentication results DMARC builds on (SPF and DKIM run elsewhere). */
export interface DmarcInput {
  /** The RFC5322.From domain (an address is accepted: the part after the last `@`). */
  fromDomain: string;
  /** SPF result for the RFC5321.MailFrom domain (or the HELO domain when MAIL FROM is empty). */
  spf: { result: string; domain: string };
  /** One entry per DKIM signature; `domain` is its `d=`. */
  dkim: Array<{ result: string; domain: string; selector?: string }>;
}

export interface EvaluateOptions {
  resolver: Resolver;
  /** Default `rfc9989`; see {@link DiscoveryMode}. */
  mode?: DiscoveryMode;
  /** For `pct` sampling in `rfc7489` mode: a number in [0, 1). Default `Math.random`. */
  random?: () => number;
}

/**
 * RFC 7489 6.6 / RFC 9989 4.8: the DMARC verdict of a message. `pass` when SPF or any DKIM
 * signature passed with an aligned domain; `fail` otherwise; `none` when no policy applies;
 * `temperror` for DNS failures; `permerror` for a broken record or author domain. Never throws
 * for protocol outcomes.
 * @example await evaluateDmarc({ fromDomain: 'example.com', spf: { result: 'pass', domain: 'example.com' }, dkim: [] }, { resolver })
 */
export async function evaluateDmarc(
  input: DmarcInput,
  options: EvaluateOptions,
): Promise<DmarcEvaluation> {
  const mode = options.mode ?? DEFAULT_DISCOVERY_MODE;
  const session = createLookupSession(options.resolver);
  const rawFrom = input.fromDomain.slice(input.fromDomain.lastIndexOf('@') + 1);
  const checked = normalizeDomain(rawFrom);
  const fromDomain = checked.ok ? checked.name : rawFrom;
  const discovery = await discoverInSession(fromDomain, mode, session);

  const spfMode: AlignmentMode = discovery.record?.aspf ?? 'r';
  const dkimMode: AlignmentMode = discovery.record?.adkim ?? 'r';
  const unchecked = (id: { result: string; domain: string; selector?: string }, why: string) => {
    const a: IdentifierAlignment = { domain: id.domain, result: id.result, aligned: false, why };
    if (id.selector !== undefined) a.selector = id.selector;
    return a;
  };
  const base = {
    fromDomain,
    discovery,
    sampledOut: false,
    alignedIdentifiers: [] as DmarcEvaluation['alignedIdentifiers'],
    alignment: {
      spf: { ...unchecked(input.spf, 'not checked: no policy applies'), mode: spfMode },
      dkim: input.dkim.map((d) => ({
        ...unchecked(d, 'not checked: no policy applies'),
        mode: dkimMode,
      })),
    },
    ...(discovery.policyDomain !== undefined ? { policyDomain: discovery.policyDomain } : {}),
  };
  const noPolicy = (result: DmarcResult, reason: string): DmarcEvaluation => ({
    ...base,
    result,
    policy: 'none',
    disposition: 'none',
    reason,
  });
  const firstIssue = discovery.issues[0]?.message ?? '';

  switch (discovery.status) {
    case 'temperror':
      return noPolicy('temperror', `the DMARC policy could not be retrieved: ${firstIssue}`);
    case 'none':
      return noPolicy('none', `no DMARC record for ${fromDomain} or its organizational domain`);
    case 'multiple':
      return noPolicy('none', `no policy applies: ${firstIssue}`);
    case 'invalid':
      return discovery.invalidKind === 'no-policy'
        ? noPolicy('none', `no policy applies: ${firstIssue}`)
        : noPolicy('permerror', firstIssue || 'the DMARC record is invalid');
    case 'found':
      break;
    default:
      return assertNever(discovery.status, 'discovery status');
  }
  const record = discovery.record;
  const policyDomain = discovery.policyDomain;
  if (!record || policyDomain === undefined) {
    return noPolicy('permerror', 'internal: a found policy without a record');
  }

  const context = {
    fromDomain,
    fromOrganizationalDomain: discovery.organizationalDomain,
    mode,
    session,
  };
  const spf = { ...(await alignIdentifier(input.spf, spfMode, context)), mode: spfMode };
  const dkim: DmarcEvaluation['alignment']['dkim'] = [];
  for (const [index, sig] of input.dkim.entries()) {
    dkim.push(
      index < MAX_DKIM_RESULTS
        ? { ...(await alignIdentifier(sig, dkimMode, context)), mode: dkimMode }
        : { ...unchecked(sig, `not checked: over ${MAX_DKIM_RESULTS} signatures`), mode: dkimMode },
    );
  }
  const alignedIdentifiers: DmarcEvaluation['alignedIdentifiers'] = [];
  if (spf.aligned === true) alignedIdentifiers.push({ method: 'spf', domain: spf.domain });
  for (const d of dkim) {
    if (d.aligned !== true) continue;
    alignedIdentifiers.push({
      method: 'dkim',
      domain: d.domain,
      ...(d.selector !== undefined ? { selector: d.selector } : {}),
    });
  }
  const unknown = [spf, ...dkim].find((a) => a.aligned === 'unknown');
  const result: DmarcResult =
    alignedIdentifiers.length > 0 ? 'pass' : unknown ? 'temperror' : 'fail';

  const selected = await selectPolicy(record, policyDomain === fromDomain, fromDomain, session);
  const random = options.random ?? Math.random;
  const tested = applyTesting(selected.policy, record, mode, result === 'fail', random);
  const reason = explain(result, alignedIdentifiers, spf, dkim, fromDomain, discovery);
  return {
    ...base,
    result,
    policyDomain,
    policy: tested.policy,
    requestedPolicy: selected.policy,
    policyTag: selected.tag,
    disposition: result === 'fail' ? tested.policy : 'none',
    sampledOut: tested.sampledOut,
    ...(mode === 'rfc7489' && record.pct !== undefined ? { pct: record.pct } : {}),
    alignment: { spf, dkim },
    alignedIdentifiers,
    reason: [reason, `policy ${selected.policy} from ${selected.why}`, tested.why]
      .filter(Boolean)
      .join('; '),
  };
}

function explain(
  result: DmarcResult,
  aligned: DmarcEvaluation['alignedIdentifiers'],
  spf: IdentifierAlignment,
  dkim: IdentifierAlignment[],
  fromDomain: string,
  discovery: DmarcDiscovery,
): string {
  if (result === 'pass') {
    return `aligned ${aligned.map((a) => `${a.method} ${a.domain}`).join(', ')} with From ${fromDomain}`;
  }
  if (result === 'temperror') {
    return [spf, ...dkim].find((a) => a.aligned === 'unknown')?.why ?? 'a DNS lookup failed';
  }
  const parts = [`SPF ${spf.domain || '(none)'}: ${spf.why}`];
  for (const d of dkim) parts.push(`DKIM ${d.domain}: ${d.why}`);
  if (dkim.length === 0) parts.push('no DKIM signature');
  return `nothing aligned with From ${fromDomain} (policy at _dmarc.${discovery.policyDomain ?? ''}): ${parts.join('; ')}`;
}
