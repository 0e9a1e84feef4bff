import ipaddr from 'ipaddr.js';
import { assertNever } from '../../base/assert-never.ts';
import type { RecordData } from '../types.ts';
import { parseName, parseTtl, parseUint, type Fail } from './presentation.ts';
import type { ZoneToken } from './tokenize.ts';

/** The record types a zone may hold (the ones mxray's checks ask for). */
export const ZONE_TYPES = [
  'A',
  'AAAA',
  'CNAME',
  'MX',
  'NS',
  'PTR',
  'SOA',
  'TXT',
  'SPF',
  'CAA',
  'SRV',
] as const;
/** One of {@link ZONE_TYPES}. */
export type ZoneType = (typeof ZONE_TYPES)[number];

/** True when a type mnemonic (upper-case) is one a zone may hold. */
export function isZoneType(text: string): text is ZoneType {
  return (ZONE_TYPES as readonly string[]).includes(text);
}

/** RFC 1035 3.3: a <character-string> is one length octet and at most 255 octets. */
const MAX_CHARACTER_STRING = 255;

/** What rdata parsing needs from its caller: the origin for relative names and error reporting. */
export interface RdataContext {
  origin: string | null;
  fail: Fail;
}

/**
 * Parses the rdata of one record from its presentation tokens (RFC 1035 5.1 and each type's RFC).
 * @param line the line of the record, for errors about missing fields
 */
export function parseRdata(
  type: ZoneType,
  tokens: ZoneToken[],
  line: number,
  ctx: RdataContext,
): RecordData {
  const { fail, origin } = ctx;
  const expect = (count: number, fields: string) => {
    if (tokens.length !== count) {
      fail(
        `${type} needs ${count === 1 ? 'one field' : `${count} fields`} (${fields}), found ${tokens.length}`,
        tokens[count]?.line ?? line,
      );
    }
  };
  const at = (i: number) => tokens[i] as ZoneToken;
  const name = (i: number) => parseName(at(i), origin, fail);

  switch (type) {
    case 'A': {
      expect(1, 'an IPv4 address');
      if (!ipaddr.IPv4.isValidFourPartDecimal(at(0).text)) {
        fail(`"${at(0).text}" is not an IPv4 address`, at(0).line);
      }
      return { type, address: ipaddr.IPv4.parse(at(0).text).toString() };
    }
    case 'AAAA': {
      expect(1, 'an IPv6 address');
      if (!ipaddr.IPv6.isValid(at(0).text))
        fail(`"${at(0).text}" is not an IPv6 address`, at(0).line);
      // RFC 5952 form, the same text a decoded answer carries.
      return { type, address: ipaddr.IPv6.parse(at(0).text).toString() };
    }
    case 'CNAME':
    case 'NS':
    case 'PTR':
      expect(1, 'a domain name');
      return { type, target: name(0) };
    case 'MX':
      expect(2, 'preference and exchange');
      return {
        type,
        preference: parseUint(at(0), 'MX preference', 65535, fail),
        exchange: name(1),
      };
    case 'SRV':
      expect(4, 'priority, weight, port and target');
      return {
        type,
        priority: parseUint(at(0), 'SRV priority', 65535, fail),
        weight: parseUint(at(1), 'SRV weight', 65535, fail),
        port: parseUint(at(2), 'SRV port', 65535, fail),
        target: name(3),
      };
    case 'SOA': {
      expect(7, 'mname, rname, serial, refresh, retry, expire, minimum');
      const timer = (i: number) => parseTtl(at(i), fail);
      return {
        type,
        mname: name(0),
        rname: name(1),
        serial: parseUint(at(2), 'SOA serial', 2 ** 32 - 1, fail),
        refresh: timer(3),
        retry: timer(4),
        expire: timer(5),
        minimum: timer(6),
      };
    }
    case 'TXT':
    case 'SPF': {
      if (tokens.length === 0) fail(`${type} needs at least one string`, line);
      for (const t of tokens) {
        if (t.byteLength > MAX_CHARACTER_STRING) {
          fail(
            `a ${type} string is ${t.byteLength} bytes; one string holds at most ${MAX_CHARACTER_STRING} (RFC 1035 3.3.14): split it into several quoted strings`,
            t.line,
          );
        }
      }
      return { type, strings: tokens.map((t) => t.octets) };
    }
    case 'CAA': {
      expect(3, 'flags, tag and value');
      // RFC 8659 4.1: the tag is ASCII letters and digits.
      if (!/^[a-z0-9]{1,15}$/i.test(at(1).text))
        fail(`"${at(1).text}" is not a CAA tag`, at(1).line);
      if (at(2).byteLength > 65535) fail('the CAA value is too long', at(2).line);
      return {
        type,
        flags: parseUint(at(0), 'CAA flags', 255, fail),
        tag: at(1).text.toLowerCase(),
        value: at(2).text,
      };
    }
    default:
      return assertNever(type, 'record type');
  }
}
