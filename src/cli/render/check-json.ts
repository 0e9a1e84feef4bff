import type { DomainReport } from '../../audit/index.ts';
import { isoTime } from '../../base/clock.ts';
import { formatRecordData, recordType } from '../../dns/format-record.ts';
import type { DnsExchange } from '../../dns/types.ts';

/** One query of the evidence in JSON: name, type, server, rcode, answers with TTLs, time. */
export function exchangeJson(ex: DnsExchange) {
  return {
    name: ex.name,
    type: ex.type,
    server: ex.server,
    transport: ex.transport,
    rcode: ex.rcode,
    flags: ex.flags,
    answers: ex.answers.map((r) => ({
      name: r.name,
      type: recordType(r),
      ttl: r.ttl,
      data: formatRecordData(r.data),
    })),
    authority: ex.authority.map((r) => ({
      name: r.name,
      type: recordType(r),
      ttl: r.ttl,
      data: formatRecordData(r.data),
    })),
    time: isoTime(ex.sentAt),
    elapsedMs: Math.round(ex.elapsedMs * 100) / 100,
    ...(ex.error ? { error: ex.error } : {}),
  };
}

/** The `--json` object of `mxray check` (documented in the README). */
export function checkReportJson(report: DomainReport) {
  return {
    domain: report.domain,
    verdict: report.verdict,
    headline: report.headline,
    provider: report.provider,
    providers: report.providers,
    checkedAt: isoTime(report.checkedAt),
    selectors: report.selectors,
    findings: report.findings.map((f) => ({
      id: f.id,
      severity: f.severity,
      subject: f.subject,
      summary: f.summary,
      explanation: f.explanation,
      fix: f.fix,
      evidence: f.evidence.map(exchangeJson),
      ...(f.data ? { data: f.data } : {}),
    })),
  };
}
