import { ZoneSyntaxError } from './zone-syntax-error.ts';

/** One word of a master file, escapes resolved (RFC 1035 5.1). */
export interface ZoneToken {
  /** The text with escapes resolved, decoded as UTF-8. */
  text: string;
  /**
   * The octets, one character each (latin1): how TXT data is stored, matching the stub resolver,
   * which decodes TXT bytes as latin1 (RFC 1035 3.3.14: character-strings are octets, not text).
   */
  octets: string;
  /** Length in octets on the wire (after `\DDD` and UTF-8 encoding). */
  byteLength: number;
  quoted: boolean;
  /** True when the token used a backslash escape (names with escapes are refused). */
  escaped: boolean;
  line: number;
}

/** One logical entry: a physical line, or several joined by parentheses. */
export interface ZoneEntry {
  line: number;
  /** RFC 1035 5.1: an entry starting with a blank uses the previous owner. */
  blankOwner: boolean;
  tokens: ZoneToken[];
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r';

/**
 * Splits master-file text into entries: comments (`;`, not inside quotes) dropped, parentheses
 * joining lines, quoted strings and `\X` / `\DDD` escapes resolved (RFC 1035 5.1).
 */
export function tokenizeZone(text: string, fileName = 'zone'): ZoneEntry[] {
  const entries: ZoneEntry[] = [];
  const fail = (message: string, line: number): never => {
    throw new ZoneSyntaxError(message, line, fileName);
  };
  let line = 1;
  let depth = 0;
  let openedOn = 0;
  let entry: ZoneEntry = { line, blankOwner: false, tokens: [] };
  let atLineStart = true;
  let i = 0;

  const finishEntry = () => {
    if (entry.tokens.length > 0) entries.push(entry);
    entry = { line, blankOwner: false, tokens: [] };
  };

  while (i < text.length) {
    const c = text[i] as string;
    if (atLineStart && depth === 0) {
      entry = { line, blankOwner: isBlank(c), tokens: [] };
    }
    atLineStart = false;
    if (c === '\n') {
      line++;
      i++;
      atLineStart = true;
      if (depth === 0) finishEntry();
      continue;
    }
    if (isBlank(c)) {
      i++;
      continue;
    }
    if (c === ';') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '(') {
      if (depth === 0) openedOn = line;
      depth++;
      i++;
      continue;
    }
    if (c === ')') {
      if (depth === 0) fail('")" without a matching "("', line);
      depth--;
      i++;
      continue;
    }
    const quoted = c === '"';
    if (quoted) i++;
    const bytes: number[] = [];
    let escaped = false;
    const tokenLine = line;
    for (;;) {
      if (i >= text.length) {
        if (quoted) fail('unterminated quoted string', tokenLine);
        break;
      }
      const ch = text[i] as string;
      if (quoted ? ch === '"' : isBlank(ch) || ';()"\n'.includes(ch)) {
        if (quoted) i++;
        break;
      }
      if (ch === '\n') fail('unterminated quoted string (a quote must close on its line)', line);
      if (ch === '\\') {
        escaped = true;
        const digits = /^\d{3}/.exec(text.slice(i + 1, i + 4));
        if (digits) {
          const value = Number(digits[0]);
          if (value > 255) fail(`escape \\${digits[0]} is not an octet (0-255)`, line);
          bytes.push(value);
          i += 4;
          continue;
        }
        const next = text.codePointAt(i + 1);
        if (next === undefined || next === 10) fail('a backslash ends the line', line);
        const char = String.fromCodePoint(next as number);
        bytes.push(...Buffer.from(char, 'utf8'));
        i += 1 + char.length;
        continue;
      }
      const code = text.codePointAt(i) as number;
      const char = String.fromCodePoint(code);
      bytes.push(...Buffer.from(char, 'utf8'));
      i += char.length;
    }
    const buf = Buffer.from(bytes);
    entry.tokens.push({
      text: buf.toString('utf8'),
      octets: buf.toString('latin1'),
      byteLength: buf.length,
      quoted,
      escaped,
      line: tokenLine,
    });
  }
  if (depth > 0) fail(`"(" opened on line ${openedOn} is never closed`, openedOn);
  finishEntry();
  return entries;
}
