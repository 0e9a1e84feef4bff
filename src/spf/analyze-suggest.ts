import type { SpfCostlyTerm, SpfSuggestion } from './analysis-types.ts';
import type { SpfNode } from './types.ts';

/**
 * Picks the top-level includes (and redirect) to flatten or drop: the most costly first, until the
 * remaining count fits the limit. Flattening an include replaces it with its ip4/ip6 ranges, which
 * cost no lookups (RFC 7208 5.6), at the price of tracking the provider's changes.
 */
export function suggestFlattening(tree: SpfNode, total: number, limit: number): SpfSuggestion {
  const costliest: SpfCostlyTerm[] = tree.terms
    .filter(
      (t) =>
        (t.name === 'include' || t.name === 'redirect') && t.target !== undefined && t.lookups > 1,
    )
    .map((t) => ({ term: t.text, target: t.target as string, lookups: t.lookups }))
    .sort((a, b) => b.lookups - a.lookups);
  const excess = Math.max(0, total - limit);
  const flatten: SpfCostlyTerm[] = [];
  let saved = 0;
  for (const candidate of costliest) {
    if (saved >= excess) break;
    flatten.push(candidate);
    // Flattening keeps no lookup of the include itself.
    saved += candidate.lookups;
  }
  return { excess, flatten, costliest };
}
