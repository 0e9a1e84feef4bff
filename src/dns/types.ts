/**
 * DNS answers as values. A lookup never throws for a DNS outcome: NXDOMAIN, NODATA, SERVFAIL,
 * REFUSED, a timeout or a garbage packet are all statuses a protocol maps to its own verdict.
 */

/** Record types mxray asks for. */
export type RRType =
  | 'A'
  | 'AAAA'
  | 'CNAME'
  | 'MX'
  | 'NS'
  | 'PTR'
  | 'SOA'
  | 'TXT'
  | 'SPF'
  | 'CAA'
  | 'TLSA'
  | 'SRV'
  | 'DS'
  | 'DNSKEY';

/** The response code of a DNS message (RFC 1035 4.1.1, RFC 6895), as its mnemonic. */
export type Rcode =
  | 'NOERROR'
  | 'FORMERR'
  | 'SERVFAIL'
  | 'NXDOMAIN'
  | 'NOTIMP'
  | 'REFUSED'
  | 'YXDOMAIN'
  | 'YXRRSET'
  | 'NXRRSET'
  | 'NOTAUTH'
  | 'NOTZONE'
  | 'BADVERS';

/**
 * What a lookup came to, as one word a protocol can switch over:
 * - `ok`: records of the asked type exist (after following any CNAME chain);
 * - `nodata`: the name exists but has no record of that type (NOERROR, empty answer; RFC 2308 2.2);
 * - `nxdomain`: the name does not exist (RFC 2308 2.1);
 * - `servfail`, `refused`: the server answered with that rcode;
 * - `timeout`: no server answered in time after retries;
 * - `error`: any other failure (network error, malformed response, other rcode, invalid name);
 * - `cname-loop`, `cname-too-long`: the CNAME chain loops or is longer than the hop limit.
 */
export type DnsStatus =
  | 'ok'
  | 'nodata'
  | 'nxdomain'
  | 'servfail'
  | 'refused'
  | 'timeout'
  | 'error'
  | 'cname-loop'
  | 'cname-too-long';

/** Statuses that mean "we could not find out", never "it is not there". */
export const TEMPORARY_STATUSES: ReadonlySet<DnsStatus> = new Set([
  'servfail',
  'refused',
  'timeout',
  'error',
]);

export type RecordData =
  | { type: 'A'; address: string }
  | { type: 'AAAA'; address: string }
  | { type: 'CNAME'; target: string }
  | { type: 'NS'; target: string }
  | { type: 'PTR'; target: string }
  | { type: 'MX'; preference: number; exchange: string }
  /** TXT and SPF: the character-strings as sent; join them with {@link txtValue}. */
  | { type: 'TXT'; strings: string[] }
  | { type: 'SPF'; strings: string[] }
  | {
      type: 'SOA';
      mname: string;
      rname: string;
      serial: number;
      refresh: number;
      retry: number;
      expire: number;
      minimum: number;
    }
  | { type: 'CAA'; flags: number; tag: string; value: string }
  | { type: 'SRV'; priority: number; weight: number; port: number; target: string }
  /** Any other type, kept as presentation text for evidence. */
  | { type: 'OTHER'; rrtype: string; text: string };

/** One resource record. Names are lower-case A-labels without the trailing dot. */
export interface DnsRecord {
  name: string;
  ttl: number;
  data: RecordData;
}

/** Header flags of a response (RFC 1035 4.1.1). */
export interface DnsFlags {
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
}

/**
 * One query sent to one server and what came back: the unit of evidence a person can paste into
 * a support ticket (see `formatTranscript`).
 */
export interface DnsExchange {
  name: string;
  type: RRType;
  /** `host:port` of the server asked (`[::1]:53` for IPv6), or `memory` for in-memory zones. */
  server: string;
  transport: 'udp' | 'tcp' | 'memory';
  /** Epoch milliseconds when the query was sent (from the injected clock). */
  sentAt: number;
  elapsedMs: number;
  /** Null when no response arrived (timeout, network error). */
  rcode: Rcode | null;
  flags: DnsFlags | null;
  answers: DnsRecord[];
  authority: DnsRecord[];
  /** Why there is no usable response, in plain words ("timed out after 2 tries of 2000 ms"). */
  error?: string;
}

/** One CNAME hop followed during a lookup. */
export interface CnameHop {
  from: string;
  to: string;
  ttl: number;
}

/** The result of resolving one name and type, with every CNAME followed. */
export interface DnsAnswer {
  /** The name asked for (normalised). */
  name: string;
  type: RRType;
  status: DnsStatus;
  /** The rcode of the last response, or null when none arrived. */
  rcode: Rcode | null;
  /** Records of the asked type at the end of the chain (empty unless status is `ok`). */
  records: DnsRecord[];
  /** CNAME hops from `name` to `finalName`, in order. */
  chain: CnameHop[];
  /** The name whose records (or absence) this answer is about: the last CNAME target, or `name`. */
  finalName: string;
  /** True when the last response had the AA flag. */
  authoritative: boolean;
  /** The server of the last response. */
  server: string | null;
  /** Total time of the lookup, all exchanges included. */
  elapsedMs: number;
  /** Negative-caching TTL (SOA minimum, RFC 2308 5) for nxdomain and nodata, when known. */
  negativeTtl?: number;
  /** Every query sent to produce this answer, in order. */
  exchanges: DnsExchange[];
  /** Plain words for a non-ok status ("SERVFAIL from 127.0.0.1:53"). */
  error?: string;
}

export interface ResolveOptions {
  signal?: AbortSignal;
}

/**
 * The DNS port. Protocol code receives one and never opens a socket. Implementations: the UDP/TCP
 * stub resolver (`dns/net`), in-memory zones (`dns/memory-resolver`), and decorators that compose
 * (cache, concurrency limit, transcript).
 *
 * `resolve` must not reject for DNS outcomes; it rejects only for programmer errors or an abort.
 */
export interface Resolver {
  resolve(name: string, type: RRType, options?: ResolveOptions): Promise<DnsAnswer>;
}

/** The joined value of a TXT record (RFC 7208 3.3, RFC 6376 3.6.2.2: concatenated without spaces). */
export function txtValue(record: DnsRecord): string {
  return record.data.type === 'TXT' || record.data.type === 'SPF'
    ? record.data.strings.join('')
    : '';
}

/** The joined values of every TXT record of an answer. */
export function txtValues(answer: DnsAnswer): string[] {
  return answer.records.map(txtValue);
}
