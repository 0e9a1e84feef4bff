import type { DnsRecord } from '../types.ts';
import { originName, parseName, parseTtl, readTime, type Fail } from './presentation.ts';
import { isZoneType, parseRdata } from './rdata.ts';
import { tokenizeZone, type ZoneToken } from './tokenize.ts';
import type { Zone } from './zone.ts';
import { ZoneSyntaxError } from './zone-syntax-error.ts';
import { isSubdomainOf } from '../name.ts';

/** Options of {@link parseZoneFile}. */
export interface ParseZoneOptions {
  /** The zone's origin; without it, the first `$ORIGIN`, else the owner of the SOA record. */
  origin?: string;
  /** TTL of records that give none before any `$TTL` (default 3600). */
  defaultTtl?: number;
  /** Named in error messages. */
  fileName?: string;
}

const DEFAULT_TTL = 3600;
const OTHER_CLASSES = new Set(['CH', 'HS', 'CS', 'ANY', 'NONE']);

/**
 * Parses a master file (RFC 1035 5): `$ORIGIN`, `$TTL`, `@`, relative names, blank owners,
 * optional TTL and class in either order, comments, parentheses, quoted strings with escapes.
 * Throws {@link ZoneSyntaxError} naming the line for anything it cannot load.
 * @example parseZoneFile('$ORIGIN example.com.\n@ 300 IN TXT "v=spf1 -all"\n')
 */
export function parseZoneFile(text: string, options: ParseZoneOptions = {}): Zone {
  const fileName = options.fileName ?? 'zone';
  const fail: Fail = (message, line) => {
    throw new ZoneSyntaxError(message, line, fileName);
  };
  let origin: string | null =
    options.origin === undefined ? null : originName(options.origin, fail);
  let zoneOrigin = origin;
  let defaultTtl = options.defaultTtl ?? DEFAULT_TTL;
  let sawTtlDirective = false;
  let lastOwner: string | null = null;
  const records: Array<{ record: DnsRecord; line: number }> = [];

  for (const entry of tokenizeZone(text, fileName)) {
    const [first, ...rest] = entry.tokens as [ZoneToken, ...ZoneToken[]];
    if (!entry.blankOwner && !first.quoted && first.text.startsWith('$')) {
      const directive = first.text.toUpperCase();
      const arg = rest[0];
      if (directive === '$INCLUDE') {
        fail('$INCLUDE is not supported: put the records in this file', entry.line);
      }
      if (directive !== '$ORIGIN' && directive !== '$TTL') {
        fail(`unknown directive ${first.text}`, entry.line);
      }
      if (arg === undefined || rest.length > 1) fail(`${directive} takes one value`, entry.line);
      const value = arg;
      if (directive === '$TTL') {
        // RFC 2308 4: $TTL sets the TTL of records that give none.
        defaultTtl = parseTtl(value, fail);
        sawTtlDirective = true;
      } else {
        origin = parseName(value, origin, fail);
        zoneOrigin ??= origin;
      }
      continue;
    }

    let owner: string;
    let fields = entry.tokens;
    if (entry.blankOwner) {
      if (lastOwner === null) fail('a record with a blank owner has no previous owner', entry.line);
      owner = lastOwner;
    } else {
      owner = parseName(first, origin, fail);
      fields = rest;
    }
    lastOwner = owner;

    let ttl: number | null = null;
    let sawClass = false;
    let index = 0;
    // RFC 1035 5.1: TTL and class are optional and may come in either order.
    for (; index < 2 && index < fields.length; index++) {
      const token = fields[index] as ZoneToken;
      const upper = token.text.toUpperCase();
      if (ttl === null && readTime(token.text) !== null) {
        ttl = parseTtl(token, fail);
      } else if (!sawClass && upper === 'IN') {
        sawClass = true;
      } else if (!sawClass && (OTHER_CLASSES.has(upper) || /^CLASS\d+$/.test(upper))) {
        fail(`class ${token.text} is not supported; only IN`, token.line);
      } else {
        break;
      }
    }
    const typeToken = fields[index];
    if (typeToken === undefined) fail('the record has no type', entry.line);
    const type = typeToken.text.toUpperCase();
    if (!isZoneType(type)) fail(`unsupported record type "${typeToken.text}"`, typeToken.line);
    if (ttl !== null && !sawTtlDirective) {
      // RFC 1035 5.1: without $TTL an omitted TTL is the last one stated.
      defaultTtl = ttl;
    }
    const data = parseRdata(type, fields.slice(index + 1), entry.line, {
      origin,
      fail,
    });
    records.push({ record: { name: owner, ttl: ttl ?? defaultTtl, data }, line: entry.line });
  }

  zoneOrigin ??= records.find((r) => r.record.data.type === 'SOA')?.record.name ?? null;
  if (zoneOrigin === null) {
    fail('the zone has no origin: add $ORIGIN, an SOA record, or pass the origin option', 0);
  }
  const zone = zoneOrigin;
  for (const { record, line } of records) {
    if (!isSubdomainOf(record.name, zone)) {
      fail(`${record.name || '.'} is outside the zone ${zone || '.'}`, line);
    }
  }
  return { origin: zone, records: records.map((r) => r.record) };
}
