import type { ExplainedHeader, ExplainedResult } from '../../authenticate/index.ts';
import type { Finding } from '../../findings/finding.ts';
import type { Colors } from '../io.ts';
import { exchangeJson } from './check-json.ts';
import { renderFinding, wrap } from './findings.ts';

/** The live diagnosis of one selector a result named. */
export interface SelectorDiagnosis {
  /** `<selector>._domainkey.<domain>`. */
  name: string;
  domain: string;
  selector: string;
  findings: Finding[];
}

function outcomeMark(r: ExplainedResult, c: Colors): string {
  if (r.outcome === 'pass') return c.green('✓');
  if (r.outcome === 'none' || r.outcome === 'neutral') return c.yellow('·');
  return c.red('✗');
}

function about(r: ExplainedResult): string {
  const s = r.subject;
  const parts = [
    s.domain && (s.selector ? `${s.domain} s=${s.selector}` : s.domain),
    s.identity && s.identity !== s.domain && s.identity !== `@${s.domain}` ? s.identity : '',
    s.ip ? `ip ${s.ip}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? ` — ${parts.join(', ')}` : '';
}

/**
 * The `mxray explain` report: per pasted field, one line per method (the receiver's words, then
 * mxray's outcome); for anything but a pass, what it means, the receiver's notes, and the live
 * diagnosis of a named selector or the domain check to run.
 */
export function renderExplain(
  headers: readonly ExplainedHeader[],
  diagnoses: readonly SelectorDiagnosis[],
  c: Colors,
  options: { live: boolean },
): string {
  const lines: string[] = [];
  const shown = new Set<string>();
  for (const h of headers) {
    if (lines.length > 0) lines.push('');
    const inst = h.instance !== undefined ? ` i=${h.instance}` : '';
    lines.push(
      `${c.bold(`${h.field}${inst}`)} ${c.dim(`(line ${h.line})`)} by ${h.authservId || '(no authserv-id)'} ${c.dim(`— ${h.receiver}`)}`,
    );
    for (const r of h.results) {
      lines.push(
        `  ${outcomeMark(r, c)} ${r.receiverWords.length > 70 ? `${r.receiverWords.slice(0, 69)}…` : r.receiverWords}  → ${c.bold(r.outcome)}${about(r)}`,
      );
      if (r.outcome === 'pass') continue;
      lines.push(c.dim(wrap(`means: ${r.meaning}`, '      ', 100)));
      for (const note of r.notes) lines.push(c.dim(wrap(note, '      ', 100)));
      const t = r.diagnose;
      if (t?.kind === 'dkim-selector') {
        const name = `${t.selector}._domainkey.${t.domain}`;
        const d = diagnoses.find((x) => x.name === name);
        if (!options.live)
          lines.push(c.dim(`      next: mxray check ${t.domain} --selector ${t.selector}`));
        else if (d && shown.has(name)) lines.push(c.dim(`      DNS ${name}: see above`));
        else if (d) {
          shown.add(name);
          lines.push(`      DNS ${name} now:`);
          const findings = d.findings.length > 0 ? d.findings : [];
          if (findings.length === 0)
            lines.push(c.dim('        no problem found with the key record'));
          for (const f of findings) {
            lines.push(renderFinding(f, c, false).replace(/^/gm, '    '));
          }
        }
      } else if (t?.kind === 'domain') {
        lines.push(c.dim(wrap(`next: mxray check ${t.domain} (${t.why})`, '      ', 100)));
      }
    }
    if (h.unparsed) lines.push(c.yellow(`  unread: ${h.unparsed.slice(0, 80)}`));
  }
  return `${lines.join('\n')}\n`;
}

/** The `--json` object of `mxray explain` (documented in docs/verify.md). */
export function explainJson(
  headers: readonly ExplainedHeader[],
  diagnoses: readonly SelectorDiagnosis[],
) {
  return {
    headers,
    diagnoses: diagnoses.map((d) => ({
      ...d,
      findings: d.findings.map((f) => ({ ...f, evidence: f.evidence.map(exchangeJson) })),
    })),
  };
}
