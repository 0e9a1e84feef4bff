import { TREE_WALK_MAX_LABELS } from './limits.ts';
import type { LookupSession } from './lookup-session.ts';

/**
 * RFC 9989 4.10: the names the DNS tree walk queries, in order: the domain itself, then, with
 * labels removed from the left, from at most seven labels down to one (so at most 8 queries).
 * A name whose last label is all digits is an address literal, not a DNS hierarchy (RFC 3696 2):
 * only the name itself is asked.
 * @example walkNames('a.b.example.com') // ['a.b.example.com', 'b.example.com', 'example.com', 'com']
 */
export function walkNames(domain: string): string[] {
  const labels = domain.split('.');
  const names = [domain];
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return names;
  for (let n = Math.min(labels.length - 1, TREE_WALK_MAX_LABELS); n >= 1; n--) {
    names.push(labels.slice(-n).join('.'));
  }
  return names;
}

/** The organizational domain found by the tree walk, or why it could not be found. */
export type TreeWalkOrg = { ok: true; domain: string; why: string } | { ok: false; why: string };

/**
 * RFC 9989 4.10.1: the organizational domain of `domain` by the tree walk. Walking up from the
 * domain: a record with `psd=n` marks the organizational domain; a record with `psd=y` (other than
 * at the starting name) puts it one label below; otherwise it is the name with the fewest labels
 * that has a valid record, and without any record it is the domain itself. A DNS failure on the
 * way makes the answer unknown, never a guess.
 */
export async function treeWalkOrganizationalDomain(
  domain: string,
  session: LookupSession,
): Promise<TreeWalkOrg> {
  const labels = domain.split('.');
  let best: string | undefined;
  for (const name of walkNames(domain)) {
    const found = await session.lookup(name);
    if (found.kind === 'temperror') {
      return { ok: false, why: found.issues[0]?.message ?? `the lookup at ${name} failed` };
    }
    if (found.kind !== 'found') continue;
    if (found.record.psd === 'n') {
      return { ok: true, domain: name, why: `_dmarc.${name} has psd=n` };
    }
    if (found.record.psd === 'y' && name !== domain) {
      const below = labels.slice(-(name.split('.').length + 1)).join('.');
      return {
        ok: true,
        domain: below,
        why: `_dmarc.${name} has psd=y, so the organizational domain is one label below it`,
      };
    }
    best = name;
  }
  if (best === undefined) {
    return { ok: true, domain, why: 'no DMARC record on the walk: the domain is its own' };
  }
  return { ok: true, domain: best, why: `_dmarc.${best} is the highest record on the walk` };
}
