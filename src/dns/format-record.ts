import type { DnsRecord, RecordData } from './types.ts';

/** A character-string in zone-file form: quoted, with `"` and `\` escaped, other bytes as \DDD. */
export function quoteString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (code < 0x20 || code > 0x7e) out += `\\${code.toString().padStart(3, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

const fqdn = (name: string) => (name === '' ? '.' : `${name}.`);

/** The RDATA of a record in presentation (zone-file / dig) form. */
export function formatRecordData(data: RecordData): string {
  switch (data.type) {
    case 'A':
    case 'AAAA':
      return data.address;
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return fqdn(data.target);
    case 'MX':
      return `${data.preference} ${fqdn(data.exchange)}`;
    case 'TXT':
    case 'SPF':
      return data.strings.map(quoteString).join(' ');
    case 'SOA':
      return `${fqdn(data.mname)} ${fqdn(data.rname)} ${data.serial} ${data.refresh} ${data.retry} ${data.expire} ${data.minimum}`;
    case 'CAA':
      return `${data.flags} ${data.tag} ${quoteString(data.value)}`;
    case 'SRV':
      return `${data.priority} ${data.weight} ${data.port} ${fqdn(data.target)}`;
    case 'OTHER':
      return data.text;
  }
}

/** The type mnemonic of a record. */
export function recordType(record: DnsRecord): string {
  return record.data.type === 'OTHER' ? record.data.rrtype : record.data.type;
}

/** One record as a zone-file line: `name. TTL IN TYPE rdata`. */
export function formatRecord(record: DnsRecord): string {
  return `${fqdn(record.name)}\t${record.ttl}\tIN\t${recordType(record)}\t${formatRecordData(record.data)}`;
}
