import { systemClock, type Clock } from '../base/clock.ts';
import { answerWithoutQuery } from './no-answer.ts';
import { assertNever } from '../base/assert-never.ts';
import { resolveFollowingCnames, type Exchanger } from './follow-cnames.ts';
import { normalizeQueryName } from './name.ts';
import type { DnsAnswer, DnsExchange, Resolver, RRType } from './types.ts';
import { findFault, type DnsFault } from './zone/fault.ts';
import { answerFromZones } from './zone/lookup.ts';
import type { Zone } from './zone/zone.ts';

/** Options of {@link createMemoryResolver}. */
export interface MemoryResolverOptions {
  /** For `sentAt` and `elapsedMs` (default the system clock). */
  clock?: Clock;
  /** Misbehaviours to apply, as the embedded server would. */
  faults?: DnsFault[];
}

/** The `server` of every exchange answered from memory. */
const SERVER = 'memory';

/**
 * A {@link Resolver} over in-memory zones for fast protocol tests. It answers through
 * {@link answerFromZones} and follows CNAMEs with {@link resolveFollowingCnames}, so it gives the
 * same statuses, chains and negative TTLs as the stub resolver asking the embedded server. Faults
 * apply as on the server: `truncate-always` has no effect (the stub resolver retries over TCP).
 * The `zones` array is read on every query, so a test may change it between lookups.
 * @example const resolver = createMemoryResolver([parseZoneFile(text)]);
 */
export function createMemoryResolver(zones: Zone[], options: MemoryResolverOptions = {}): Resolver {
  const clock = options.clock ?? systemClock;
  const faults = options.faults ?? [];

  const exchange: Exchanger = async (name, type) => {
    const start = clock.monotonic();
    const base = { name, type, server: SERVER, transport: 'memory' as const, sentAt: clock.now() };
    const fault = findFault(faults, name, type);
    const failed = (error: string): DnsExchange => ({
      ...base,
      elapsedMs: clock.monotonic() - start,
      rcode: null,
      flags: null,
      answers: [],
      authority: [],
      error,
    });
    let response = answerFromZones(zones, name, type);
    if (fault) {
      switch (fault.fault) {
        case 'timeout':
          return failed('timed out');
        case 'garbage':
          return failed('malformed response: not a DNS message');
        case 'servfail':
        case 'refused':
        case 'formerr':
          response = {
            rcode:
              fault.fault === 'servfail'
                ? 'SERVFAIL'
                : fault.fault === 'refused'
                  ? 'REFUSED'
                  : 'FORMERR',
            aa: false,
            answers: [],
            authority: [],
            additional: [],
          };
          break;
        case 'truncate-always':
          break;
        default:
          assertNever(fault.fault, 'fault');
      }
    }
    return {
      ...base,
      elapsedMs: clock.monotonic() - start,
      rcode: response.rcode,
      flags: { aa: response.aa, tc: false, rd: true, ra: false },
      // Copies, as a decoded packet would be: callers may not mutate the zones through answers.
      answers: structuredClone(response.answers),
      authority: structuredClone(response.authority),
    };
  };

  return {
    async resolve(name: string, type: RRType, resolveOptions = {}): Promise<DnsAnswer> {
      // Same order as the stub resolver: an invalid name is an answer, before any abort check.
      const check = normalizeQueryName(name);
      if (!check.ok) {
        return answerWithoutQuery(name, type, 'error', check.reason);
      }
      resolveOptions.signal?.throwIfAborted();
      return resolveFollowingCnames(exchange, check.name, type, clock, resolveOptions.signal);
    },
  };
}
