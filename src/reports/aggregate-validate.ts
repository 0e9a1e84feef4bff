import ipaddr from 'ipaddr.js';
import { isDmarc2, type RawHeader } from './aggregate-sax.ts';
import type { AggregateHeader, AggregateRecord } from './types.ts';

/** Past 2200 a "date" is milliseconds or a typo, not a report window (RFC examples use 1979). */
const MAX_EPOCH = 7_258_118_400;

type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

function epoch(text: string | undefined, what: string): Checked<number> {
  if (text === undefined || text === '') return { ok: false, reason: `${what} is missing` };
  // RFC 7489 C: date_range begin/end are xs:integer seconds since the epoch, UTC.
  // OpenDMARC 2012 wrote `1337270400.0`: a zero fraction is still whole seconds.
  if (!/^\d{1,15}(\.0*)?$/.test(text)) {
    return { ok: false, reason: `${what} "${text}" is not an integer` };
  }
  const n = Math.trunc(Number(text));
  if (n > MAX_EPOCH) {
    return { ok: false, reason: `${what} ${text} is not a plausible time in seconds` };
  }
  return { ok: true, value: n };
}

const opt = (v: string | undefined): string | null => (v === undefined || v === '' ? null : v);
const optLower = (v: string | undefined): string | null => opt(v)?.toLowerCase() ?? null;

/**
 * Checks the report-level fields strictly where they matter (who, which report, which window,
 * which domain) and keeps the rest as sent.
 */
export function validateHeader(raw: RawHeader): Checked<AggregateHeader> {
  const f = raw.fields;
  if (!raw.seenMetadata) return { ok: false, reason: 'report_metadata is missing' };
  const orgName = opt(f.get('report_metadata/org_name')) ?? opt(f.get('report_metadata/email'));
  if (!orgName) return { ok: false, reason: 'report_metadata/org_name is missing' };
  const reportId = opt(f.get('report_metadata/report_id'));
  if (!reportId) return { ok: false, reason: 'report_metadata/report_id is missing' };
  const begin = epoch(f.get('report_metadata/date_range/begin'), 'date_range/begin');
  if (!begin.ok) return begin;
  const end = epoch(f.get('report_metadata/date_range/end'), 'date_range/end');
  if (!end.ok) return end;
  if (end.value < begin.value) {
    return {
      ok: false,
      reason: `date_range/end ${end.value} is before date_range/begin ${begin.value}`,
    };
  }
  const domain = optLower(f.get('policy_published/domain'));
  if (!domain) return { ok: false, reason: 'policy_published/domain is missing' };
  const pctText = opt(f.get('policy_published/pct'));
  const pct = pctText !== null && /^\d{1,3}$/.test(pctText) ? Number(pctText) : null;
  return {
    ok: true,
    value: {
      schema: isDmarc2(raw.namespace) || f.get('version') === '2.0' ? 'rfc9990' : 'rfc7489',
      orgName,
      email: opt(f.get('report_metadata/email')),
      reportId,
      begin: begin.value,
      end: end.value,
      policy: {
        domain,
        adkim: optLower(f.get('policy_published/adkim')),
        aspf: optLower(f.get('policy_published/aspf')),
        p: optLower(f.get('policy_published/p')),
        sp: optLower(f.get('policy_published/sp')),
        np: optLower(f.get('policy_published/np')),
        pct,
        testing: optLower(f.get('policy_published/testing')),
      },
    },
  };
}

/** An IP address in canonical text, or null (four-part decimal only: `0x7f.1` is not an IP here). */
export function canonicalIp(text: string): string | null {
  // Fast path for the common case (a plain dotted quad), hot in big reports.
  const quad = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (quad) {
    const parts = [quad[1], quad[2], quad[3], quad[4]].map(Number);
    return parts.every((n) => n <= 255) ? parts.join('.') : null;
  }
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text).toString();
  // A zone id (`fe80::1%eth0`) names an interface of the reporter's host, not an Internet source.
  if (!text.includes('%') && ipaddr.IPv6.isValid(text)) {
    const v6 = ipaddr.IPv6.parse(text);
    return v6.isIPv4MappedAddress() ? v6.toIPv4Address().toString() : v6.toString();
  }
  return null;
}

/**
 * Checks one record where it matters: the source IP and the message count. Mutates the record to
 * the canonical IP. Returns a reason, `skip` for an empty placeholder, or null when it is sound.
 */
export function checkRecord(record: AggregateRecord, index: number): string | null | 'skip' {
  // An all-empty placeholder record (no IP, count 0) is how some reporters say "no records".
  if (record.sourceIp === '' && record.count === 0) return 'skip';
  if (record.sourceIp === '') return `record ${index + 1}: source_ip is missing`;
  const ip = canonicalIp(record.sourceIp);
  if (ip === null) {
    return `record ${index + 1}: source_ip "${record.sourceIp.slice(0, 60)}" is not an IP address`;
  }
  record.sourceIp = ip;
  if (record.count < 0) return `record ${index + 1}: count is missing`;
  if (!Number.isSafeInteger(record.count)) {
    return `record ${index + 1}: count is not a non-negative integer`;
  }
  return null;
}
