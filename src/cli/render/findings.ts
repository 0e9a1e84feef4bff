import type { Finding, Severity } from '../../findings/finding.ts';
import type { Colors } from '../io.ts';
import { formatTranscript } from './dig.ts';
import { printable } from './printable.ts';

/** The protocol a finding belongs to, for grouping in human output. */
export function findingGroup(id: string): string {
  if (id.startsWith('DKIM_') || id.startsWith('M365_') || id === 'PROVIDER_SELECTOR_MISSING')
    return 'DKIM';
  if (id.startsWith('SPF_')) return 'SPF';
  if (id.startsWith('DMARC_')) return 'DMARC';
  if (id.startsWith('MX_')) return 'MX';
  if (id.startsWith('MTASTS_')) return 'MTA-STS';
  if (id.startsWith('TLSRPT_')) return 'TLS-RPT';
  if (id.startsWith('BIMI_')) return 'BIMI';
  return 'DNS';
}

/** A severity as a coloured symbol. */
export function severityMark(severity: Severity, c: Colors): string {
  switch (severity) {
    case 'error':
      return c.red('✗');
    case 'warning':
      return c.yellow('!');
    case 'info':
      return c.blue('i');
    case 'ok':
      return c.green('✓');
  }
}

/** Wraps text to `width` columns with an indent on every line. */
export function wrap(text: string, indent: string, width = 100): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}

/**
 * One finding: mark, ID and summary; for errors and warnings also why and the fix; with
 * `evidence`, the dig-style transcript of its queries.
 */
export function renderFinding(finding: Finding, c: Colors, evidence: boolean): string {
  // Summaries quote DNS data: control characters in it are escaped, never sent to the terminal.
  const out = [
    `  ${severityMark(finding.severity, c)} ${c.dim(finding.id)}  ${printable(finding.summary)}`,
  ];
  if (finding.severity === 'error' || finding.severity === 'warning') {
    if (finding.explanation)
      out.push(wrap(`why: ${printable(finding.explanation)}`, '      ', 100));
    if (finding.fix) out.push(wrap(`fix: ${printable(finding.fix)}`, '      ', 100));
  }
  if (evidence && finding.evidence.length > 0) {
    out.push(
      formatTranscript(finding.evidence)
        .split('\n')
        .map((l) => `      ${c.gray(printable(l))}`)
        .join('\n'),
    );
  }
  return out.join('\n');
}
