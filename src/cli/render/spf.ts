import type {
  SpfDnsStep,
  SpfEvaluation,
  SpfNode,
  SpfPolicyAnalysis,
  SpfResult,
  SpfTermNode,
} from '../../spf/index.ts';
import { assertNever } from '../../base/assert-never.ts';
import type { Colors } from '../io.ts';

/** The RFC 7208 lookup limit, for "n/10" displays. */
const LOOKUP_LIMIT = 10;
const VOID_LIMIT = 2;

/** The result word in the colour of its meaning. */
export function colorResult(result: SpfResult, c: Colors): string {
  switch (result) {
    case 'pass':
      return c.green(c.bold(result));
    case 'fail':
    case 'permerror':
      return c.red(c.bold(result));
    case 'softfail':
    case 'temperror':
      return c.yellow(c.bold(result));
    case 'neutral':
    case 'none':
      return c.gray(c.bold(result));
    default:
      return assertNever(result, 'SPF result');
  }
}

/** `mxray spf` output: the result, reason, explanation, counts, then the tree. */
export function renderSpfEvaluation(
  evaluation: SpfEvaluation & { identity?: string },
  c: Colors,
): string {
  const lines = [
    `SPF ${colorResult(evaluation.result, c)} for ${c.bold(evaluation.domain)}${evaluation.identity ? c.dim(` (${evaluation.identity} identity)`) : ''}`,
    `  reason:      ${evaluation.reason}`,
  ];
  if (evaluation.mechanism) lines.push(`  mechanism:   ${evaluation.mechanism}`);
  if (evaluation.explanation !== undefined) lines.push(`  explanation: ${evaluation.explanation}`);
  lines.push(
    `  lookups:     ${evaluation.lookups}/${LOOKUP_LIMIT}, void ${evaluation.voidLookups}/${VOID_LIMIT}, ${evaluation.exchanges.length} DNS queries`,
    '',
    ...renderSpfTree(evaluation.tree, c),
  );
  return `${lines.join('\n')}\n`;
}

/**
 * The evaluation (or analysis) tree, one line per record and per term, indented by include depth:
 * each term with its outcome, lookups in its branch and the running count, and what DNS said.
 */
export function renderSpfTree(
  node: SpfNode,
  c: Colors,
  depth = 0,
  overflowAt?: string,
  compact = false,
): string[] {
  const pad = '  '.repeat(depth);
  const status = node.dns.map((d) => `${d.type} ${d.status}`).join(', ');
  const head = [
    `${pad}${c.bold(node.domain)}`,
    node.record !== undefined && !compact ? c.cyan(`"${node.record}"`) : '',
    status ? c.dim(`[${status}]`) : '',
    node.result !== undefined ? `→ ${colorResult(node.result, c)}` : '',
  ].filter((s) => s !== '');
  const lines = [head.join(' ')];
  if (node.syntaxError) {
    lines.push(
      `${pad}  ${c.red(`syntax error at position ${node.syntaxError.position}: ${node.syntaxError.message}`)}`,
    );
    if (node.record !== undefined) {
      lines.push(
        `${pad}  ${c.dim(node.record)}`,
        `${pad}  ${' '.repeat(node.syntaxError.position)}${c.red('^')}`,
      );
    }
  } else if (node.result !== undefined && node.terms.length === 0 && node.reason) {
    lines.push(`${pad}  ${c.dim(node.reason)}`);
  }
  for (const term of node.terms) {
    // Compact (mxray check): only the branches that cost lookups or went wrong.
    if (compact && term.lookups === 0 && term.voidLookups === 0 && term.outcome !== 'error')
      continue;
    lines.push(...renderTerm(term, c, depth + 1, overflowAt, node.domain, compact));
  }
  return lines;
}

function renderTerm(
  term: SpfTermNode,
  c: Colors,
  depth: number,
  overflowAt: string | undefined,
  domain: string,
  compact: boolean,
): string[] {
  const pad = '  '.repeat(depth);
  const mark = outcomeMark(term, c);
  const parts = [`${pad}${mark} ${term.text}`];
  if (term.result !== undefined && term.outcome !== 'no-match')
    parts.push(`→ ${colorResult(term.result, c)}`);
  if (term.lookups > 0) {
    parts.push(
      c.dim(
        `(${term.lookups} lookup${term.lookups === 1 ? '' : 's'}, total ${term.cumulativeLookups})`,
      ),
    );
  }
  if (term.voidLookups > 0) parts.push(c.yellow(`${term.voidLookups} void`));
  if (
    term.cumulativeLookups > LOOKUP_LIMIT &&
    term.cumulativeLookups - term.lookups < LOOKUP_LIMIT
  ) {
    parts.push(c.red(`← lookup ${LOOKUP_LIMIT + 1} happens here`));
  } else if (overflowAt !== undefined && overflowAt.endsWith(`${domain} → ${term.text}`)) {
    parts.push(c.red(`← lookup ${LOOKUP_LIMIT + 1} happens here`));
  }
  const lines = [parts.join(' ')];
  const dns = term.dns.map((d) => dnsText(d)).join('; ');
  if (dns && !compact) lines.push(`${pad}    ${c.dim(dns)}`);
  if (term.note)
    lines.push(`${pad}    ${term.outcome === 'error' ? c.red(term.note) : c.dim(term.note)}`);
  if (term.child) lines.push(...renderSpfTree(term.child, c, depth + 1, overflowAt, compact));
  return lines;
}

function outcomeMark(term: SpfTermNode, c: Colors): string {
  switch (term.outcome) {
    case 'match':
      return c.green('✓');
    case 'no-match':
      return c.gray('✗');
    case 'error':
      return c.red('!');
    case 'skipped':
      return c.gray('·');
    case 'static':
      return c.gray('•');
    default:
      return assertNever(term.outcome, 'term outcome');
  }
}

function dnsText(d: SpfDnsStep): string {
  const answers =
    d.answers.length > 0
      ? ` ${d.answers.slice(0, 4).join(', ')}${d.answers.length > 4 ? ` (+${d.answers.length - 4})` : ''}`
      : '';
  return `${d.name} ${d.type} ${d.status}${answers}${d.void ? ' (void)' : ''}`;
}

/**
 * The SPF part of `mxray check`: the policy tree with lookups per branch and the overflow point,
 * then the suggestion (which includes to flatten or drop).
 */
export function renderSpfAnalysis(
  analysis: SpfPolicyAnalysis,
  c: Colors,
  options: { compact?: boolean } = {},
): string {
  const lines = [
    `SPF policy of ${c.bold(analysis.domain)}: ${analysis.status}, ${analysis.totalLookups}/${LOOKUP_LIMIT} lookups, ${analysis.voidLookups}/${VOID_LIMIT} void`,
  ];
  if (analysis.tree) {
    lines.push(
      ...renderSpfTree(analysis.tree, c, 1, analysis.overflowAt, options.compact ?? false),
    );
  }
  if (analysis.overflowAt !== undefined)
    lines.push(c.red(`  lookup ${LOOKUP_LIMIT + 1} happens at: ${analysis.overflowAt}`));
  const s = analysis.suggestion;
  if (s && s.flatten.length > 0) {
    const list = s.flatten.map((f) => `${f.term} (${f.lookups} lookups)`).join(', ');
    lines.push(
      `  fix: ${s.excess} lookup${s.excess === 1 ? '' : 's'} too many. Flatten (replace with its ip4/ip6 ranges) or drop: ${list}.`,
    );
    const rest = s.costliest.filter((f) => !s.flatten.includes(f));
    if (rest.length > 0)
      lines.push(c.dim(`  other costs: ${rest.map((f) => `${f.term} ${f.lookups}`).join(', ')}`));
  }
  return `${lines.join('\n')}\n`;
}
