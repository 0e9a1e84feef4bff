import { assertNever } from '../base/assert-never.ts';
import type { DnsAnswer } from '../dns/types.ts';

/** A DNS failure as an SPF verdict. */
export interface SpfDnsFailure {
  result: 'temperror' | 'permerror';
  reason: string;
}

/**
 * The one place a DNS outcome becomes an SPF error (RFC 7208 4.4 and 5): SERVFAIL, REFUSED, a
 * timeout or any other error is a temperror; a CNAME loop or an over-long chain is what a recursive
 * resolver reports as SERVFAIL, so it is a temperror too. NXDOMAIN and NODATA are not failures:
 * the caller decides (none, no match, void lookup). Returns null for those and for `ok`.
 */
export function spfDnsFailure(answer: DnsAnswer): SpfDnsFailure | null {
  const what = `${answer.name} ${answer.type}`;
  switch (answer.status) {
    case 'ok':
    case 'nodata':
    case 'nxdomain':
      return null;
    case 'servfail':
      return { result: 'temperror', reason: `DNS server failure (SERVFAIL) for ${what}` };
    case 'refused':
      return { result: 'temperror', reason: `the DNS server refused the query for ${what}` };
    case 'timeout':
      return { result: 'temperror', reason: `the DNS query for ${what} timed out` };
    case 'error':
      return {
        result: 'temperror',
        reason: `the DNS query for ${what} failed: ${answer.error ?? 'unknown error'}`,
      };
    case 'cname-loop':
    case 'cname-too-long':
      return {
        result: 'temperror',
        reason: `the CNAME chain of ${what} is broken: ${answer.error ?? answer.status}`,
      };
    default:
      return assertNever(answer.status, 'DNS status');
  }
}
