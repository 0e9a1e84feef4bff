import { limitConcurrency } from '../base/concurrency.ts';
import { checkLimit } from '../base/limits.ts';
import type { DnsAnswer, ResolveOptions, Resolver, RRType } from './types.ts';

/**
 * Lets at most `limit` lookups run at once (an audit of many selectors must not flood a resolver
 * or trip its rate limits); the rest wait in order. A caller whose signal aborts while waiting is
 * rejected at once and its lookup never starts.
 * @example const resolver = withConcurrencyLimit(stub, 8);
 */
export function withConcurrencyLimit(resolver: Resolver, limit: number): Resolver {
  const run = limitConcurrency(checkLimit('limit', limit, 1, 10_000));
  return {
    resolve(name: string, type: RRType, options: ResolveOptions = {}): Promise<DnsAnswer> {
      const { signal } = options;
      const task = run(() => {
        signal?.throwIfAborted();
        return resolver.resolve(name, type, options);
      });
      if (!signal) return task;
      return new Promise<DnsAnswer>((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        if (signal.aborted) onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        task.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
      });
    },
  };
}
