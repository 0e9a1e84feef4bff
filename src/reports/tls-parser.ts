import type { ReportLimits } from './limits.ts';
import { resolveReportLimits } from './limits.ts';
import type { ParseOutcome, TlsFailureDetail, TlsPolicy, TlsReport } from './types.ts';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
// Trimmed, as aggregate reports are: a reporter's identity must not differ by white space (idempotency key).
const str = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : null;

/** A non-negative integer count; RFC 8460 4.4 counts are JSON numbers. */
function count(v: unknown): number | null {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null;
}

/** RFC 8460 4.4: date-time per RFC 3339; seconds since the epoch, or null when unparseable. */
function seconds(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  if (!/^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d(:\d\d(\.\d+)?)?([Zz]|[+-]\d\d:?\d\d)$/.test(v.trim())) {
    return null;
  }
  const ms = Date.parse(v.trim());
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

/** A string or a list of strings (`mx-host` is a string in the RFC example, a list in some). */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}

function failureDetail(d: Json, where: string): TlsFailureDetail | string {
  const resultType = str(d['result-type']);
  if (!resultType) return `${where}: result-type is missing`;
  const failed = count(d['failed-session-count']);
  if (failed === null) return `${where}: failed-session-count is not a non-negative integer`;
  return {
    resultType: resultType.toLowerCase(),
    sendingMtaIp: str(d['sending-mta-ip']),
    receivingMxHostname: str(d['receiving-mx-hostname'])?.toLowerCase() ?? null,
    receivingMxHelo: str(d['receiving-mx-helo']),
    receivingIp: str(d['receiving-ip']),
    failedSessionCount: failed,
    additionalInformation: str(d['additional-information']),
    failureReasonCode: str(d['failure-reason-code']),
  };
}

function policy(p: unknown, i: number, limits: ReportLimits): TlsPolicy | string {
  const where = `policies[${i}]`;
  if (!isObject(p) || !isObject(p.policy)) return `${where}: policy is missing`;
  const pol = p.policy;
  const type = str(pol['policy-type']);
  const domain = str(pol['policy-domain']);
  if (!type) return `${where}: policy-type is missing`;
  if (!domain) return `${where}: policy-domain is missing`;
  const summary = isObject(p.summary) ? p.summary : {};
  const success = count(summary['total-successful-session-count']);
  const failure = count(summary['total-failure-session-count']);
  if (success === null || failure === null) return `${where}: summary counts are not integers`;
  const rawDetails = Array.isArray(p['failure-details']) ? p['failure-details'] : [];
  if (rawDetails.length > limits.maxTlsEntries) {
    return `${where}: more than ${limits.maxTlsEntries} failure-details`;
  }
  const failures: TlsFailureDetail[] = [];
  for (const [j, d] of rawDetails.entries()) {
    if (!isObject(d)) return `${where}.failure-details[${j}] is not an object`;
    const detail = failureDetail(d, `${where}.failure-details[${j}]`);
    if (typeof detail === 'string') return detail;
    failures.push(detail);
  }
  return {
    policyType: type.toLowerCase(),
    policyDomain: domain.toLowerCase(),
    policyString: strings(pol['policy-string']),
    mxHost: strings(pol['mx-host']),
    successCount: success,
    failureCount: failure,
    failures,
  };
}

/**
 * Parses an SMTP TLS report (RFC 8460 section 4.4, JSON). Strict about the identity, the window
 * and the counts; tolerant of missing optional fields (`contact-info`, `policy-string`, `mx-host`).
 * @example const outcome = parseTlsReport(readFileSync('google.com!example.com!...json'));
 */
export function parseTlsReport(
  bytes: Uint8Array,
  options: { limits?: Partial<ReportLimits> } = {},
): ParseOutcome<TlsReport> {
  const limits = resolveReportLimits(options.limits);
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
  } catch (err) {
    return { ok: false, reason: `malformed JSON: ${(err as Error).message}` };
  }
  if (!isObject(data)) return { ok: false, reason: 'a TLS report must be a JSON object' };
  const orgName = str(data['organization-name']);
  if (!orgName) return { ok: false, reason: 'organization-name is missing' };
  const reportId = str(data['report-id']);
  if (!reportId) return { ok: false, reason: 'report-id is missing' };
  const range = isObject(data['date-range']) ? data['date-range'] : {};
  const begin = seconds(range['start-datetime']);
  const end = seconds(range['end-datetime']);
  if (begin === null) return { ok: false, reason: 'date-range/start-datetime is not a date-time' };
  if (end === null) return { ok: false, reason: 'date-range/end-datetime is not a date-time' };
  if (end < begin) return { ok: false, reason: 'date-range ends before it starts' };
  const rawPolicies = Array.isArray(data.policies) ? data.policies : null;
  if (!rawPolicies) return { ok: false, reason: 'policies is missing' };
  if (rawPolicies.length > limits.maxTlsEntries) {
    return { ok: false, reason: `more than ${limits.maxTlsEntries} policies` };
  }
  const policies: TlsPolicy[] = [];
  for (const [i, p] of rawPolicies.entries()) {
    const parsed = policy(p, i, limits);
    if (typeof parsed === 'string') return { ok: false, reason: parsed };
    policies.push(parsed);
  }
  return {
    ok: true,
    report: {
      kind: 'tls',
      orgName,
      reportId,
      contactInfo: str(data['contact-info']),
      begin,
      end,
      policies,
    },
  };
}
