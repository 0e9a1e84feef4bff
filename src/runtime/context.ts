import type { Clock } from '../base/clock.ts';
import type { Logger } from '../base/logger.ts';
import type { NameserverComparer } from '../audit/nameservers.ts';
import type { Resolver } from '../dns/types.ts';
import type { PolicyFetcher } from '../mtasts/index.ts';

/**
 * Everything a use case needs from the outside world, chosen in one place. Surfaces (CLI, HTTP)
 * build a Context with {@link createContext} and pass it down; use cases never pick adapters.
 */
export interface Context {
  resolver: Resolver;
  clock: Clock;
  logger: Logger;
  /** Set in authoritative mode: asks every nameserver of a zone and compares their answers. */
  compareNameservers?: NameserverComparer;
  /** Fetches MTA-STS policies over HTTPS (`mxray check`); absent in library contexts. */
  fetcher?: PolicyFetcher;
}

export interface ContextOptions {
  /** DNS servers as `host`, `host:port` or `[v6]:port`; default: /etc/resolv.conf. */
  resolvers?: string[];
  /** Per-try DNS timeout in milliseconds. */
  dnsTimeoutMs?: number;
  /** Ask each zone's authoritative nameservers directly instead of the recursive resolver. */
  authoritative?: boolean;
  /** Port of the authoritative nameservers (53; tests use the embedded server's port). */
  authoritativePort?: number;
}
