import type { DnsAnswer, RRType } from '../dns/types.ts';
import type { LookupSession } from './lookup-session.ts';
import type { DiscoveryMode, DmarcPolicy, DmarcRecord } from './types.ts';

/** The policy the record asks for this author domain, and which tag said so. */
export interface SelectedPolicy {
  policy: DmarcPolicy;
  tag: 'p' | 'sp' | 'np';
  why: string;
}

/**
 * RFC 7489 6.6.3 / RFC 9989 4.10: `p` when the record is the author domain's own; for a subdomain
 * `sp` (default `p`), or `np` (default `sp`) when the author domain does not exist. Existence is
 * checked only when `np` would change the answer (RFC 9989 3.2: NXDOMAIN or NODATA for A, AAAA
 * and MX); if that check fails, `sp` is used and the reason says so.
 */
export async function selectPolicy(
  record: DmarcRecord,
  authorIsPolicyDomain: boolean,
  author: string,
  session: LookupSession,
): Promise<SelectedPolicy> {
  if (authorIsPolicyDomain) return { policy: record.p, tag: 'p', why: 'p= of the author domain' };
  const sp = record.sp ?? record.p;
  const spWhy = record.sp ? 'sp= for a subdomain' : 'p= for a subdomain (no sp=)';
  if (record.np === undefined || record.np === sp) {
    return { policy: sp, tag: 'sp', why: spWhy };
  }
  const exists = await domainExists(author, session);
  if (exists === 'unknown') {
    return {
      policy: sp,
      tag: 'sp',
      why: `${spWhy}; whether ${author} exists is unknown (DNS failure), so np= is not applied`,
    };
  }
  return exists
    ? { policy: sp, tag: 'sp', why: `${spWhy}; ${author} exists` }
    : { policy: record.np, tag: 'np', why: `np= for a non-existent subdomain (${author})` };
}

const EXISTENCE_TYPES: RRType[] = ['A', 'AAAA', 'MX'];

async function domainExists(author: string, session: LookupSession): Promise<boolean | 'unknown'> {
  const answers: DnsAnswer[] = await Promise.all(
    EXISTENCE_TYPES.map((type) => session.resolver.resolve(author, type)),
  );
  session.answers.push(...answers);
  if (answers.some((a) => a.status === 'ok')) return true;
  if (answers.every((a) => a.status === 'nxdomain' || a.status === 'nodata')) return false;
  return 'unknown';
}

/** One step less strict (RFC 7489 6.6.4 for pct; RFC 9989 t=y). */
export function stepDown(policy: DmarcPolicy): DmarcPolicy {
  return policy === 'reject' ? 'quarantine' : 'none';
}

/**
 * Applies testing mode: RFC 9989 `t=y` always steps down; in RFC 7489 mode a failing message not
 * sampled by `pct` (random() * 100 >= pct) steps down (RFC 7489 6.6.4). `pct` is historic in
 * RFC 9989 and ignored there; `t` is not part of RFC 7489 and ignored there.
 */
export function applyTesting(
  selected: DmarcPolicy,
  record: DmarcRecord,
  mode: DiscoveryMode,
  failing: boolean,
  random: () => number,
): { policy: DmarcPolicy; sampledOut: boolean; why?: string } {
  if (mode === 'rfc9989') {
    if (record.t === 'y' && selected !== 'none') {
      return { policy: stepDown(selected), sampledOut: true, why: 't=y (testing) steps it down' };
    }
    return { policy: selected, sampledOut: false };
  }
  const pct = record.pct ?? 100;
  if (failing && pct < 100 && selected !== 'none' && random() * 100 >= pct) {
    return {
      policy: stepDown(selected),
      sampledOut: true,
      why: `pct=${pct} did not select this message, so the policy steps down`,
    };
  }
  return { policy: selected, sampledOut: false };
}
