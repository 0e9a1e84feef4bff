import { txtValue } from '../dns/types.ts';
import { expandDomainSpec, expandText, queryableName, type EvalState } from './evaluation-state.ts';
import { MAX_EXPLANATION_LENGTH } from './limits.ts';
import { parseMacroString } from './macro-syntax.ts';

/**
 * Evaluates `exp=` (RFC 7208 6.2): one TXT record at the expanded target, itself macro-expanded
 * with the explanation-only letters c, r, t. Any problem (DNS error, no record, several records,
 * a syntax error, non-ASCII) means no explanation, never a different result. Not counted against
 * the lookup limit (RFC 7208 4.6.4 lists only mechanisms and redirect).
 */
export async function evaluateExplanation(
  state: EvalState,
  spec: string,
  domain: string,
): Promise<string | null> {
  const target = queryableName(await expandDomainSpec(state, spec, domain));
  if (target === null) return null;
  const answer = await state.budget.query(target, 'TXT');
  if (!answer || answer.status !== 'ok' || answer.records.length !== 1) return null;
  const text = txtValue(answer.records[0] as (typeof answer.records)[number]);
  // RFC 7208 6.2: the explanation string is US-ASCII macro-string text with spaces.
  if (!parseMacroString(text, { explanation: true }).ok) return null;
  const expanded = await expandText(state, text, domain, true);
  return expanded.length > MAX_EXPLANATION_LENGTH
    ? `${expanded.slice(0, MAX_EXPLANATION_LENGTH)}…`
    : expanded;
}
