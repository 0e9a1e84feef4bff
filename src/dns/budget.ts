import { checkLimit } from '../base/limits.ts';
import { answerWithoutQuery } from './no-answer.ts';
import type { DnsAnswer, ResolveOptions, Resolver, RRType } from './types.ts';

/**
 * Allows at most `max` lookups through `resolver`; later ones get status `error` without a query
 * ("lookup budget of 10 used up"). A generic guard against a record that would make us fan out
 * without end (include chains, long selector lists); SPF counts its RFC 7208 4.6.4 terms itself.
 * `used()` counts the lookups passed through (never more than `max`).
 * @example const limited = withLookupBudget(resolver, 10); ...; limited.used()
 */
export function withLookupBudget(resolver: Resolver, max: number): Resolver & { used(): number } {
  const limit = checkLimit('max', max, 0, 1_000_000);
  let used = 0;
  return {
    used: () => used,
    async resolve(name: string, type: RRType, options?: ResolveOptions): Promise<DnsAnswer> {
      if (used >= limit) {
        return answerWithoutQuery(
          name,
          type,
          'error',
          `lookup budget of ${limit} used up; ${name} ${type} was not asked`,
        );
      }
      used++;
      return resolver.resolve(name, type, options);
    },
  };
}
