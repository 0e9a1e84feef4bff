import type { DnsExchange } from '../dns/types.ts';

/** How much a finding matters. `ok` records a check that passed, so reports show what was verified. */
export type Severity = 'error' | 'warning' | 'info' | 'ok';

/** Severity order, most severe first. */
export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info', 'ok'];

/**
 * What a person reads: one result of an audit or verification. `id` is stable (documented in
 * docs/findings.md) so users can filter, alert on and suppress findings.
 */
export interface Finding {
  /** Stable SCREAMING_SNAKE identifier, e.g. `DKIM_CNAME_DANGLING`. */
  id: string;
  severity: Severity;
  /** What the finding is about: a DNS name, a selector, a record. */
  subject: string;
  /** One line, plain words. */
  summary: string;
  /** Why it matters: who fails what, and what the DMARC policy does to such mail. */
  explanation: string;
  /** What to do, concretely. Empty for `ok` findings. */
  fix: string;
  /** The queries that support the finding, each with server, rcode, answers with TTLs and time. */
  evidence: DnsExchange[];
  /** Machine-readable details specific to the finding (selector, lookup count, key bits…). */
  data?: Record<string, unknown>;
}

/** The worst severity among findings, or `ok` when there are none. */
export function worstSeverity(findings: readonly Finding[]): Severity {
  for (const s of SEVERITY_ORDER) if (findings.some((f) => f.severity === s)) return s;
  return 'ok';
}
