import type { DnsAnswer, ResolveOptions, Resolver, RRType } from '../../../src/dns/types.ts';

/**
 * Wraps a real resolver and counts the lookups that reach it, optionally holding each one until
 * `release()` or delaying it by `delayMs`, so a test can start concurrent asks before any finishes.
 */
export function counting(resolver: Resolver, options: { hold?: boolean; delayMs?: number } = {}) {
  const calls: Array<{ name: string; type: RRType; signal?: AbortSignal }> = [];
  let active = 0;
  let peak = 0;
  const held: Array<() => void> = [];
  return {
    calls,
    peak: () => peak,
    release: () => held.splice(0).forEach((go) => go()),
    resolver: {
      async resolve(name: string, type: RRType, opts: ResolveOptions = {}): Promise<DnsAnswer> {
        calls.push({ name, type, ...(opts.signal ? { signal: opts.signal } : {}) });
        active++;
        peak = Math.max(peak, active);
        try {
          if (options.hold) await new Promise<void>((go) => held.push(go));
          if (options.delayMs) await new Promise((go) => setTimeout(go, options.delayMs));
          opts.signal?.throwIfAborted();
          return await resolver.resolve(name, type, opts);
        } finally {
          active--;
        }
      },
    } satisfies Resolver,
  };
}
