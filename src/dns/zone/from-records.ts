import { canonicalName, isSubdomainOf } from '../name.ts';
import type { DnsRecord, RecordData, RRType } from '../types.ts';
import { absoluteName, MAX_TTL, originName, type Fail } from './presentation.ts';
import { isZoneType, parseRdata } from './rdata.ts';
import { tokenizeZone } from './tokenize.ts';
import type { Zone } from './zone.ts';
import { ZoneSyntaxError } from './zone-syntax-error.ts';

/** One record for {@link zoneFromRecords}. */
export interface ZoneRecordInput {
  /** Relative to the origin, `@` for the origin, or absolute with a trailing dot. */
  name: string;
  type: RRType;
  /** Default 3600. */
  ttl?: number;
  /**
   * The data as a value, as presentation text (`'10 mx.example.com.'`; relative names are
   * relative to the origin), or for TXT/SPF the character-strings.
   */
  data: RecordData | string | string[];
}

const DEFAULT_TTL = 3600;

/**
 * Builds a zone from plain objects, for tests that prefer data to zone-file text. A name that
 * already ends with the origin (`mail.example.com` in `example.com`) is taken as absolute, since
 * nobody means `mail.example.com.example.com`.
 * @example zoneFromRecords('example.com', [{ name: '_dmarc', type: 'TXT', data: 'v=DMARC1; p=none' }])
 */
export function zoneFromRecords(origin: string, records: ZoneRecordInput[]): Zone {
  const fileName = `records of ${origin || '.'}`;
  const at =
    (index: number): Fail =>
    (message) => {
      throw new ZoneSyntaxError(`record ${index + 1}: ${message}`, 0, fileName);
    };
  const zoneOrigin = originName(origin, at(-1));
  const resolve = (name: string, fail: Fail): string =>
    name !== '@' &&
    !name.endsWith('.') &&
    isSubdomainOf(name.toLowerCase(), zoneOrigin) &&
    zoneOrigin !== ''
      ? absoluteName(`${name}.`, zoneOrigin, 0, fail)
      : absoluteName(name, zoneOrigin, 0, fail);

  const out = records.map((input, index): DnsRecord => {
    const fail = at(index);
    const name = resolve(input.name, fail);
    if (!isSubdomainOf(name, zoneOrigin))
      fail(`${name} is outside the zone ${zoneOrigin || '.'}`, 0);
    const ttl = input.ttl ?? DEFAULT_TTL;
    if (!Number.isInteger(ttl) || ttl < 0 || ttl > MAX_TTL) fail(`TTL ${ttl} is not valid`, 0);
    return { name, ttl, data: toData(input, zoneOrigin, fail) };
  });
  return { origin: zoneOrigin, records: out };
}

function toData(input: ZoneRecordInput, origin: string, fail: Fail): RecordData {
  const { type, data } = input;
  if (!isZoneType(type)) fail(`unsupported record type ${type}`, 0);
  if (typeof data === 'object' && !Array.isArray(data)) {
    if (data.type !== type) fail(`data of type ${data.type} given for a ${type} record`, 0);
    return canonicalData(data);
  }
  if (Array.isArray(data)) {
    if (type !== 'TXT' && type !== 'SPF') fail(`a string array is only valid for TXT and SPF`, 0);
    // Reuse the parser's checks (255-octet strings) by quoting each string.
    const quoted = data.map((s) => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(' ');
    return fromText(type as 'TXT' | 'SPF', quoted, origin, fail);
  }
  if ((type === 'TXT' || type === 'SPF') && !data.trimStart().startsWith('"')) {
    // Plain text is the record's value: split into 255-octet strings (RFC 1035 3.3.14), as
    // publishers do for long DKIM keys; the joined value is unchanged.
    return { type, strings: splitCharacterStrings(data) };
  }
  return fromText(type as Parameters<typeof parseRdata>[0], data, origin, fail);
}

function fromText(
  type: Parameters<typeof parseRdata>[0],
  text: string,
  origin: string,
  fail: Fail,
): RecordData {
  if (text.includes('\n')) fail('record data must be on one line', 0);
  const entries = tokenizeZone(text);
  const tokens = entries.flatMap((e) => e.tokens);
  return parseRdata(type, tokens, 0, { origin, fail });
}

/** Lower-cases the names inside data given as a value (stored names are canonical). */
function canonicalData(data: RecordData): RecordData {
  switch (data.type) {
    case 'CNAME':
    case 'NS':
    case 'PTR':
    case 'SRV':
      return { ...data, target: canonicalName(data.target) };
    case 'MX':
      return { ...data, exchange: canonicalName(data.exchange) };
    case 'SOA':
      return { ...data, mname: canonicalName(data.mname), rname: canonicalName(data.rname) };
    case 'TXT':
    case 'SPF':
      return { ...data, strings: [...data.strings] };
    default:
      return { ...data };
  }
}

/**
 * Splits text into character-strings of at most 255 octets (its UTF-8 encoding, stored one
 * character per octet like every TXT string; see ZoneToken.octets).
 */
function splitCharacterStrings(text: string): string[] {
  const octets = Buffer.from(text, 'utf8');
  const strings: string[] = [];
  for (let i = 0; i === 0 || i < octets.length; i += 255) {
    strings.push(octets.toString('latin1', i, Math.min(i + 255, octets.length)));
  }
  return strings;
}
