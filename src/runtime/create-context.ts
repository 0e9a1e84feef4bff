import { systemClock } from '../base/clock.ts';
import { silentLogger } from '../base/logger.ts';
import { withCache } from '../dns/cache.ts';
import { withConcurrencyLimit } from '../dns/concurrency.ts';
import { createAuthoritativeResolver } from '../dns/net/authoritative.ts';
import { systemNameservers } from '../dns/net/resolv-conf.ts';
import { createStubResolver } from '../dns/net/stub-resolver.ts';
import type { Context, ContextOptions } from './context.ts';
import { createHttpsFetcher } from './https-fetcher.ts';

/** How many DNS queries one process keeps in flight at most (be polite to shared resolvers). */
const DNS_CONCURRENCY = 16;

/**
 * Builds the real {@link Context}: a stub resolver over UDP/TCP (servers from the options or
 * /etc/resolv.conf) behind a TTL cache and a concurrency limit, the system clock and a logger.
 */
export async function createContext(options: ContextOptions = {}): Promise<Context> {
  const clock = systemClock;
  const servers =
    options.resolvers && options.resolvers.length > 0
      ? options.resolvers
      : await systemNameservers();
  const stub = createStubResolver({
    servers,
    clock,
    ...(options.dnsTimeoutMs !== undefined ? { timeoutMs: options.dnsTimeoutMs } : {}),
  });
  const recursive = withCache(withConcurrencyLimit(stub, DNS_CONCURRENCY), { clock });
  // The policy host is resolved like everything else the audit looks up.
  const fetcher = createHttpsFetcher({ resolver: recursive });
  if (!options.authoritative) return { resolver: recursive, clock, logger: silentLogger, fetcher };
  const authoritative = createAuthoritativeResolver({
    recursive,
    clock,
    ...(options.authoritativePort !== undefined ? { port: options.authoritativePort } : {}),
    ...(options.dnsTimeoutMs !== undefined ? { timeoutMs: options.dnsTimeoutMs } : {}),
  });
  return {
    resolver: withCache(withConcurrencyLimit(authoritative, DNS_CONCURRENCY), { clock }),
    clock,
    logger: silentLogger,
    compareNameservers: (name, type) => authoritative.compare(name, type),
    fetcher,
  };
}
