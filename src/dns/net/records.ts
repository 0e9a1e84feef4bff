import { isIP } from 'node:net';
import type { Answer } from 'dns-packet';
import { canonicalName } from '../name.ts';
import type { DnsRecord, RecordData } from '../types.ts';

/**
 * TXT character-strings are bytes (RFC 1035 3.3.14), not text. We decode them as latin1 so every
 * byte maps to exactly one character and nothing is lost or replaced; ASCII records (SPF, DKIM,
 * DMARC, which their RFCs restrict to ASCII) read the same as with UTF-8.
 */
const TXT_ENCODING = 'latin1';

/** The character-strings of TXT-like RDATA that dns-packet left as raw bytes (SPF, type 99). */
function characterStrings(rdata: Buffer): string[] | null {
  const strings: string[] = [];
  let offset = 0;
  while (offset < rdata.length) {
    const length = rdata[offset] ?? 0;
    if (offset + 1 + length > rdata.length) return null;
    strings.push(rdata.toString(TXT_ENCODING, offset + 1, offset + 1 + length));
    offset += 1 + length;
  }
  return strings;
}

function txtStrings(data: unknown): string[] {
  const parts = Array.isArray(data) ? data : [data];
  return parts.map((p: unknown) =>
    Buffer.isBuffer(p) ? p.toString(TXT_ENCODING) : typeof p === 'string' ? p : '',
  );
}

/** Presentation text for record types we keep only as evidence. */
function otherText(answer: Answer): string {
  const data: unknown = 'data' in answer ? answer.data : undefined;
  if (Buffer.isBuffer(data)) {
    // RFC 3597 5: the generic form for types we do not parse.
    return `\\# ${data.length}${data.length > 0 ? ` ${data.toString('hex')}` : ''}`;
  }
  switch (answer.type) {
    case 'DS':
      return `${answer.data.keyTag} ${answer.data.algorithm} ${answer.data.digestType} ${answer.data.digest.toString('hex').toUpperCase()}`;
    case 'DNSKEY':
      return `${answer.data.flags} 3 ${answer.data.algorithm} ${answer.data.key.toString('base64')}`;
    case 'TLSA':
      return `${answer.data.usage} ${answer.data.selector} ${answer.data.matchingType} ${answer.data.certificate.toString('hex').toUpperCase()}`;
    default:
      return JSON.stringify(data, (_key, value: unknown) =>
        value && typeof value === 'object' && (value as { type?: unknown }).type === 'Buffer'
          ? Buffer.from((value as { data: number[] }).data).toString('hex')
          : value,
      );
  }
}

function recordData(answer: Answer): RecordData {
  switch (answer.type) {
    case 'A':
    case 'AAAA':
      if (isIP(answer.data) !== (answer.type === 'A' ? 4 : 6)) {
        throw new Error(`${answer.type} record with invalid address data`);
      }
      return { type: answer.type, address: answer.data };
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return { type: answer.type, target: canonicalName(answer.data) };
    case 'MX':
      return {
        type: 'MX',
        preference: answer.data.preference ?? 0,
        exchange: canonicalName(answer.data.exchange),
      };
    case 'TXT':
      return { type: 'TXT', strings: txtStrings(answer.data) };
    case 'SOA':
      return {
        type: 'SOA',
        mname: canonicalName(answer.data.mname),
        rname: canonicalName(answer.data.rname),
        serial: answer.data.serial ?? 0,
        refresh: answer.data.refresh ?? 0,
        retry: answer.data.retry ?? 0,
        expire: answer.data.expire ?? 0,
        minimum: answer.data.minimum ?? 0,
      };
    case 'CAA':
      return {
        type: 'CAA',
        flags: answer.data.flags ?? 0,
        tag: answer.data.tag,
        value: answer.data.value,
      };
    case 'SRV':
      return {
        type: 'SRV',
        priority: answer.data.priority ?? 0,
        weight: answer.data.weight ?? 0,
        port: answer.data.port,
        target: canonicalName(answer.data.target),
      };
    default: {
      // dns-packet knows the SPF type number but leaves its RDATA as bytes.
      const type: string = answer.type;
      const data: unknown = 'data' in answer ? answer.data : undefined;
      if (type === 'SPF' && Buffer.isBuffer(data)) {
        const strings = characterStrings(data);
        if (strings) return { type: 'SPF', strings };
      }
      return { type: 'OTHER', rrtype: type.replace(/^UNKNOWN_/, 'TYPE'), text: otherText(answer) };
    }
  }
}

/**
 * Converts decoded dns-packet records to ours: canonical names, TXT bytes as latin1 strings,
 * unknown types as `OTHER` with presentation text. OPT pseudo-records (RFC 6891) are dropped.
 */
export function toDnsRecords(answers: readonly Answer[] | undefined): DnsRecord[] {
  const records: DnsRecord[] = [];
  for (const answer of answers ?? []) {
    if (answer.type === 'OPT') continue;
    records.push({
      name: canonicalName(answer.name),
      ttl: 'ttl' in answer ? (answer.ttl ?? 0) : 0,
      data: recordData(answer),
    });
  }
  return records;
}
