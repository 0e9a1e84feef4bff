import { MAX_EXPANDED_DOMAIN } from './limits.ts';
import { parseMacroString, type MacroToken } from './macro-syntax.ts';
import { macroIp, parseClientIp, type SpfIp } from './ip.ts';

/** What the macro letters stand for (RFC 7208 7.2). */
export interface MacroContext {
  ip: SpfIp;
  /** The client address as given; `%{i}` keeps its letter case (as pyspf does; DNS ignores case). */
  ipText?: string;
  /** <sender>: `local@domain`, with `postmaster` filled in for an empty local part. */
  sender: string;
  /** <domain> of the current check_host() call. */
  domain: string;
  helo: string;
  /** The receiving host, for `%{r}`; "unknown" when not given. */
  receiver?: string;
  /** Seconds since the epoch, for `%{t}`. */
  timestamp: number;
  /** Resolves `%{p}` (a DNS walk); called at most once per expansion that uses it. */
  validatedName: () => Promise<string>;
}

/**
 * Expands a tokenised macro-string (RFC 7208 7.3): picks the value, splits it on the delimiters,
 * reverses on "r", keeps the right-most N parts, joins with "." and URL-escapes upper-case letters.
 */
export async function expandMacroTokens(
  tokens: readonly MacroToken[],
  ctx: MacroContext,
): Promise<string> {
  let out = '';
  for (const token of tokens) {
    if (token.kind === 'literal') {
      out += token.text;
      continue;
    }
    let value = await letterValue(token.letter.toLowerCase(), ctx);
    let parts = splitOn(value, token.delimiters);
    if (token.reverse) parts = parts.reverse();
    if (token.digits !== undefined && token.digits < parts.length) {
      parts = parts.slice(parts.length - token.digits);
    }
    value = parts.join('.');
    // RFC 7208 7.3: upper-case macro letters are URL-escaped (RFC 3986 unreserved characters kept).
    if (token.letter !== token.letter.toLowerCase()) value = urlEscape(value);
    out += value;
  }
  return out;
}

/**
 * RFC 7208 7.3: an expanded domain over 253 characters loses labels on the left until it fits.
 * A trailing dot is dropped for the query.
 */
export function truncateDomain(expanded: string): string {
  let name = expanded.endsWith('.') ? expanded.slice(0, -1) : expanded;
  while (name.length > MAX_EXPANDED_DOMAIN) {
    const dot = name.indexOf('.');
    if (dot < 0) break;
    name = name.slice(dot + 1);
  }
  return name;
}

async function letterValue(letter: string, ctx: MacroContext): Promise<string> {
  const at = ctx.sender.lastIndexOf('@');
  switch (letter) {
    case 's':
      return ctx.sender;
    case 'l':
      return ctx.sender.slice(0, at);
    case 'o':
      return ctx.sender.slice(at + 1);
    case 'd':
      return ctx.domain;
    case 'i': {
      const nibbles = macroIp(ctx.ip);
      return /[A-F]/.test(ctx.ipText ?? '') ? nibbles.toUpperCase() : nibbles;
    }
    case 'p':
      return ctx.validatedName();
    case 'v':
      return ctx.ip.kind() === 'ipv4' ? 'in-addr' : 'ip6';
    case 'h':
      return ctx.helo;
    case 'c':
      // RFC 7208 7.2: the client IP in its readable form (RFC 5952 for IPv6).
      return ctx.ip.toString();
    case 'r':
      return ctx.receiver ?? 'unknown';
    case 't':
      return String(ctx.timestamp);
    default:
      // The syntax check admits only the letters above.
      throw new Error(`unexpected macro letter ${letter}`);
  }
}

function splitOn(value: string, delimiters: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (const ch of value) {
    if (delimiters.includes(ch)) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

function urlEscape(value: string): string {
  return Array.from(new TextEncoder().encode(value), (b) => {
    const ch = String.fromCharCode(b);
    return /[A-Za-z0-9\-._~]/.test(ch) ? ch : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

/** Input of {@link expandSpfMacro}. */
export interface SpfMacroInput {
  ip: string;
  sender: string;
  domain: string;
  helo?: string;
  receiver?: string;
  /** Seconds since the epoch, for `%{t}` (default 0). */
  timestamp?: number;
}

/**
 * Expands a macro-string without DNS (`%{p}` becomes "unknown"), for tools and for checking what
 * a record's macros produce (RFC 7208 7). Explanation text allows the letters c, r, t and spaces.
 * @example await expandSpfMacro('%{ir}.%{v}._spf.%{d2}', { ip: '192.0.2.3', sender: 'strong-bad@email.example.com', domain: 'email.example.com' })
 * // { ok: true, value: '3.2.0.192.in-addr._spf.example.com' }
 */
export async function expandSpfMacro(
  text: string,
  input: SpfMacroInput,
  options: { explanation?: boolean } = {},
): Promise<{ ok: true; value: string } | { ok: false; error: string; position: number }> {
  const parsed = parseMacroString(text, { explanation: options.explanation === true });
  if (!parsed.ok) return { ok: false, error: parsed.message, position: parsed.offset };
  const ip = parseClientIp(input.ip);
  if (!ip) return { ok: false, error: `"${input.ip}" is not an IP address`, position: 0 };
  const value = await expandMacroTokens(parsed.tokens, {
    ip,
    ipText: input.ip,
    sender: input.sender,
    domain: input.domain,
    helo: input.helo ?? '',
    ...(input.receiver !== undefined ? { receiver: input.receiver } : {}),
    timestamp: input.timestamp ?? 0,
    validatedName: async () => 'unknown',
  });
  return { ok: true, value };
}
