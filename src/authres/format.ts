import type { AuthResResultInput } from './types.ts';

/** Options of {@link formatAuthenticationResults}. */
export interface FormatOptions {
  /** RFC 8601 2.2 authres-version to write after the authserv-id. */
  version?: number;
  /** RFC 8617 4.1.1: write `i=N; ` first, for an ARC-Authentication-Results value. */
  instance?: number;
  /** Put each result on its own folded line (`;\r\n\t`), as most MTAs write long headers. */
  fold?: boolean;
}

/** Characters a value may have without quotes: RFC 2045 token characters, plus "@" for addresses. */
const BARE = /^[A-Za-z0-9!#$%&'*+\-.^_`{|}~]*@?[A-Za-z0-9!#$%&'*+\-.^_`{|}~]+$/;
const KEYWORD = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Writes an Authentication-Results value (RFC 8601 2.2) from structured results: `none` when
 * there are none, values quoted when they are not tokens, comments escaped. Pure: no I/O.
 * @example formatAuthenticationResults('mx.example.net', [{ method: 'spf', result: 'pass', properties: [{ ptype: 'smtp', property: 'mailfrom', value: 'example.com' }] }])
 * // 'mx.example.net; spf=pass smtp.mailfrom=example.com'
 */
export function formatAuthenticationResults(
  authservId: string,
  results: readonly AuthResResultInput[],
  options: FormatOptions = {},
): string {
  if (authservId.trim() === '') throw new RangeError('the authserv-id is empty');
  let head = formatValue(authservId);
  if (options.version !== undefined) head += ` ${options.version}`;
  if (options.instance !== undefined) head = `i=${options.instance}; ${head}`;
  const parts = results.length === 0 ? ['none'] : results.map(formatResult);
  return [head, ...parts].join(options.fold ? ';\r\n\t' : '; ');
}

function formatResult(r: AuthResResultInput): string {
  if (!KEYWORD.test(r.method)) throw new RangeError(`invalid method "${r.method}"`);
  if (!KEYWORD.test(r.result)) throw new RangeError(`invalid result "${r.result}"`);
  let text = `${r.method}${r.methodVersion ? `/${r.methodVersion}` : ''}=${r.result}`;
  if (r.comment) text += ` (${escapeComment(r.comment)})`;
  if (r.reason !== undefined) text += ` reason=${formatValue(r.reason)}`;
  for (const p of r.properties ?? []) {
    const name = p.ptype === '' ? p.property : `${p.ptype}.${p.property}`;
    if (!KEYWORD.test(name)) throw new RangeError(`invalid property "${name}"`);
    text += ` ${name}=${formatValue(p.value)}`;
  }
  return text;
}

/** A token stays bare; anything else becomes a quoted string (RFC 5322 3.2.4). */
function formatValue(value: string): string {
  return BARE.test(value) ? value : `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function escapeComment(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
}
