import type { DomainReport } from '../../audit/index.ts';
import type { Colors } from '../io.ts';
import { findingGroup, renderFinding } from './findings.ts';
import { printableData } from './printable.ts';
import { renderSpfAnalysis } from './spf.ts';

const GROUP_ORDER = ['DNS', 'MX', 'SPF', 'DMARC', 'DKIM', 'MTA-STS', 'TLS-RPT', 'BIMI'];

/** The `mxray check` report for a terminal: verdict line first, then findings by protocol. */
export function renderCheck(
  input: DomainReport,
  c: Colors,
  options: { evidence: boolean },
): string {
  // Headline, selectors and the SPF tree quote DNS data: escape its control characters. Evidence
  // is left as it is: the transcript escapes TXT bytes itself, then each of its lines is escaped.
  const report: DomainReport = {
    ...printableData({ ...input, findings: [] }),
    findings: input.findings.map((f) => ({
      ...printableData({ ...f, evidence: [] }),
      evidence: f.evidence,
    })),
  };
  const verdict =
    report.verdict === 'fail'
      ? c.red(c.bold('FAIL'))
      : report.verdict === 'warn'
        ? c.yellow(c.bold('WARN'))
        : c.green(c.bold('PASS'));
  const lines = [`${verdict} ${c.bold(report.domain)}: ${report.headline}`];
  if (report.providers.length > 0) {
    lines.push(
      c.dim(
        `provider: ${report.providers.map((p) => `${p.name} (by ${p.by.join(', ')})`).join(', ')}`,
      ),
    );
  }
  for (const group of GROUP_ORDER) {
    const findings = report.findings.filter(
      (f) => findingGroup(f.id) === group && f.id !== 'PROVIDER_DETECTED',
    );
    if (findings.length === 0) continue;
    lines.push('', c.bold(group));
    for (const f of findings) lines.push(renderFinding(f, c, options.evidence));
    if (group === 'SPF' && report.spf?.tree) {
      lines.push(
        ...renderSpfAnalysis(report.spf, c, { compact: true })
          .trimEnd()
          .split('\n')
          .map((l) => `    ${l}`),
      );
    }
    if (group === 'DKIM' && report.selectors.length > 0) {
      lines.push(c.dim('  selectors:'));
      for (const s of report.selectors) {
        const via = s.target ? `CNAME → ${s.target}` : s.publishedAs;
        lines.push(c.dim(`    ${s.selector.padEnd(12)} ${via} (${s.status})`));
      }
    }
  }
  const count = (sev: string) => report.findings.filter((f) => f.severity === sev).length;
  lines.push(
    '',
    c.dim(
      `${count('error')} error(s), ${count('warning')} warning(s)${options.evidence ? '' : ' — add --evidence for the DNS transcripts'}`,
    ),
  );
  return `${lines.join('\n')}\n`;
}
