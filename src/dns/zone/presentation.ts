import { normalizeQueryName } from '../name.ts';
import type { ZoneToken } from './tokenize.ts';

/** Raises a {@link ZoneSyntaxError} at a token's line; supplied by the caller that knows the file. */
export type Fail = (message: string, line: number) => never;

/** RFC 2181 8: a TTL is an unsigned 31-bit number. */
export const MAX_TTL = 2 ** 31 - 1;

const UNIT_SECONDS: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };

/**
 * Reads a TTL or SOA timer: plain seconds (RFC 1035) or BIND's unit form (`1h30m`, `2d`), or
 * null when the text is not a time value at all (so the caller can try it as a class or type).
 */
export function readTime(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^(\d+[wdhms])+$/i.test(text)) return null;
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)([wdhms])/gi)) {
    total += Number(n) * (UNIT_SECONDS[(unit as string).toLowerCase()] as number);
  }
  return total;
}

/** A TTL token checked against RFC 2181 8. */
export function parseTtl(token: ZoneToken, fail: Fail): number {
  const value = readTime(token.text);
  if (value === null || token.quoted) fail(`"${token.text}" is not a TTL`, token.line);
  if (value > MAX_TTL) {
    fail(`TTL ${value} is larger than ${MAX_TTL} (RFC 2181 8)`, token.line);
  }
  return value;
}

/** An unsigned integer field of at most `max`. */
export function parseUint(token: ZoneToken, what: string, max: number, fail: Fail): number {
  if (!/^\d+$/.test(token.text) || Number(token.text) > max) {
    fail(`${what} "${token.text}" must be a whole number from 0 to ${max}`, token.line);
  }
  return Number(token.text);
}

/**
 * Turns a name as written in a zone into a stored name (lower-case A-labels, no trailing dot,
 * '' for the root): `@` is the origin, a name ending in `.` is absolute, others are relative to the
 * origin (RFC 1035 5.1). IDN U-labels become A-labels through {@link normalizeQueryName}.
 */
export function absoluteName(
  text: string,
  origin: string | null,
  line: number,
  fail: Fail,
): string {
  let name: string;
  if (text === '@') {
    if (origin === null) fail('"@" used before any $ORIGIN (give one, or an origin option)', line);
    name = origin;
  } else if (text === '.') {
    name = '';
  } else if (text.endsWith('.')) {
    name = text.slice(0, -1);
  } else {
    if (origin === null) {
      fail(
        `relative name "${text}" used before any $ORIGIN (end it with "." or set $ORIGIN)`,
        line,
      );
    }
    name = origin === '' ? text : `${text}.${origin}`;
  }
  if (name === '') return '';
  const check = normalizeQueryName(name);
  if (!check.ok) fail(check.reason, line);
  return check.name;
}

/** A name token: quoted or escaped names are refused rather than guessed at. */
export function parseName(token: ZoneToken, origin: string | null, fail: Fail): string {
  if (token.quoted || token.escaped) {
    fail(
      `"${token.text}" is not a plain domain name (quotes and escapes are not supported in names)`,
      token.line,
    );
  }
  return absoluteName(token.text, origin, token.line, fail);
}

/** An origin given as an option: always absolute, trailing dot optional, '' or '.' for the root. */
export function originName(text: string, fail: Fail): string {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '.') return '';
  return absoluteName(trimmed.endsWith('.') ? trimmed : `${trimmed}.`, null, 0, fail);
}
