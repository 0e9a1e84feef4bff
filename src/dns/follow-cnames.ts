import type { Clock } from '../base/clock.ts';
import { canonicalName } from './name.ts';
import type { CnameHop, DnsAnswer, DnsExchange, DnsRecord, DnsStatus, RRType } from './types.ts';

/** RFC 1034 3.6.2 allows chains; we stop at 8 hops, like the audit promises, to catch loops early. */
export const MAX_CNAME_HOPS = 8;

/** The type of a record; types we keep as presentation text (TLSA, DS, DNSKEY) are `OTHER` data. */
const typeOf = (record: DnsRecord): string =>
  record.data.type === 'OTHER' ? record.data.rrtype : record.data.type;

/** Sends one query to one server (or zone set) and returns what came back, never rejecting. */
export type Exchanger = (name: string, type: RRType, signal?: AbortSignal) => Promise<DnsExchange>;

/**
 * Resolves `name`/`type` with one or more exchanges, following CNAME chains whether the server
 * sends the whole chain (a recursive resolver) or only the first CNAME (an authoritative server
 * for a zone that does not hold the target). Detects loops and chains over {@link MAX_CNAME_HOPS}.
 */
export async function resolveFollowingCnames(
  exchange: Exchanger,
  name: string,
  type: RRType,
  clock: Clock,
  signal?: AbortSignal,
): Promise<DnsAnswer> {
  const start = clock.monotonic();
  const exchanges: DnsExchange[] = [];
  const chain: CnameHop[] = [];
  const seen = new Set<string>([name]);
  let current = name;

  const finish = (
    status: DnsStatus,
    last: DnsExchange | undefined,
    records: DnsRecord[],
    error?: string,
  ): DnsAnswer => {
    const answer: DnsAnswer = {
      name,
      type,
      status,
      rcode: last?.rcode ?? null,
      records,
      chain,
      finalName: current,
      authoritative: last?.flags?.aa ?? false,
      server: last?.server ?? null,
      elapsedMs: clock.monotonic() - start,
      exchanges,
    };
    if (error !== undefined) answer.error = error;
    const soa = last?.authority.find((r) => r.data.type === 'SOA');
    if (soa && soa.data.type === 'SOA' && (status === 'nodata' || status === 'nxdomain')) {
      // RFC 2308 5: the negative TTL is the lesser of the SOA's TTL and its MINIMUM field.
      answer.negativeTtl = Math.min(soa.ttl, soa.data.minimum);
    }
    return answer;
  };

  for (;;) {
    const ex = await exchange(current, type, signal);
    exchanges.push(ex);
    if (ex.rcode === null)
      return finish(ex.error?.includes('timed out') ? 'timeout' : 'error', ex, [], ex.error);

    // Walk the CNAMEs the response itself carries, in order (a recursive resolver sends the chain).
    let walked = true;
    while (walked) {
      walked = false;
      if (type === 'CNAME') break;
      const cname = ex.answers.find(
        (r) => r.data.type === 'CNAME' && canonicalName(r.name) === current,
      );
      if (cname && cname.data.type === 'CNAME') {
        const to = canonicalName(cname.data.target);
        chain.push({ from: current, to, ttl: cname.ttl });
        if (seen.has(to)) {
          current = to;
          return finish('cname-loop', ex, [], `the CNAME chain loops back to ${to}`);
        }
        if (chain.length > MAX_CNAME_HOPS) {
          current = to;
          return finish(
            'cname-too-long',
            ex,
            [],
            `the CNAME chain is longer than ${MAX_CNAME_HOPS} hops`,
          );
        }
        seen.add(to);
        current = to;
        walked = true;
      }
    }

    const records = ex.answers.filter(
      (r) => canonicalName(r.name) === current && typeOf(r) === type,
    );
    if (records.length > 0) return finish('ok', ex, records);

    switch (ex.rcode) {
      case 'NOERROR':
        break;
      case 'NXDOMAIN':
        // After a CNAME the NXDOMAIN is about the target: the chain dangles (RFC 6604 clarifies the rcode).
        return finish(
          'nxdomain',
          ex,
          [],
          chain.length > 0 ? `${current} does not exist (NXDOMAIN)` : undefined,
        );
      case 'SERVFAIL':
        return finish('servfail', ex, [], `SERVFAIL from ${ex.server} for ${current} ${type}`);
      case 'REFUSED':
        return finish('refused', ex, [], `${ex.server} REFUSED the query for ${current} ${type}`);
      default:
        return finish('error', ex, [], `${ex.rcode} from ${ex.server} for ${current} ${type}`);
    }

    // NOERROR with no records for `current`: if the last hop was a CNAME the server did not follow
    // (outside its zones), ask again for the target; otherwise it is NODATA.
    const lastHop = chain[chain.length - 1];
    const answeredCurrent = ex.answers.some((r) => canonicalName(r.name) === current);
    if (
      lastHop &&
      lastHop.to === current &&
      !answeredCurrent &&
      canonicalName(ex.name) !== current
    ) {
      continue;
    }
    return finish('nodata', ex, []);
  }
}
