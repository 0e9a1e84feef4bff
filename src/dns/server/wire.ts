import type { Answer } from 'dns-packet';
import type { DnsRecord, Rcode } from '../types.ts';

/** RFC 1035 4.1.1 and RFC 6895 2.3: the 4-bit header rcodes. */
export const RCODE_NUMBERS: Record<Rcode, number> = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
  YXDOMAIN: 6,
  YXRRSET: 7,
  NXRRSET: 8,
  NOTAUTH: 9,
  NOTZONE: 10,
  // RFC 6891 6.1.3: BADVERS (16) is an extended rcode; its low four bits are 0.
  BADVERS: 0,
};

/**
 * TXT character-strings as octets: our strings hold one character per octet (latin1), the way the
 * stub resolver decodes them, so a record reads the same from memory and over the wire.
 */
function characterStrings(strings: readonly string[]): Buffer[] {
  return strings.map((s) => Buffer.from(s, 'latin1'));
}

/** One record in dns-packet's shape, or null for data we cannot put on the wire (`OTHER`). */
export function toWireAnswer(record: DnsRecord): Answer | null {
  const base = { name: record.name, ttl: record.ttl, class: 'IN' as const };
  const { data } = record;
  switch (data.type) {
    case 'A':
    case 'AAAA':
      return { ...base, type: data.type, data: data.address };
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return { ...base, type: data.type, data: data.target };
    case 'MX':
      return {
        ...base,
        type: 'MX',
        data: { preference: data.preference, exchange: data.exchange },
      };
    case 'TXT':
      return { ...base, type: 'TXT', data: characterStrings(data.strings) };
    case 'SPF': {
      // dns-packet has no SPF codec: send the TXT-format RDATA as raw bytes (RFC 7208 3.1, type 99).
      const rdata = Buffer.concat(
        characterStrings(data.strings).flatMap((s) => [Buffer.from([s.length]), s]),
      );
      return { ...base, type: 'SPF' as 'NULL', data: rdata };
    }
    case 'SOA':
      return {
        ...base,
        type: 'SOA',
        data: {
          mname: data.mname,
          rname: data.rname,
          serial: data.serial,
          refresh: data.refresh,
          retry: data.retry,
          expire: data.expire,
          minimum: data.minimum,
        },
      };
    case 'CAA':
      return {
        ...base,
        type: 'CAA',
        data: { flags: data.flags, tag: data.tag as 'issue', value: data.value },
      };
    case 'SRV':
      return {
        ...base,
        type: 'SRV',
        data: {
          priority: data.priority,
          weight: data.weight,
          port: data.port,
          target: data.target,
        },
      };
    case 'OTHER':
      return null;
  }
}

/** The records that can be encoded, in order. */
export function toWireAnswers(records: readonly DnsRecord[]): Answer[] {
  return records.map(toWireAnswer).filter((a): a is Answer => a !== null);
}
