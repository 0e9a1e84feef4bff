import ipaddr from 'ipaddr.js';
import { limitConcurrency } from '../base/concurrency.ts';
import type { Resolver } from '../dns/types.ts';

/** Options of {@link createReverseNamer}. */
export interface ReverseNamerOptions {
  /** Lookups in flight at once (a big summary must not flood the resolver). */
  concurrency?: number;
  /** Give up on one name after this long: a slow PTR never stalls a summary or an ingest. */
  timeoutMs?: number;
}

/** The PTR query name of an IP (RFC 1035 3.5 in-addr.arpa, RFC 3596 2.5 ip6.arpa nibbles). */
export function reverseName(ip: string): string | null {
  if (!ipaddr.isValid(ip)) return null;
  const addr = ipaddr.parse(ip);
  if (addr.kind() === 'ipv4') return `${addr.toByteArray().reverse().join('.')}.in-addr.arpa`;
  const nibbles = addr
    .toByteArray()
    .flatMap((b) => [b >> 4, b & 15])
    .map((n) => n.toString(16));
  return `${nibbles.reverse().join('.')}.ip6.arpa`;
}

/**
 * Names IPs through the project's resolver, with a cache (one lookup per IP per namer), a
 * concurrency limit and a timeout. A PTR name counts only when it resolves back to the IP
 * (forward-confirmed reverse DNS): whoever runs an IP's reverse zone can write any name there, and
 * the summary recognises providers by that name. Never rejects: a failure, a timeout, no PTR or an
 * unconfirmed PTR is null.
 * @example const name = await createReverseNamer(resolver)('40.107.22.5');
 */
export function createReverseNamer(
  resolver: Resolver,
  options: ReverseNamerOptions = {},
): (ip: string) => Promise<string | null> {
  const run = limitConcurrency(options.concurrency ?? 8);
  const timeoutMs = options.timeoutMs ?? 2000;
  const cache = new Map<string, Promise<string | null>>();
  const lookup = async (ip: string): Promise<string | null> => {
    const name = reverseName(ip);
    if (!name) return null;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve(null);
      }, timeoutMs);
    });
    try {
      const answer = resolver
        .resolve(name, 'PTR', { signal: controller.signal })
        .then(async (a) => {
          const first = a.status === 'ok' ? a.records[0] : undefined;
          if (first?.data.type !== 'PTR') return null;
          return (await forwardConfirms(resolver, first.data.target, ip, controller.signal))
            ? first.data.target
            : null;
        })
        .catch(() => null);
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  return (ip) => {
    let found = cache.get(ip);
    if (!found) {
      found = run(() => lookup(ip));
      cache.set(ip, found);
    }
    return found;
  };
}

/** True when `name` has an A (IPv4) or AAAA (IPv6) record equal to `ip`. */
async function forwardConfirms(
  resolver: Resolver,
  name: string,
  ip: string,
  signal: AbortSignal,
): Promise<boolean> {
  const addr = ipaddr.process(ip);
  const type = addr.kind() === 'ipv4' ? 'A' : 'AAAA';
  const answer = await resolver.resolve(name, type, { signal });
  return answer.records.some(
    (r) =>
      (r.data.type === 'A' || r.data.type === 'AAAA') &&
      ipaddr.isValid(r.data.address) &&
      ipaddr.process(r.data.address).toNormalizedString() === addr.toNormalizedString(),
  );
}
