import type { Clock } from '../base/clock.ts';
import { checkLimit } from '../base/limits.ts';
import { toAsciiName } from './name.ts';
import {
  TEMPORARY_STATUSES,
  type DnsAnswer,
  type ResolveOptions,
  type Resolver,
  type RRType,
} from './types.ts';

export interface CacheOptions {
  clock: Clock;
  /** LRU bound, default 10,000 answers: a long audit or monitor run cannot grow memory without end. */
  maxEntries?: number;
  /** Upper bound on any TTL in seconds, default 86,400 (RFC 2308 5 suggests one to three hours for negative answers; a day bounds staleness). */
  maxTtl?: number;
  /** Seconds to keep temporary failures (servfail, refused, timeout, error); default 0, not cached. */
  failureTtl?: number;
}

interface Entry {
  answer: DnsAnswer;
  expiresAt: number;
}

interface Flight {
  promise: Promise<DnsAnswer>;
  controller: AbortController;
  /** Callers that can still use the answer; when the last one aborts, the lookup is aborted. */
  waiting: number;
}

/** Seconds the answer may be reused, before the `maxTtl` cap. */
function answerTtl(answer: DnsAnswer, failureTtl: number): number {
  if (TEMPORARY_STATUSES.has(answer.status)) return failureTtl;
  const hops = answer.chain.map((h) => h.ttl);
  switch (answer.status) {
    case 'ok':
      return Math.min(...answer.records.map((r) => r.ttl), ...hops);
    case 'nodata':
    case 'nxdomain':
      // RFC 2308 5: negative answers without an SOA should not be cached.
      return Math.min(answer.negativeTtl ?? 0, ...hops);
    case 'cname-loop':
    case 'cname-too-long':
      return hops.length > 0 ? Math.min(...hops) : 0;
    default:
      return 0;
  }
}

/**
 * Caches answers by name and type for the smallest TTL among their records and CNAME hops, and
 * negative answers for their negative TTL (RFC 2308 5). Two concurrent asks for the same key share
 * one lookup. The cached answer is returned as it was, with its original exchanges as evidence
 * (treat answers as immutable). Times come from the injected clock.
 * @example const resolver = withCache(createStubResolver({ servers }), { clock: systemClock });
 */
export function withCache(resolver: Resolver, options: CacheOptions): Resolver {
  const { clock } = options;
  const maxEntries = checkLimit('maxEntries', options.maxEntries ?? 10_000, 1, 10_000_000);
  const maxTtl = checkLimit('maxTtl', options.maxTtl ?? 86_400, 0, 2_147_483_647);
  const failureTtl = checkLimit('failureTtl', options.failureTtl ?? 0, 0, 2_147_483_647);
  const entries = new Map<string, Entry>();
  const flights = new Map<string, Flight>();

  const store = (key: string, answer: DnsAnswer) => {
    const ttl = Math.min(answerTtl(answer, failureTtl), maxTtl);
    if (!(ttl > 0)) return;
    entries.delete(key);
    entries.set(key, { answer, expiresAt: clock.now() + ttl * 1000 });
    // A Map iterates in insertion order, so the first key is the least recently used.
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next();
      if (oldest.done) break;
      entries.delete(oldest.value);
    }
  };

  const fresh = (key: string): DnsAnswer | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    entries.delete(key);
    if (entry.expiresAt <= clock.now()) return undefined;
    entries.set(key, entry);
    return entry.answer;
  };

  const start = (key: string, name: string, type: RRType): Flight => {
    const controller = new AbortController();
    const flight: Flight = {
      controller,
      waiting: 0,
      promise: resolver
        .resolve(name, type, { signal: controller.signal })
        .then((answer) => {
          if (!controller.signal.aborted) store(key, answer);
          return answer;
        })
        .finally(() => {
          if (flights.get(key) === flight) flights.delete(key);
        }),
    };
    flight.promise.catch(() => {});
    flights.set(key, flight);
    return flight;
  };

  const join = (key: string, flight: Flight, signal?: AbortSignal): Promise<DnsAnswer> => {
    flight.waiting++;
    if (!signal) return flight.promise;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        flight.waiting--;
        if (flight.waiting === 0) {
          if (flights.get(key) === flight) flights.delete(key);
          flight.controller.abort(signal.reason);
        }
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      flight.promise.then(
        (answer) => {
          signal.removeEventListener('abort', onAbort);
          resolve(answer);
        },
        (err: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(err);
        },
      );
    });
  };

  return {
    resolve(name: string, type: RRType, resolveOptions: ResolveOptions = {}) {
      const { signal } = resolveOptions;
      if (signal?.aborted) return Promise.reject(signal.reason);
      const key = `${toAsciiName(name) ?? name} ${type}`;
      const hit = fresh(key);
      if (hit) return Promise.resolve(hit);
      return join(key, flights.get(key) ?? start(key, name, type), signal);
    },
  };
}
