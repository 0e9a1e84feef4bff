/**
 * Evaluates the chai assertions copied from mailauth's DMARC tests (strings such as
 * `expect(result.status.result).to.equal('pass')`) against a plain object, without chai.
 */

export interface ParsedAssertion {
  text: string;
  /** The expression inside expect(...). */
  actual: string;
  /** The chain after it: `to.equal`, `to.not.be.ok`, ... */
  chain: string;
  /** The argument of the final call, if any, as source text. */
  argument?: string;
}

/** Extracts every `expect(...)` assertion from one assertion line (some lines hold two). */
export function parseAssertions(line: string): ParsedAssertion[] {
  const out: ParsedAssertion[] = [];
  let i = line.indexOf('expect(');
  while (i >= 0) {
    const start = i;
    const [actual, afterActual] = balanced(line, i + 'expect'.length);
    let j = afterActual;
    const chain = /^(\.[a-zA-Z]+)+/.exec(line.slice(j))?.[0] ?? '';
    j += chain.length;
    let argument: string | undefined;
    if (line[j] === '(') {
      const [arg, after] = balanced(line, j);
      argument = arg;
      j = after;
    }
    out.push({
      text: line.slice(start, j),
      actual,
      chain: chain.slice(1),
      ...(argument !== undefined ? { argument } : {}),
    });
    i = line.indexOf('expect(', j);
  }
  return out;
}

/** The text inside the parentheses opening at `open`, and the index after the closing one. */
function balanced(text: string, open: number): [string, number] {
  let depth = 0;
  let quote: string | null = null;
  for (let k = open; k < text.length; k++) {
    const c = text[k];
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return [text.slice(open + 1, k), k + 1];
  }
  throw new Error(`unbalanced parentheses in ${text}`);
}

/** A JavaScript literal of the assertions: strings, numbers, booleans, arrays of strings. */
export function literal(source: string): unknown {
  const s = source.trim();
  if (/^'.*'$/s.test(s)) return s.slice(1, -1);
  if (s === 'true' || s === 'false') return s === 'true';
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  if (s.startsWith('[')) return JSON.parse(s.replace(/'/g, '"'));
  throw new Error(`unsupported literal ${s}`);
}

/** Reads a dotted path (`result.status.result`, `typeof result.pct`) from named roots. */
export function readActual(actual: string, roots: Record<string, unknown>): unknown {
  const typeOf = actual.startsWith('typeof ');
  const path = (typeOf ? actual.slice(7) : actual).trim();
  let value: unknown = roots;
  for (const key of path.split('.')) {
    value =
      value !== null && typeof value === 'object'
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  return typeOf ? typeof value : value;
}

/** Checks one assertion; returns null when it holds, else what differed. */
export function check(assertion: ParsedAssertion, value: unknown): string | null {
  const expected = assertion.argument !== undefined ? literal(assertion.argument) : undefined;
  const ok = (() => {
    switch (assertion.chain) {
      case 'to.equal':
        return value === expected;
      case 'to.deep.equal':
        return JSON.stringify(value) === JSON.stringify(expected);
      case 'to.be.false':
        return value === false;
      case 'to.be.true':
        return value === true;
      case 'to.be.undefined':
        return value === undefined;
      case 'to.not.be.ok':
        return !value;
      case 'to.include':
      case 'to.contain':
        return typeof value === 'string' && value.includes(String(expected));
      case 'to.be.a':
      case 'to.be.an':
        return expected === 'object'
          ? value !== null && typeof value === 'object'
          : typeof value === expected;
      case 'to.not.have.property':
        return value !== null && typeof value === 'object' && !(String(expected) in value);
      default:
        throw new Error(`unsupported chain ${assertion.chain}`);
    }
  })();
  return ok ? null : `${assertion.text}: got ${JSON.stringify(value)}`;
}
