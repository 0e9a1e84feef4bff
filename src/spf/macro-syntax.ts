/**
 * The macro-string grammar of RFC 7208 7.1, tokenised once so parsing can report positions and
 * expansion never meets a malformed macro.
 */

/** Letters valid everywhere (RFC 7208 7.2). */
const DOMAIN_LETTERS = 'slodiphv';
/** Letters valid only in explanation text (RFC 7208 7.2: c, r, t). */
const EXP_ONLY_LETTERS = 'crt';
/** RFC 7208 7.1: delimiter = "." / "-" / "+" / "," / "/" / "_" / "=". */
const DELIMITERS = '.-+,/_=';

export type MacroToken =
  | { kind: 'literal'; text: string }
  | {
      kind: 'macro';
      /** The letter as written; upper case asks for URL escaping (RFC 7208 7.3). */
      letter: string;
      /** Right-hand parts to keep; undefined keeps all. */
      digits?: number;
      reverse: boolean;
      /** Characters to split on; "." when none is given. */
      delimiters: string;
    };

export type MacroParse =
  { ok: true; tokens: MacroToken[] } | { ok: false; message: string; offset: number };

export interface MacroSyntaxOptions {
  /** Explanation text: allows c, r, t and spaces (RFC 7208 7.1 explain-string). */
  explanation?: boolean;
}

/**
 * Tokenises a macro-string. Literals are the visible ASCII characters except "%" (RFC 7208 7.1
 * macro-literal); "%%", "%_" and "%-" expand to "%", " " and "%20".
 */
export function parseMacroString(text: string, options: MacroSyntaxOptions = {}): MacroParse {
  const tokens: MacroToken[] = [];
  let literal = '';
  const flush = () => {
    if (literal !== '') tokens.push({ kind: 'literal', text: literal });
    literal = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch !== '%') {
      const code = ch.charCodeAt(0);
      const visible = code >= 0x21 && code <= 0x7e;
      if (!visible && !(options.explanation && ch === ' ')) {
        return {
          ok: false,
          message: `character ${JSON.stringify(ch)} is not allowed here`,
          offset: i,
        };
      }
      literal += ch;
      continue;
    }
    const next = text[i + 1];
    if (next === '%') literal += '%';
    else if (next === '_') literal += ' ';
    else if (next === '-') literal += '%20';
    else if (next === '{') {
      const end = text.indexOf('}', i + 2);
      if (end < 0) return { ok: false, message: 'unterminated macro "%{"', offset: i };
      const body = text.slice(i + 2, end);
      const macro = parseMacroBody(body, options);
      if (typeof macro === 'string') return { ok: false, message: macro, offset: i };
      flush();
      tokens.push(macro);
      i = end;
      continue;
    } else {
      return {
        ok: false,
        message: `"%" must be followed by "{", "%", "_" or "-" (write "%%" for a percent sign)`,
        offset: i,
      };
    }
    i++;
  }
  flush();
  return { ok: true, tokens };
}

function parseMacroBody(body: string, options: MacroSyntaxOptions): MacroToken | string {
  const m = /^([a-zA-Z])(\d*)([rR]?)(.*)$/s.exec(body);
  if (!m) return `"%{${body}}" is not a macro`;
  const [, letter = '', digitText = '', rev = '', delims = ''] = m;
  const lower = letter.toLowerCase();
  if (EXP_ONLY_LETTERS.includes(lower) && !options.explanation) {
    return `the macro letter "${letter}" is allowed only in explanation text (RFC 7208 7.2)`;
  }
  if (!DOMAIN_LETTERS.includes(lower) && !EXP_ONLY_LETTERS.includes(lower)) {
    return `"${letter}" is not a macro letter`;
  }
  for (const d of delims) {
    if (!DELIMITERS.includes(d)) return `"${d}" is not a macro delimiter (use . - + , / _ =)`;
  }
  let digits: number | undefined;
  if (digitText !== '') {
    digits = Number(digitText);
    // RFC 7208 7.3: if a DIGIT is specified, the value MUST be nonzero.
    if (digits === 0) return 'a macro digit transformer must be nonzero';
  }
  const token: MacroToken = {
    kind: 'macro',
    letter,
    reverse: rev !== '',
    delimiters: delims === '' ? '.' : delims,
  };
  if (digits !== undefined) token.digits = digits;
  return token;
}

/** True when a token list contains a macro with one of the given letters (case-insensitive). */
export function usesMacroLetter(tokens: readonly MacroToken[], letters: string): boolean {
  return tokens.some((t) => t.kind === 'macro' && letters.includes(t.letter.toLowerCase()));
}
