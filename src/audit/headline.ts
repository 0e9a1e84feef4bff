import type { Finding } from '../findings/finding.ts';

/** Findings that say the most about whether mail gets through, most telling first. */
const HEADLINE_PRIORITY = [
  'DOMAIN_NXDOMAIN',
  'DKIM_NO_VALID_KEY',
  'DKIM_CNAME_DANGLING',
  'SPF_TOO_MANY_LOOKUPS',
  'SPF_MULTIPLE_RECORDS',
  'DMARC_MULTIPLE_RECORDS',
  'M365_CNAME_MISSING',
];

/**
 * The one line a person reads first, e.g. "Mail from example.com signed by Microsoft 365 will
 * fail DKIM: no key is published for selector1 or selector2".
 */
export function headline(
  domain: string,
  findings: readonly Finding[],
  provider: string | null,
): string {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  if (errors.length > 0) {
    const lead =
      HEADLINE_PRIORITY.map((id) => errors.find((f) => f.id === id)).find(Boolean) ?? errors[0];
    const others = errors.length - 1;
    const text = (lead?.summary ?? '').replace(/\.$/, '');
    return `${text}${others > 0 ? ` (and ${others} more error${others > 1 ? 's' : ''})` : ''}.`;
  }
  const via = provider ? ` (${provider})` : '';
  if (warnings.length > 0) {
    return `${domain}${via} authenticates mail, with ${warnings.length} warning${warnings.length > 1 ? 's' : ''}: ${warnings[0]?.summary ?? ''}`;
  }
  return `${domain}${via} passes: SPF, DKIM and DMARC are in place.`;
}
