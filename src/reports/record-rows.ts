import type { NewRecord, NewTlsPolicy } from '../store/reports-queries.ts';
import type { AggregateRecord, TlsPolicy } from './types.ts';

/** An aggregate record as store rows; `seq` is its position in the report. */
export function recordRows(record: AggregateRecord, seq: number): NewRecord {
  return {
    row: {
      seq,
      source_ip: record.sourceIp,
      count: record.count,
      disposition: record.disposition,
      dkim: record.dkim,
      spf: record.spf,
      header_from: record.headerFrom,
      envelope_from: record.envelopeFrom,
      envelope_to: record.envelopeTo,
      reasons: record.reasons.length > 0 ? JSON.stringify(record.reasons) : null,
    },
    dkim: record.dkimResults.map((d) => ({
      domain: d.domain,
      selector: d.selector,
      result: d.result,
      human_result: d.humanResult,
    })),
    spf: record.spfResults.map((s) => ({
      domain: s.domain,
      scope: s.scope,
      result: s.result,
      human_result: s.humanResult,
    })),
  };
}

/** A TLS report policy block as store rows. */
export function tlsPolicyRows(policy: TlsPolicy, seq: number): NewTlsPolicy {
  return {
    row: {
      seq,
      policy_type: policy.policyType,
      policy_domain: policy.policyDomain,
      policy_string: JSON.stringify(policy.policyString),
      mx_host: JSON.stringify(policy.mxHost),
      success_count: policy.successCount,
      failure_count: policy.failureCount,
    },
    failures: policy.failures.map((f) => ({
      result_type: f.resultType,
      sending_mta_ip: f.sendingMtaIp,
      receiving_mx_hostname: f.receivingMxHostname,
      receiving_mx_helo: f.receivingMxHelo,
      receiving_ip: f.receivingIp,
      failed_session_count: f.failedSessionCount,
      additional_information: f.additionalInformation,
      failure_reason_code: f.failureReasonCode,
    })),
  };
}
