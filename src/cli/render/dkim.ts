import { assertNever } from '../../base/assert-never.ts';
import type { DkimResult, DkimSignatureResult, DkimVerification } from '../../dkim/index.ts';
import type { Finding } from '../../findings/finding.ts';
import type { Colors } from '../io.ts';
import { renderFinding } from './findings.ts';

/** Reasons whose cause is in DNS: the command diagnoses the selector as `mxray check` would. */
export const DNS_CAUSED_REASONS: ReadonlySet<string> = new Set([
  'key-nxdomain',
  'key-nodata',
  'key-dns-error',
  'key-cname-broken',
  'key-syntax',
  'key-revoked',
  'key-too-small',
]);

function mark(result: DkimResult, c: Colors): string {
  switch (result) {
    case 'pass':
      return c.green('pass');
    case 'fail':
      return c.red('fail');
    case 'permerror':
    case 'temperror':
      return c.red(result);
    case 'neutral':
    case 'policy':
      return c.yellow(result);
    default:
      return assertNever(result, 'DKIM result');
  }
}

/** What to do next for a signature that did not pass. */
export function nextStep(sig: DkimSignatureResult): string | null {
  if (sig.result === 'pass') return null;
  if (DNS_CAUSED_REASONS.has(sig.reason)) {
    return `run \`mxray check ${sig.domain} --selector ${sig.selector}\` to audit the key record`;
  }
  switch (sig.reason) {
    case 'body-hash-mismatch':
      return 'the body changed in transit: look for a mailing list footer, an antivirus banner or a gateway that rewrites content';
    case 'signature-mismatch':
      return 'a signed header changed in transit (Subject tag, rewritten From) or the published key is not the signing key';
    case 'signature-expired':
      return 'the signer sets a short x= expiry; ask them to lengthen it';
    default:
      return null;
  }
}

/**
 * The human report of one message: each signature with its result, reason and sentence, what to
 * do next, and for DNS causes the findings `mxray check` gives for that selector.
 */
export function renderDkimVerification(
  file: string,
  verification: DkimVerification,
  diagnoses: ReadonlyMap<number, Finding[]>,
  c: Colors,
  evidence = false,
): string {
  const out = [c.bold(file)];
  if (verification.messageProblem) {
    out.push(
      `  ${c.red('permerror')} the message could not be read: ${verification.messageProblem.message}`,
    );
  }
  if (verification.signatures.length === 0) out.push(`  ${c.gray('none')} no DKIM-Signature`);
  for (const sig of verification.signatures) {
    const who = `d=${sig.domain || '?'} s=${sig.selector || '?'} a=${sig.algorithm || '?'}`;
    out.push(`  ${mark(sig.result, c)} ${who} ${c.dim(`(${sig.reason})`)}`);
    out.push(`      ${sig.message}`);
    if (sig.key?.testing)
      out.push(`      ${c.yellow('note')}: the key has t=y (the domain says it is testing DKIM)`);
    const next = nextStep(sig);
    if (next) out.push(`      ${c.cyan('next')}: ${next}`);
    for (const f of diagnoses.get(sig.index) ?? [])
      out.push(renderFinding(f, c, evidence).replace(/^ {2}/gm, '      '));
  }
  return out.join('\n');
}

/** One JSON line per message (`--json`). */
export function renderDkimJsonLine(file: string, verification: DkimVerification): string {
  return JSON.stringify({
    file,
    ...(verification.messageProblem ? { error: verification.messageProblem.message } : {}),
    signatures: verification.signatures.map((s) => ({
      domain: s.domain,
      selector: s.selector,
      algorithm: s.algorithm,
      result: s.result,
      reason: s.reason,
    })),
  });
}
