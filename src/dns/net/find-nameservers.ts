import { canonicalName, isSubdomainOf, normalizeQueryName } from '../name.ts';
import { TEMPORARY_STATUSES, type DnsExchange, type Resolver } from '../types.ts';

/** The nameservers of the zone that holds a name, as the recursive resolver sees them. */
export interface NameserverSet {
  /** The zone apex ('' never: we stop below the root). */
  zone: string;
  /** NS hosts sorted by name, each with its A then AAAA addresses (empty when it has none). */
  nameservers: Array<{ name: string; addresses: string[] }>;
  /** Every query sent to find them. */
  exchanges: DnsExchange[];
}

const parentOf = (name: string) => name.slice(name.indexOf('.') + 1);

/**
 * Finds the zone cut above `name` and its nameservers through a recursive resolver: SOA queries
 * walk up from the name until one is answered by the apex itself, or a negative answer names the
 * zone in its authority SOA (RFC 2308 3); then NS for the zone, then each host's A and AAAA.
 * @example const set = await findNameservers('_dmarc.example.com', { recursive });
 */
export async function findNameservers(
  name: string,
  options: { recursive: Resolver; signal?: AbortSignal },
): Promise<NameserverSet | { error: string; exchanges: DnsExchange[] }> {
  const { recursive } = options;
  const ask = options.signal ? { signal: options.signal } : {};
  const exchanges: DnsExchange[] = [];
  const check = normalizeQueryName(name);
  if (!check.ok) return { error: check.reason, exchanges };

  let zone: string | undefined;
  for (let candidate = check.name; zone === undefined; candidate = parentOf(candidate)) {
    const soa = await recursive.resolve(candidate, 'SOA', ask);
    exchanges.push(...soa.exchanges);
    if (TEMPORARY_STATUSES.has(soa.status)) {
      return {
        error: `could not find the zone of ${check.name}: ${soa.error ?? soa.status}`,
        exchanges,
      };
    }
    if (soa.chain.length === 0) {
      if (soa.status === 'ok' && soa.records.some((r) => r.name === candidate)) zone = candidate;
      if (soa.status === 'nodata' || soa.status === 'nxdomain') {
        const last = soa.exchanges[soa.exchanges.length - 1];
        const owner = last?.authority.find((r) => r.data.type === 'SOA')?.name;
        if (owner !== undefined && owner !== '' && isSubdomainOf(candidate, owner)) {
          zone = canonicalName(owner);
        }
      }
    }
    if (zone === undefined && !candidate.includes('.')) {
      return { error: `found no zone holding ${check.name} below the root`, exchanges };
    }
  }

  const ns = await recursive.resolve(zone, 'NS', ask);
  exchanges.push(...ns.exchanges);
  if (ns.status !== 'ok') {
    return {
      error: `no NS records for the zone ${zone} (${ns.error ?? ns.status})`,
      exchanges,
    };
  }
  const hosts = [
    ...new Set(ns.records.flatMap((r) => (r.data.type === 'NS' ? [r.data.target] : []))),
  ].sort();
  const lookups = await Promise.all(
    hosts.map(async (host) => {
      const [a, aaaa] = await Promise.all([
        recursive.resolve(host, 'A', ask),
        recursive.resolve(host, 'AAAA', ask),
      ]);
      return { host, answers: [a, aaaa] };
    }),
  );
  const nameservers = lookups.map(({ host, answers }) => {
    for (const answer of answers) exchanges.push(...answer.exchanges);
    const addresses = answers.flatMap((answer) =>
      answer.records.flatMap((r) =>
        r.data.type === 'A' || r.data.type === 'AAAA' ? [r.data.address] : [],
      ),
    );
    return { name: host, addresses };
  });
  return { zone, nameservers, exchanges };
}
