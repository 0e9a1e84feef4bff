import type { DnsAnswer } from '../dns/types.ts';
import { dnsStep, isVoidAnswer } from './dns-budget.ts';
import { spfDnsFailure } from './dns-outcome.ts';
import { expandDomainSpec, queryableName, type EvalState } from './evaluation-state.ts';
import { ipInNetwork } from './ip.ts';
import { validatedNames } from './ptr-validate.ts';
import type { SpfDnsStep, SpfMechanism, SpfResult } from './types.ts';

/** What a mechanism came to; `error` carries temperror or permerror and stops evaluation. */
export type MechanismOutcome =
  | { kind: 'match'; note?: string }
  | { kind: 'no-match'; note?: string }
  | { kind: 'error'; result: 'temperror' | 'permerror'; reason: string };

export interface MechanismRun {
  outcome: MechanismOutcome;
  target?: string;
  dns: SpfDnsStep[];
}

/** RFC 7208 4.6.2: the result of a matching mechanism. */
export function qualifierResult(q: SpfMechanism['qualifier']): SpfResult {
  return q === '-' ? 'fail' : q === '~' ? 'softfail' : q === '?' ? 'neutral' : 'pass';
}

export const LOOKUP_LIMIT_REASON = (max: number) =>
  `more than ${max} DNS-querying terms (include, a, mx, ptr, exists, redirect) - RFC 7208 4.6.4`;
export const VOID_LIMIT_REASON = (max: number) =>
  `more than ${max} void lookups (NXDOMAIN or no answer) - RFC 7208 4.6.4`;
const EXHAUSTED = 'the DNS query budget of this evaluation is spent';

/**
 * Evaluates one of all, ip4, ip6, a, mx, ptr, exists against the client (RFC 7208 5.1-5.7).
 * Charges the lookup budget for a, mx, ptr and exists. `include` is evaluated by the caller.
 */
export async function evaluateMechanism(
  state: EvalState,
  mech: SpfMechanism,
  domain: string,
): Promise<MechanismRun> {
  const dns: SpfDnsStep[] = [];
  const run = (outcome: MechanismOutcome, target?: string): MechanismRun =>
    target === undefined ? { outcome, dns } : { outcome, dns, target };
  const v4 = state.ip.kind() === 'ipv4';
  switch (mech.name) {
    case 'all':
      return run({ kind: 'match' });
    case 'ip4':
    case 'ip6': {
      if ((mech.name === 'ip4') !== v4)
        return run({ kind: 'no-match', note: 'other address family' });
      const prefix = (v4 ? mech.cidr4 : mech.cidr6) ?? (v4 ? 32 : 128);
      const hit = ipInNetwork(state.ip, mech.network ?? '', prefix);
      return run({ kind: hit ? 'match' : 'no-match' });
    }
    case 'include':
      throw new Error('include is evaluated by checkHost');
    case 'a':
    case 'mx':
    case 'ptr':
    case 'exists':
      break;
  }
  if (!state.budget.chargeTerm()) {
    return run({
      kind: 'error',
      result: 'permerror',
      reason: LOOKUP_LIMIT_REASON(state.budget.limits.maxLookups),
    });
  }
  const expanded = await expandDomainSpec(state, mech.domainSpec ?? domain, domain);
  const target = queryableName(expanded);
  if (target === null) {
    // RFC 7208 4.3 by analogy: a target that is not a valid DNS name does not exist.
    return run({ kind: 'no-match', note: `"${expanded}" is not a valid domain name` }, expanded);
  }
  const lookup = async (
    name: string,
    type: 'A' | 'AAAA' | 'MX',
    counted: boolean,
  ): Promise<DnsAnswer | MechanismOutcome> => {
    const answer = await state.budget.query(name, type);
    if (!answer) return { kind: 'error', result: 'permerror', reason: EXHAUSTED };
    dns.push(dnsStep(answer, counted));
    const failure = spfDnsFailure(answer);
    if (failure) return { kind: 'error', ...failure };
    if (counted && isVoidAnswer(answer) && !state.budget.chargeVoid()) {
      return {
        kind: 'error',
        result: 'permerror',
        reason: VOID_LIMIT_REASON(state.budget.limits.maxVoidLookups),
      };
    }
    return answer;
  };
  const addressType = v4 ? 'A' : 'AAAA';
  const prefix = (v4 ? mech.cidr4 : mech.cidr6) ?? (v4 ? 32 : 128);
  const matchesAddress = (answer: DnsAnswer) =>
    answer.records.some(
      (r) =>
        (r.data.type === 'A' || r.data.type === 'AAAA') &&
        ipInNetwork(state.ip, r.data.address, prefix),
    );

  switch (mech.name) {
    case 'exists': {
      // RFC 7208 5.7: always an A query, whatever the client's address family.
      const answer = await lookup(target, 'A', true);
      if (!('status' in answer)) return run(answer, target);
      return run({ kind: answer.status === 'ok' ? 'match' : 'no-match' }, target);
    }
    case 'a': {
      const answer = await lookup(target, addressType, true);
      if (!('status' in answer)) return run(answer, target);
      return run({ kind: matchesAddress(answer) ? 'match' : 'no-match' }, target);
    }
    case 'mx': {
      const answer = await lookup(target, 'MX', true);
      if (!('status' in answer)) return run(answer, target);
      const hosts = answer.records.flatMap((r) => (r.data.type === 'MX' ? [r.data.exchange] : []));
      if (hosts.length > state.budget.limits.maxMxNames) {
        // RFC 7208 4.6.4: more than 10 MX records is a permerror.
        return run(
          {
            kind: 'error',
            result: 'permerror',
            reason: `${target} has ${hosts.length} MX records; at most ${state.budget.limits.maxMxNames} are allowed - RFC 7208 4.6.4`,
          },
          target,
        );
      }
      for (const host of hosts) {
        const name = queryableName(host.replace(/\.$/, ''));
        // RFC 7505: a null MX (".") names no host.
        if (name === null) continue;
        const hostAnswer = await lookup(name, addressType, false);
        if (!('status' in hostAnswer)) return run(hostAnswer, target);
        if (matchesAddress(hostAnswer)) return run({ kind: 'match', note: `via ${name}` }, target);
      }
      return run({ kind: 'no-match', note: `${hosts.length} MX host(s), none matched` }, target);
    }
    case 'ptr': {
      const check = await validatedNames(state, target);
      dns.push(...check.dns);
      if (check.exhausted)
        return run({ kind: 'error', result: 'permerror', reason: EXHAUSTED }, target);
      if (check.void && !state.budget.chargeVoid()) {
        return run(
          {
            kind: 'error',
            result: 'permerror',
            reason: VOID_LIMIT_REASON(state.budget.limits.maxVoidLookups),
          },
          target,
        );
      }
      const hit = check.names[0];
      return run(
        hit ? { kind: 'match', note: `validated name ${hit}` } : { kind: 'no-match' },
        target,
      );
    }
  }
}
