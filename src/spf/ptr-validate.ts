import type { SpfDnsStep } from './types.ts';
import type { EvalState } from './evaluation-state.ts';
import { dnsStep, isVoidAnswer } from './dns-budget.ts';
import { ipInNetwork, reverseName } from './ip.ts';
import { canonicalName, isSubdomainOf } from '../dns/name.ts';

/** The outcome of a reverse-then-forward check of the client address (RFC 7208 5.5). */
export interface PtrValidation {
  /** Validated names, lower-case, in PTR answer order. */
  names: string[];
  dns: SpfDnsStep[];
  /** True when the PTR lookup itself came back NXDOMAIN or empty. */
  void: boolean;
  /** True when the query cap was spent. */
  exhausted: boolean;
}

/**
 * Looks up the PTR names of the client and keeps those whose A/AAAA records contain the client
 * address. RFC 7208 5.5: DNS errors make names drop out (no temperror), at most `maxPtrNames`
 * names are looked at, and when `target` is given only names at or below it are checked.
 */
export async function validatedNames(
  state: EvalState,
  target: string | null,
): Promise<PtrValidation> {
  const result: PtrValidation = { names: [], dns: [], void: false, exhausted: false };
  const ptr = await state.budget.query(reverseName(state.ip), 'PTR');
  if (!ptr) return { ...result, exhausted: true };
  result.dns.push(dnsStep(ptr, true));
  result.void = isVoidAnswer(ptr);
  if (ptr.status !== 'ok') return result;
  const type = state.ip.kind() === 'ipv4' ? 'A' : 'AAAA';
  const names = ptr.records
    .flatMap((r) => (r.data.type === 'PTR' ? [canonicalName(r.data.target)] : []))
    .slice(0, state.budget.limits.maxPtrNames);
  for (const name of names) {
    if (target !== null && !isSubdomainOf(name, target)) continue;
    const answer = await state.budget.query(name, type);
    if (!answer) return { ...result, exhausted: true };
    result.dns.push(dnsStep(answer));
    const matches = answer.records.some(
      (r) =>
        (r.data.type === 'A' || r.data.type === 'AAAA') &&
        ipInNetwork(state.ip, r.data.address, type === 'A' ? 32 : 128),
    );
    if (matches) result.names.push(name);
  }
  return result;
}
