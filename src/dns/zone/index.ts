export {
  parseZoneFile,
  zoneFromRecords,
  ZoneSyntaxError,
  type ParseZoneOptions,
  type Zone,
  type ZoneRecordInput,
} from './zone.ts';
export { answerFromZones, answerQuery, type ZoneResponse } from './lookup.ts';
export { findFault, type DnsFault, type DnsFaultKind } from './fault.ts';
