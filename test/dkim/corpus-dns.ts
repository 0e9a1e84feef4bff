import { createMemoryResolver } from '../../src/dns/memory-resolver.ts';
import type { Resolver } from '../../src/dns/types.ts';
import type { DnsFault } from '../../src/dns/zone/fault.ts';
import { zoneFromRecords, type Zone } from '../../src/dns/zone/zone.ts';

/** A corpus's DNS: name -> TXT text, null (NXDOMAIN) or a DNS error. */
export type CorpusDns = Record<string, string | null | { error: string }>;

/** The zone and faults that serve a corpus's key records (TXT split into 255-byte strings). */
export function corpusZone(dns: CorpusDns): { zone: Zone; faults: DnsFault[] } {
  const records = [];
  const faults: DnsFault[] = [];
  for (const [rawName, value] of Object.entries(dns)) {
    const name = rawName.replace(/\.$/, '');
    // A name no zone can hold (dkimpy's "legitimate.com(.attacker.com") simply does not exist.
    if (value === null || !/^[a-z0-9_.-]+$/i.test(name)) continue;
    if (typeof value === 'object') {
      faults.push({ name, fault: /timed out/i.test(value.error) ? 'timeout' : 'servfail' });
      continue;
    }
    const strings: string[] = [];
    for (let i = 0; i < value.length; i += 255) strings.push(value.slice(i, i + 255));
    records.push({
      name: `${name}.`,
      type: 'TXT' as const,
      data: { type: 'TXT' as const, strings: strings.length ? strings : [''] },
    });
  }
  return { zone: zoneFromRecords('', records), faults };
}

/** An in-memory resolver serving a corpus's DNS. */
export function corpusResolver(dns: CorpusDns): Resolver {
  const { zone, faults } = corpusZone(dns);
  return createMemoryResolver([zone], { faults });
}
