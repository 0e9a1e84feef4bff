import { assertNever } from '../base/assert-never.ts';
import { txtValue, type DnsAnswer, type Resolver } from '../dns/types.ts';
import { parseDkimKeyRecord, type DkimKeyRecord, type KeyRecordParse } from './key-record.ts';
import type { DkimLimits } from './limits.ts';
import type { DkimReason, DkimResult } from './result.ts';

/** A usable key, or the result and reason that end the signature's verification. */
export type KeyLookup =
  | { ok: true; key: DkimKeyRecord; dns: DnsAnswer }
  | { ok: false; result: DkimResult; reason: DkimReason; message: string; dns: DnsAnswer | null };

/** Parsed records by TXT text: a KeyObject is built once per distinct answer, not per message. */
const KEY_CACHE = new Map<string, KeyRecordParse>();
/** Threat: a stream of unique keys growing the cache without end. */
const KEY_CACHE_MAX = 1000;

function parseCached(text: string): KeyRecordParse {
  const hit = KEY_CACHE.get(text);
  if (hit) return hit;
  const parsed = parseDkimKeyRecord(text);
  if (KEY_CACHE.size >= KEY_CACHE_MAX) {
    const oldest = KEY_CACHE.keys().next().value;
    if (oldest !== undefined) KEY_CACHE.delete(oldest);
  }
  KEY_CACHE.set(text, parsed);
  return parsed;
}

/** Fetches `<selector>._domainkey.<domain>` TXT and turns the answer into a key or a verdict. */
export async function lookupKey(
  resolver: Resolver,
  keyName: string,
  limits: DkimLimits,
): Promise<KeyLookup> {
  const dns = await resolver.resolve(keyName, 'TXT');
  return keyFromAnswer(dns, keyName, limits);
}

/**
 * The one place DNS outcomes become DKIM results. RFC 6376 6.1.2: a key that does not exist is
 * PERMFAIL ("no key for signature"), a query that fails is TEMPFAIL; we report those as permerror
 * and temperror (RFC 8601 2.7.1), each naming the query and its rcode.
 */
export function keyFromAnswer(dns: DnsAnswer, keyName: string, limits: DkimLimits): KeyLookup {
  const via = dns.chain.length > 0 ? ` (a CNAME to ${dns.finalName})` : '';
  switch (dns.status) {
    case 'ok':
      return keyFromRecords(dns, keyName, limits);
    case 'nxdomain':
      return fail(
        dns,
        'permerror',
        'key-nxdomain',
        `the key record at ${keyName}${via} does not exist (NXDOMAIN)`,
      );
    case 'nodata':
      return fail(
        dns,
        'permerror',
        'key-nodata',
        `the name ${keyName}${via} exists but has no TXT record (NOERROR, no data)`,
      );
    case 'servfail':
    case 'refused':
    case 'timeout':
    case 'error':
      return fail(
        dns,
        'temperror',
        'key-dns-error',
        `the DNS query for ${keyName} TXT failed (${dns.rcode ?? dns.status.toUpperCase()}${dns.error ? `: ${dns.error}` : ''})`,
      );
    case 'cname-loop':
    case 'cname-too-long':
      return fail(
        dns,
        'permerror',
        'key-cname-broken',
        `the key record at ${keyName} cannot be reached: ${dns.error ?? dns.status}`,
      );
    default:
      return assertNever(dns.status, 'DNS status');
  }
}

function fail(dns: DnsAnswer, result: DkimResult, reason: DkimReason, message: string): KeyLookup {
  return { ok: false, result, reason, message, dns };
}

function keyFromRecords(dns: DnsAnswer, keyName: string, limits: DkimLimits): KeyLookup {
  let firstError: string | null = null;
  for (const record of dns.records) {
    const text = txtValue(record);
    if (text.length > limits.maxKeyRecordBytes) {
      firstError ??= `the key record at ${keyName} is ${text.length} bytes; the limit is ${limits.maxKeyRecordBytes}`;
      continue;
    }
    const parsed = parseCached(text);
    if (parsed.ok) {
      if (parsed.key.revoked) {
        return {
          ok: false,
          result: 'permerror',
          reason: 'key-revoked',
          message: `the key at ${keyName} has been revoked (empty p=)`,
          dns,
        };
      }
      return { ok: true, key: parsed.key, dns };
    }
    firstError ??= `the key record at ${keyName} is invalid: ${parsed.reason}`;
  }
  return {
    ok: false,
    result: 'permerror',
    reason: 'key-syntax',
    message: firstError ?? `the key record at ${keyName} is empty`,
    dns,
  };
}
