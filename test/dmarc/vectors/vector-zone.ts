import { createMemoryResolver } from '../../../src/dns/memory-resolver.ts';
import type { DnsAnswer, Resolver, RRType } from '../../../src/dns/types.ts';
import type { DnsFault } from '../../../src/dns/zone/fault.ts';
import { zoneFromRecords, type ZoneRecordInput } from '../../../src/dns/zone/zone.ts';

/** One recorded query of a mailauth vector. */
export interface VectorDns {
  name: string;
  type: string;
  answer?: string[][];
  error?: string;
}

/** The zone of a vector as the MANIFEST describes it: name -> { TXT: [[strings]], A: [...], MX: [...] }. */
export type VectorZone = Record<
  string,
  {
    TXT?: string[][];
    A?: string[];
    AAAA?: string[];
    MX?: Array<{ priority: number; exchange: string }>;
  }
>;

/**
 * A resolver for one recorded call, over a root zone so any name not in the data is NXDOMAIN (the
 * MANIFEST's rule for names mailauth did not ask). With a declared zone it is used as is;
 * otherwise the recorded answers become records: ENOTFOUND stays absent (NXDOMAIN), ENODATA and
 * an empty answer become NODATA (an A record at the name), ETIMEOUT and ESERVFAIL become faults.
 * Every query is recorded in `calls`.
 */
export function vectorResolver(
  zone: VectorZone | undefined,
  dns: VectorDns[],
): { resolver: Resolver; calls: Array<{ name: string; type: RRType }> } {
  const records: ZoneRecordInput[] = [];
  const faults: DnsFault[] = [];
  if (zone) {
    for (const [name, sets] of Object.entries(zone)) {
      for (const strings of sets.TXT ?? [])
        records.push({ name: `${name}.`, type: 'TXT', data: strings });
      for (const a of sets.A ?? []) records.push({ name: `${name}.`, type: 'A', data: a });
      for (const a of sets.AAAA ?? []) records.push({ name: `${name}.`, type: 'AAAA', data: a });
      for (const mx of sets.MX ?? []) {
        records.push({ name: `${name}.`, type: 'MX', data: `${mx.priority} ${mx.exchange}.` });
      }
    }
  } else {
    for (const q of dns) {
      if (q.error === 'ETIMEOUT') faults.push({ name: q.name, fault: 'timeout' });
      else if (q.error === 'ESERVFAIL') faults.push({ name: q.name, fault: 'servfail' });
      else if (q.error === 'ENODATA' || (q.answer && q.answer.length === 0)) {
        records.push({ name: `${q.name}.`, type: 'A', data: '192.0.2.1' });
      } else if (q.answer) {
        for (const strings of q.answer) {
          records.push({ name: `${q.name}.`, type: q.type as RRType, data: strings });
        }
      }
    }
  }
  const inner = createMemoryResolver([zoneFromRecords('', records)], { faults });
  const calls: Array<{ name: string; type: RRType }> = [];
  return {
    calls,
    resolver: {
      resolve(name: string, type: RRType): Promise<DnsAnswer> {
        calls.push({ name, type });
        return inner.resolve(name, type);
      },
    },
  };
}
