import type { DnsRecord } from '../types.ts';
import type { Zone } from './zone.ts';

/** Timers of the SOA we make up for a zone that has none (RFC 1912 2.2 style values). */
const SYNTHETIC_SOA = { ttl: 3600, refresh: 3600, retry: 600, expire: 604800, minimum: 300 };

/**
 * The SOA at the zone apex, or a synthesised one so negative answers still carry a negative TTL
 * (RFC 2308 3) when a test zone does not bother to write one.
 */
export function zoneSoa(zone: Zone): DnsRecord {
  const found = zone.records.find((r) => r.name === zone.origin && r.data.type === 'SOA');
  if (found) return found;
  const base = zone.origin === '' ? 'localhost' : zone.origin;
  const { ttl, ...timers } = SYNTHETIC_SOA;
  return {
    name: zone.origin,
    ttl,
    data: { type: 'SOA', mname: `ns.${base}`, rname: `hostmaster.${base}`, serial: 1, ...timers },
  };
}

/**
 * The SOA as it goes in the authority section of a negative answer: RFC 2308 3, its TTL is the
 * lesser of its own TTL and its MINIMUM field.
 */
export function negativeSoa(zone: Zone): DnsRecord {
  const soa = zoneSoa(zone);
  const minimum = soa.data.type === 'SOA' ? soa.data.minimum : soa.ttl;
  return { ...soa, ttl: Math.min(soa.ttl, minimum) };
}

/** The zone's records, with the synthesised SOA added when the zone has none. */
export function recordsWithSoa(zone: Zone): DnsRecord[] {
  const soa = zoneSoa(zone);
  return zone.records.includes(soa) ? zone.records : [soa, ...zone.records];
}
