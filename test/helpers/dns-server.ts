import { createStubResolver } from '../../src/dns/net/stub-resolver.ts';
import { startDnsServer, type DnsServer } from '../../src/dns/server/index.ts';
import type { Resolver } from '../../src/dns/types.ts';
import type { DnsFault } from '../../src/dns/zone/fault.ts';
import type { Zone } from '../../src/dns/zone/zone.ts';

/** The embedded server on loopback and a stub resolver pointed at it. */
export interface TestDns {
  server: DnsServer;
  /** A stub resolver asking only `server`: 300 ms timeout, one try, so failures are quick. */
  resolver: Resolver;
  close(): Promise<void>;
}

/**
 * Starts the embedded DNS server with `zones` on a free loopback port (127.0.0.1 unless `host`)
 * for integration tests through real sockets.
 * @example const dns = await startTestDns([zone(`...`)]); try { ... } finally { await dns.close(); }
 */
export async function startTestDns(
  zones: Zone[],
  options: { faults?: DnsFault[]; host?: string } = {},
): Promise<TestDns> {
  const server = await startDnsServer({
    zones,
    ...(options.host ? { host: options.host } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
  });
  const resolver = createStubResolver({ servers: [server.address], timeoutMs: 300, tries: 1 });
  return { server, resolver, close: () => server.close() };
}
