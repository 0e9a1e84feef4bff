import type { DnsCause, MessageAuthentication } from '../../authenticate/index.ts';
import type { Finding } from '../../findings/finding.ts';
import { fieldValue, type RawMessage } from '../../mail/index.ts';
import type { Colors } from '../io.ts';
import { exchangeJson } from './check-json.ts';
import { renderFinding, wrap } from './findings.ts';

/** A DNS cause with the findings of its diagnosis (empty when only a pointer is given). */
export interface CauseDiagnosis {
  cause: DnsCause;
  findings: Finding[];
}

const PASSING = new Set(['pass']);
const NEUTRAL = new Set(['none', 'neutral']);

function mark(result: string, c: Colors): string {
  const word = result.padEnd(9);
  if (PASSING.has(result)) return c.green(word);
  if (NEUTRAL.has(result)) return c.yellow(word);
  return c.red(word);
}

/** One line, cut to `width` characters so the report stays on one screen. */
function clip(text: string, width = 100): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/**
 * The `mxray verify` report for a terminal: the connection facts and where they came from, one
 * line per method with result and reason, the disposition, the Authentication-Results we would
 * add, then the DNS diagnosis of each failure.
 */
export function renderVerify(
  file: string,
  message: RawMessage,
  auth: MessageAuthentication,
  diagnoses: readonly CauseDiagnosis[],
  c: Colors,
): string {
  const lines: string[] = [];
  const subject = message.get('subject');
  const from = message.getAll('from')[0];
  lines.push(
    c.bold(file),
    c.dim(
      clip(
        `  From: ${from ? fieldValue(from) : '(none)'}${subject ? `   Subject: ${fieldValue(subject)}` : ''}`,
      ),
    ),
  );
  const k = auth.connection;
  const facts = `ip ${k.ip ?? '?'}  helo ${k.helo ?? '?'}  mail from <${k.mailFrom ?? '?'}>`;
  lines.push(`  connection: ${facts}`);
  const fromHeaders = (['ip', 'helo', 'mailFrom'] as const).filter((f) => k.source[f] !== 'option');
  if (fromHeaders.length > 0) {
    const where = k.received
      ? `Received #${k.received.hop}${k.received.by ? ` (by ${k.received.by})` : ''}: ${k.received.why}`
      : 'the message headers';
    const missing = fromHeaders.filter((f) => k.source[f] === 'none');
    lines.push(
      c.dim(
        wrap(
          `${fromHeaders.join(', ')} taken from ${where}${k.source.mailFrom === 'return-path' ? '; MAIL FROM from Return-Path' : ''}${missing.length > 0 ? `; unknown: ${missing.join(', ')}` : ''}`,
          '    ',
          100,
        ),
      ),
    );
  }
  lines.push('');
  lines.push(method('SPF', auth.spf.result, `${auth.spf.domain || '-'}: ${auth.spf.reason}`, c));
  if (auth.dkim.length === 0) lines.push(method('DKIM', 'none', 'the message is not signed', c));
  for (const sig of auth.dkim) {
    lines.push(method('DKIM', sig.result, `d=${sig.domain} s=${sig.selector}: ${sig.message}`, c));
  }
  const arc = auth.arc;
  lines.push(
    method(
      'ARC',
      arc.result,
      arc.result === 'none'
        ? 'no ARC chain'
        : `i=${arc.instance}${arc.sealer ? ` sealed by ${arc.sealer}` : ''}: ${arc.reason}`,
      c,
    ),
  );
  lines.push(
    method('DMARC', auth.dmarc.result, `${auth.dmarc.domain || '-'}: ${auth.dmarc.reason}`, c),
  );
  lines.push('', `  disposition: ${c.bold(disposition(auth))}`);
  if (auth.dmarc.result === 'fail' && arc.result === 'pass') {
    // RFC 8617 7.2.1: a receiver may override a DMARC failure for a chain it trusts.
    lines.push(
      c.dim(
        `    ARC passes: a receiver that trusts ${arc.sealer ?? 'the sealers'} may deliver it anyway (RFC 8617 7.2.1)`,
      ),
    );
  }
  for (const p of auth.messageProblems) lines.push(c.yellow(`  message problem: ${p}`));
  lines.push('', c.dim('  Authentication-Results we would add:'));
  const parts = auth.authenticationResults.split('; ');
  for (const [i, p] of parts.entries()) {
    const text = `${i === 0 ? 'Authentication-Results: ' : ''}${p}${i < parts.length - 1 ? ';' : ''}`;
    // Continuation lines sit deeper than the result they belong to.
    lines.push(wrap(text, '        ', 110).replace(/^ {8}/, i === 0 ? '    ' : '      '));
  }
  if (diagnoses.length > 0) lines.push('', c.bold('DNS causes'));
  for (const d of diagnoses) lines.push(...renderCause(d, c));
  return `${lines.join('\n')}\n`;
}

/** `  DKIM   permerror d=... reason`, wrapped under the reason column. */
function method(name: string, result: string, text: string, c: Colors): string {
  const body = wrap(text, ' '.repeat(19), 110).slice(19);
  return `  ${name.padEnd(6)} ${mark(result, c)} ${body}`;
}

function disposition(auth: MessageAuthentication): string {
  const d = auth.dmarc;
  switch (d.disposition) {
    case 'reject':
      return `reject (DMARC ${d.result}; ${d.domain} asks receivers to reject)`;
    case 'quarantine':
      return `quarantine (DMARC ${d.result}; ${d.domain} asks receivers to put it in spam)`;
    case 'none':
      return d.result === 'pass'
        ? 'deliver (DMARC pass)'
        : `none (DMARC ${d.result}: no policy is applied)`;
  }
}

function renderCause(d: CauseDiagnosis, c: Colors): string[] {
  const { cause } = d;
  const head = `  ${cause.method.toUpperCase()} ${cause.name}`;
  if (cause.method === 'dkim' || cause.method === 'arc') {
    const out = [`${head}  ${c.dim(`(${cause.status})`)}`];
    const shown = d.findings.filter((f) => f.severity !== 'ok' && f.severity !== 'info');
    for (const f of shown.length > 0 ? shown : d.findings) out.push(renderFinding(f, c, false));
    if (d.findings.length === 0) out.push(c.dim(`    ${cause.summary}`));
    return out;
  }
  return [
    head,
    c.dim(wrap(cause.summary, '    ', 110)),
    c.dim(`    next: mxray check ${cause.domain}`),
  ];
}

/** The `--json` object of `mxray verify` (documented in docs/verify.md). */
export function verifyJson(
  file: string,
  auth: MessageAuthentication,
  diagnoses: readonly CauseDiagnosis[],
) {
  return {
    file,
    connection: auth.connection,
    spf: {
      result: auth.spf.result,
      domain: auth.spf.domain,
      identity: auth.spf.identity,
      reason: auth.spf.reason,
      ...(auth.spf.evaluation?.mechanism ? { mechanism: auth.spf.evaluation.mechanism } : {}),
    },
    dkim: auth.dkim.map((s) => ({
      domain: s.domain,
      selector: s.selector,
      result: s.result,
      reason: s.message,
      code: s.reason,
      keyName: s.keyName,
      algorithm: s.algorithm,
      identity: s.identity,
    })),
    arc: {
      result: auth.arc.result,
      instance: auth.arc.instance,
      sealer: auth.arc.sealer,
      reason: auth.arc.reason,
      ...(auth.arc.verification.failure ? { failure: auth.arc.verification.failure } : {}),
      ...(auth.arc.verification.failedInstance !== undefined
        ? { failedInstance: auth.arc.verification.failedInstance }
        : {}),
    },
    dmarc: {
      result: auth.dmarc.result,
      policy: auth.dmarc.disposition,
      domain: auth.dmarc.domain,
      fromDomain: auth.dmarc.fromDomain,
      requestedPolicy: auth.dmarc.evaluation?.requestedPolicy ?? null,
      reason: auth.dmarc.reason,
    },
    authenticationResults: auth.authenticationResults,
    dnsCauses: diagnoses.map((d) => ({
      method: d.cause.method,
      domain: d.cause.domain,
      name: d.cause.name,
      summary: d.cause.summary,
      check: `mxray check ${d.cause.domain}${d.cause.method === 'dkim' || d.cause.method === 'arc' ? ` --selector ${d.cause.selector}` : ''}`,
      findings: d.findings.map((f) => ({ ...f, evidence: f.evidence.map(exchangeJson) })),
    })),
    messageProblems: auth.messageProblems,
  };
}
