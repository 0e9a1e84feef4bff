import type { DnsRecord } from '../types.ts';

export { ZoneSyntaxError } from './zone-syntax-error.ts';
export { parseZoneFile, type ParseZoneOptions } from './parse-zone-file.ts';
export { zoneFromRecords, type ZoneRecordInput } from './from-records.ts';

/**
 * An authoritative zone: everything at or below `origin` that we serve. The same value feeds the
 * in-memory resolver (fast protocol tests) and the embedded DNS server (integration tests, demo).
 */
export interface Zone {
  /** '' for the root zone, else a lower-case A-label name without the trailing dot. */
  origin: string;
  /** Records with lower-case names, all at or below `origin`. */
  records: DnsRecord[];
}
