import { txtValue } from '../dns/types.ts';
import { dnsStep } from './dns-budget.ts';
import { spfDnsFailure } from './dns-outcome.ts';
import type { SpfBudget } from './dns-budget.ts';
import { isSpfRecordText } from './parse.ts';
import type { SpfDnsStep } from './types.ts';

/** The outcome of looking up the SPF record of a domain (RFC 7208 4.4 and 4.5). */
export type RecordLookup =
  | { kind: 'found'; record: string; dns: SpfDnsStep[] }
  | { kind: 'none'; reason: string; dns: SpfDnsStep[] }
  | { kind: 'multiple'; records: string[]; dns: SpfDnsStep[] }
  | { kind: 'error'; result: 'temperror' | 'permerror'; reason: string; dns: SpfDnsStep[] };

/**
 * Fetches the TXT records of `domain` and selects those starting with `v=spf1` (RFC 7208 4.5).
 * Type SPF (99) is not queried: RFC 7208 3.1 retired it.
 */
export async function lookupSpfRecord(budget: SpfBudget, domain: string): Promise<RecordLookup> {
  const answer = await budget.query(domain, 'TXT');
  if (!answer) {
    return {
      kind: 'error',
      result: 'permerror',
      reason: 'the DNS query budget of this evaluation is spent',
      dns: [],
    };
  }
  const dns = [dnsStep(answer)];
  const failure = spfDnsFailure(answer);
  if (failure) return { kind: 'error', ...failure, dns };
  if (answer.status === 'nxdomain')
    return { kind: 'none', reason: `${domain} does not exist (NXDOMAIN)`, dns };
  const records = answer.records.map(txtValue).filter(isSpfRecordText);
  if (records.length === 0) return { kind: 'none', reason: `${domain} has no SPF record`, dns };
  // RFC 7208 4.5: more than one record is a permerror.
  if (records.length > 1) return { kind: 'multiple', records, dns };
  return { kind: 'found', record: records[0] as string, dns };
}
