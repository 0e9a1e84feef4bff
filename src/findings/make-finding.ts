import type { DnsAnswer, DnsExchange } from '../dns/types.ts';
import type { Finding, Severity } from './finding.ts';
import { FINDINGS, type FindingId } from './registry.ts';

/** The fields of a finding besides its ID; severity defaults to the registry's. */
export interface FindingFields {
  severity?: Severity;
  subject: string;
  summary: string;
  explanation: string;
  fix?: string;
  evidence?: ReadonlyArray<DnsAnswer | DnsExchange | undefined>;
  data?: Record<string, unknown>;
}

/** Builds a {@link Finding} for a registered ID, flattening answers into their exchanges. */
export function makeFinding(id: FindingId, fields: FindingFields): Finding {
  const evidence: DnsExchange[] = [];
  for (const item of fields.evidence ?? []) {
    if (!item) continue;
    if ('exchanges' in item) evidence.push(...item.exchanges);
    else evidence.push(item);
  }
  const finding: Finding = {
    id,
    severity: fields.severity ?? FINDINGS[id].severity,
    subject: fields.subject,
    summary: fields.summary,
    explanation: fields.explanation,
    fix: fields.fix ?? '',
    evidence: dedupeExchanges(evidence),
  };
  if (fields.data) finding.data = fields.data;
  return finding;
}

/** The same exchange can support a finding through two answers (a shared CNAME hop); keep one. */
function dedupeExchanges(exchanges: DnsExchange[]): DnsExchange[] {
  const seen = new Set<DnsExchange>();
  return exchanges.filter((e) => (seen.has(e) ? false : (seen.add(e), true)));
}
