import { assertNever } from '../base/assert-never.ts';
import type { DnsAnswer, Resolver } from '../dns/types.ts';
import { txtValues } from '../dns/types.ts';
import { isDmarcRecord, parseDmarcRecord } from './parse-record.ts';
import type { DmarcIssue, DmarcRecord } from './types.ts';

/** What one `_dmarc.<domain>` TXT lookup came to. */
export type RecordLookup =
  | { kind: 'found'; domain: string; text: string; record: DmarcRecord; issues: DmarcIssue[] }
  | { kind: 'none'; domain: string; issues: DmarcIssue[] }
  | { kind: 'multiple'; domain: string; texts: string[]; issues: DmarcIssue[] }
  | { kind: 'invalid'; domain: string; text: string; issues: DmarcIssue[]; noPolicy: boolean }
  | { kind: 'temperror'; domain: string; issues: DmarcIssue[] };

/**
 * Queries `_dmarc.<domain>` TXT and classifies the answer. This is the one place where DNS outcomes
 * become DMARC outcomes: NXDOMAIN and NODATA mean no record, a server failure or timeout means
 * temperror (never "none": RFC 7489 6.6.3 and RFC 9989 4.10 require a retry, not a guess).
 */
export async function lookupDmarcRecord(
  resolver: Resolver,
  domain: string,
  answers: DnsAnswer[],
): Promise<RecordLookup> {
  const name = `_dmarc.${domain}`;
  const answer = await resolver.resolve(name, 'TXT');
  answers.push(answer);
  switch (answer.status) {
    case 'ok':
      break;
    case 'nxdomain':
    case 'nodata':
      return { kind: 'none', domain, issues: [] };
    case 'servfail':
    case 'refused':
    case 'timeout':
    case 'error':
      return {
        kind: 'temperror',
        domain,
        issues: [
          {
            severity: 'error',
            message: `the lookup of ${name} TXT failed: ${answer.error ?? answer.status}`,
          },
        ],
      };
    case 'cname-loop':
    case 'cname-too-long':
      // A broken alias is permanent: no record can be retrieved, so there is none to apply.
      return {
        kind: 'none',
        domain,
        issues: [
          { severity: 'warning', message: `${name}: ${answer.error ?? 'broken CNAME chain'}` },
        ],
      };
    default:
      return assertNever(answer.status, 'DNS status');
  }
  // RFC 7489 6.6.3 step 2: TXT records that do not start with v=DMARC1 are discarded.
  const texts = txtValues(answer).filter(isDmarcRecord);
  if (texts.length === 0) return { kind: 'none', domain, issues: [] };
  if (texts.length > 1) {
    return {
      kind: 'multiple',
      domain,
      texts,
      issues: [
        {
          severity: 'error',
          message: `${name} has ${texts.length} DMARC records; with more than one no policy applies (RFC 7489 6.6.3)`,
        },
      ],
    };
  }
  const text = texts[0] ?? '';
  const parsed = parseDmarcRecord(text);
  if (!parsed.ok) {
    return {
      kind: 'invalid',
      domain,
      text,
      issues: parsed.errors,
      noPolicy: parsed.kind === 'no-policy',
    };
  }
  return { kind: 'found', domain, text, record: parsed.record, issues: parsed.warnings };
}
