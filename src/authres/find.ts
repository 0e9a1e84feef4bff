import type { AuthResResult, AuthResults } from './types.ts';

/**
 * The results of one method, in header order, and a way to read their properties.
 * @example findResults(parsed, 'dkim').map((r) => r.get('header', 'd'))
 */
export function findResults(
  parsed: AuthResults,
  method: string,
): Array<AuthResResult & { get(ptype: string, property: string): string | undefined }> {
  const wanted = method.toLowerCase();
  return parsed.results
    .filter((r) => r.method === wanted)
    .map((r) => ({
      ...r,
      get(ptype: string, property: string) {
        const p = ptype.toLowerCase();
        const q = property.toLowerCase();
        return r.properties.find((x) => x.ptype === p && x.property === q)?.value;
      },
    }));
}
