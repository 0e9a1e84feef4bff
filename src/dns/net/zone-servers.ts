import type { DnsExchange, RRType } from '../types.ts';
import type { NameserverSet } from './find-nameservers.ts';
import { parseServerAddress, type ServerAddress } from './server-address.ts';

/** A summary exchange when no query could be sent (no zone, no nameserver address). */
export function unsentExchange(name: string, type: RRType, at: number, error: string): DnsExchange {
  return {
    name,
    type,
    server: 'none',
    transport: 'udp',
    sentAt: at,
    elapsedMs: 0,
    rcode: null,
    flags: null,
    answers: [],
    authority: [],
    error,
  };
}

/** The servers (address and port) of a nameserver set, in NS-name order. */
export function serversOf(set: NameserverSet, port: number): ServerAddress[] {
  return set.nameservers.flatMap((ns) => ns.addresses.map((a) => parseServerAddress(a, port)));
}

/** RFC 1034 4.3.1: an authoritative answer carries AA; without it the server is lame for the zone. */
export const lameCheck = (zone: string) => (exchange: DnsExchange) =>
  exchange.flags?.aa
    ? null
    : `lame delegation: ${exchange.server} answered for ${zone} without the AA flag (not authoritative)`;
