import { normalizeQueryName } from '../../src/dns/name.ts';
import type { DnsFault } from '../../src/dns/zone/fault.ts';
import { zoneFromRecords, type Zone, type ZoneRecordInput } from '../../src/dns/zone/zone.ts';
import type { RRType } from '../../src/dns/types.ts';

/** One openspf scenario's `zonedata`: name -> list of `{TYPE: value}` or the string `TIMEOUT`. */
export type OpenspfZoneData = Record<string, Array<Record<string, unknown> | string>>;

const ALL_TYPES: RRType[] = ['A', 'AAAA', 'MX', 'PTR', 'TXT', 'SPF', 'CNAME'];

/**
 * Converts `zonedata` to one root zone plus faults, following the suite's driver conventions
 * (MANIFEST.md): SPF records are also served as TXT unless the name lists TXT itself, `TXT: NONE`
 * means no TXT, and `TIMEOUT` makes every type without a record listed before it time out.
 */
export function openspfZone(zonedata: OpenspfZoneData): {
  zone: Zone;
  faults: DnsFault[];
  skipped: string[];
} {
  const records: ZoneRecordInput[] = [];
  const faults: DnsFault[] = [];
  const skipped: string[] = [];
  for (const [rawName, entries] of Object.entries(zonedata)) {
    // Names no resolver can ask for (labels over 63 octets, non-printable bytes) stay out of the zone.
    if (!normalizeQueryName(rawName).ok) {
      skipped.push(rawName);
      continue;
    }
    const name = `${rawName.replace(/\.$/, '')}.`;
    const typesSeen = new Set<string>();
    const hasTxt = entries.some((e) => typeof e === 'object' && 'TXT' in e);
    for (const entry of entries) {
      if (entry === 'TIMEOUT') {
        for (const type of ALL_TYPES) {
          if (!typesSeen.has(type) && !(type === 'TXT' && typesSeen.has('SPF') && !hasTxt)) {
            faults.push({ name: rawName, type, fault: 'timeout' });
          }
        }
        continue;
      }
      if (typeof entry !== 'object') throw new Error(`unexpected zonedata entry ${String(entry)}`);
      for (const [type, value] of Object.entries(entry)) {
        // `TXT: NONE` lists no record, so a later TIMEOUT still applies to TXT.
        if (type === 'TXT' && value === 'NONE') continue;
        typesSeen.add(type);
        switch (type) {
          case 'A':
          case 'AAAA':
            records.push({ name, type, data: { type, address: String(value) } });
            break;
          case 'MX': {
            const [preference, exchange] = value as [number, string];
            records.push({
              name,
              type,
              data: { type, preference, exchange: exchange.replace(/\.$/, '') },
            });
            break;
          }
          case 'PTR':
          case 'CNAME':
            records.push({ name, type, data: { type, target: String(value).replace(/\.$/, '') } });
            break;
          case 'TXT':
          case 'SPF': {
            const strings = Array.isArray(value) ? value.map(String) : [String(value)];
            records.push({ name, type, data: { type, strings } });
            // The suite's "auto-magic duplication": SPF is served as TXT when no TXT is listed.
            if (type === 'SPF' && !hasTxt)
              records.push({ name, type: 'TXT', data: { type: 'TXT', strings } });
            break;
          }
          default:
            throw new Error(`unsupported zonedata type ${type}`);
        }
      }
    }
  }
  return { zone: zoneFromRecords('', records), faults, skipped };
}
