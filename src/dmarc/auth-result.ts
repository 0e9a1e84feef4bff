import type { DmarcEvaluation } from './types.ts';

/**
 * The `dmarc=` entry of an Authentication-Results header (RFC 7489 11.2, RFC 8601 2.7.1) for an
 * evaluation, as plain data that `formatAuthenticationResults` of `src/authres` accepts: the
 * comment carries the policy and disposition as OpenDMARC and Gmail write them
 * (`p=REJECT sp=QUARANTINE dis=NONE`), the property the author domain.
 * @example formatAuthenticationResults('mx.example.net', [dmarcAuthResult(evaluation)])
 */
export function dmarcAuthResult(evaluation: DmarcEvaluation): {
  method: 'dmarc';
  result: string;
  comment?: string;
  reason?: string;
  properties: Array<{ ptype: string; property: string; value: string }>;
} {
  const record = evaluation.discovery.record;
  const properties = [{ ptype: 'header', property: 'from', value: evaluation.fromDomain }];
  if (evaluation.discovery.status !== 'found' || !record) {
    return evaluation.result === 'none'
      ? { method: 'dmarc', result: 'none', properties }
      : { method: 'dmarc', result: evaluation.result, reason: evaluation.reason, properties };
  }
  const parts = [`p=${record.p.toUpperCase()}`];
  if (record.sp) parts.push(`sp=${record.sp.toUpperCase()}`);
  if (record.np) parts.push(`np=${record.np.toUpperCase()}`);
  parts.push(`dis=${evaluation.disposition.toUpperCase()}`);
  return { method: 'dmarc', result: evaluation.result, comment: parts.join(' '), properties };
}
