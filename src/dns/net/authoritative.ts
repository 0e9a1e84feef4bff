import { systemClock, type Clock } from '../../base/clock.ts';
import { checkLimit } from '../../base/limits.ts';
import { resolveFollowingCnames, type Exchanger } from '../follow-cnames.ts';
import { normalizeQueryName } from '../name.ts';
import type { DnsExchange, Resolver, RRType } from '../types.ts';
import { compareNameservers, type AuthoritativeComparison } from './compare-nameservers.ts';
import { DEFAULT_TIMEOUT_MS } from './exchange.ts';
import { findNameservers } from './find-nameservers.ts';
import { exchangeWithServers, type RotationOptions } from './rotation.ts';
import { DNS_PORT } from './server-address.ts';
import { invalidNameAnswer } from './stub-resolver.ts';
import { lameCheck, serversOf, unsentExchange } from './zone-servers.ts';

export type { AuthoritativeComparison } from './compare-nameservers.ts';
export { findNameservers, type NameserverSet } from './find-nameservers.ts';

export interface AuthoritativeOptions {
  /** Finds zone cuts, NS sets and nameserver addresses. */
  recursive: Resolver;
  clock?: Clock;
  /** Port of the authoritative servers; default 53 (tests use the embedded server's port). */
  port?: number;
  /** Per try, default 2000 ms. */
  timeoutMs?: number;
  /** Rounds through the zone's servers, default 2. */
  tries?: number;
}

/**
 * A resolver that skips recursive caches and asks each zone's own nameservers (RD=0), following
 * CNAME targets into other zones by finding their nameservers too; the answer's exchanges hold
 * the discovery queries and the direct ones. `compare()` asks every nameserver and reports where
 * they disagree: a stale secondary is the classic cause of "it works for me".
 * @example const auth = createAuthoritativeResolver({ recursive: stub });
 *          const cmp = await auth.compare('selector1._domainkey.example.com', 'TXT');
 */
export function createAuthoritativeResolver(
  options: AuthoritativeOptions,
): Resolver & { compare(name: string, type: RRType): Promise<AuthoritativeComparison> } {
  const clock = options.clock ?? systemClock;
  const port = checkLimit('port', options.port ?? DNS_PORT, 1, 65_535);
  const rotation: RotationOptions = {
    clock,
    timeoutMs: checkLimit('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 1, 60_000),
    tries: checkLimit('tries', options.tries ?? 2, 1, 10),
    recursionDesired: false,
  };

  /** Asks the nameservers of whatever zone holds `name`; records every query in `sent`. */
  const zoneExchanger =
    (sent: DnsExchange[]): Exchanger =>
    async (name, type, signal) => {
      const set = await findNameservers(name, {
        recursive: options.recursive,
        ...(signal ? { signal } : {}),
      });
      sent.push(...set.exchanges);
      if ('error' in set) return unsentExchange(name, type, clock.now(), set.error);
      const servers = serversOf(set, port);
      if (servers.length === 0) {
        const error = `no nameserver of ${set.zone} has an address`;
        return unsentExchange(name, type, clock.now(), error);
      }
      return exchangeWithServers(servers, name, type, {
        ...rotation,
        ...(signal ? { signal } : {}),
        reject: lameCheck(set.zone),
        onAttempt: (ex) => sent.push(ex),
      });
    };

  return {
    async resolve(input, type, resolveOptions = {}) {
      const check = normalizeQueryName(input);
      if (!check.ok) return invalidNameAnswer(input, type, check.reason);
      const sent: DnsExchange[] = [];
      const answer = await resolveFollowingCnames(
        zoneExchanger(sent),
        check.name,
        type,
        clock,
        resolveOptions.signal,
      );
      return { ...answer, exchanges: sent };
    },
    compare: (name, type) =>
      compareNameservers(name, type, {
        recursive: options.recursive,
        clock,
        port,
        rotation,
        elsewhere: zoneExchanger,
      }),
  };
}
