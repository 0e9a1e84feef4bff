import { AUTHRES_LIMITS, Scanner } from './scanner.ts';
import type { AuthResProperty, AuthResResult, AuthResults } from './types.ts';

/** RFC 8601 2.2 Keyword (letters, digits, "-"), plus "_" and "." that real receivers write. */
const KEYWORD = /[A-Za-z0-9_.-]/;

/**
 * Parses an Authentication-Results value (RFC 8601 2.2) as real receivers write it: comments
 * anywhere (nested, or glued to a result as Yahoo writes `dmarc=pass(p=NONE)`), quoted values,
 * `reason=`, method versions, unknown methods and results, Microsoft 365's missing authserv-id and
 * bare `action=none`, ARC-Authentication-Results' leading `i=N;` (RFC 8617 4.1.1). A field name
 * and folding are removed first. Never throws: what cannot be read is returned in `unparsed`.
 * @example parseAuthenticationResults('mx.google.com; spf=pass smtp.mailfrom=example.com')
 */
export function parseAuthenticationResults(value: string): AuthResults {
  let text = value
    .replace(/\r?\n(?=[ \t])/g, '')
    .replace(/^\s*(ARC-)?Authentication-Results(-Original)?\s*:/i, '');
  const out: AuthResults = { authservId: '', none: false, results: [] };
  if (text.length > AUTHRES_LIMITS.maxChars) {
    text = text.slice(0, AUTHRES_LIMITS.maxChars);
    out.truncated = true;
  }
  const s = new Scanner(text);
  const skipped: string[] = [];
  parseHead(s, out);
  while (!s.done) {
    s.skipCfws();
    if (s.done) break;
    if (s.peek() === ';') {
      s.pos++;
      s.skipCfws();
      if (s.done) break;
      if (out.results.length === 0 && /^none\s*(;|\(|$)/i.test(s.rest())) {
        s.pos += 4;
        out.none = true;
        continue;
      }
    }
    if (out.results.length >= AUTHRES_LIMITS.maxResults) {
      out.truncated = true;
      break;
    }
    const result = parseResinfo(s, skipped);
    if (result) out.results.push(result);
    else {
      const fragment = skipToSemicolon(s).trim();
      // Microsoft 365 writes its authserv-id between results when it wrote none up front.
      if (out.authservId === '' && /^[A-Za-z0-9.-]+$/.test(fragment)) out.authservId = fragment;
      else skipped.push(fragment);
    }
  }
  if (s.overflow !== undefined) skipped.push(s.overflow);
  const junk = skipped.map((t) => t.trim()).filter(Boolean);
  if (junk.length > 0) out.unparsed = junk.join(' … ');
  return out;
}

/** `[i=N;] authserv-id [version]`; Microsoft 365 writes no authserv-id at all. */
function parseHead(s: Scanner, out: AuthResults): void {
  s.skipCfws();
  const instance = /^i\s*=\s*(\d{1,5})\s*;/i.exec(s.rest());
  if (instance) {
    out.instance = Number(instance[1]);
    s.pos += instance[0].length;
    s.skipCfws();
  }
  const start = s.pos;
  const id = s.peek() === '"' ? s.quoted() : s.take(/[^\s;(]/);
  if (id.includes('=')) {
    s.pos = start; // no authserv-id: this is already the first result
    return;
  }
  out.authservId = id;
  s.skipCfws();
  const version = /^(\d{1,3})(?=[\s;(]|$)/.exec(s.rest());
  if (version) {
    out.version = Number(version[1]);
    s.pos += version[0].length;
  }
}

/** `method [/ version] = result [reason=...] *(ptype.property=value)`; null if no method=result. */
function parseResinfo(s: Scanner, skipped: string[]): AuthResResult | null {
  const start = s.pos;
  const method = s.take(KEYWORD).toLowerCase();
  if (method === '') return null;
  s.skipCfws();
  let methodVersion: string | undefined;
  if (s.peek() === '/') {
    s.pos++;
    s.skipCfws();
    methodVersion = s.take(/[A-Za-z0-9.]/);
    s.skipCfws();
  }
  if (s.peek() !== '=') {
    s.pos = start;
    return null;
  }
  s.pos++;
  const comments = s.skipCfws();
  const result = s.take(/[A-Za-z0-9_-]/).toLowerCase();
  if (result === '') {
    s.pos = start;
    return null;
  }
  const out: AuthResResult = { method, result, properties: [] };
  if (methodVersion) out.methodVersion = methodVersion;
  for (;;) {
    const more = s.skipCfws();
    const last: AuthResProperty | undefined = out.properties[out.properties.length - 1];
    if (more.length > 0) {
      if (last) last.comment = [last.comment, ...more].filter(Boolean).join(' ');
      else comments.push(...more);
    }
    if (s.done || s.peek() === ';') break;
    const nameStart = s.pos;
    const name = s.take(KEYWORD);
    s.skipCfws();
    if (name === '' || s.peek() !== '=') {
      // Free text inside a result: keep it as unparsed and move on to the next word.
      s.pos = nameStart;
      skipped.push(s.take(/[^\s;]/) || (s.pos++, s.text[nameStart] ?? ''));
      continue;
    }
    s.pos++;
    s.skipCfws();
    const value = s.value();
    if (name.toLowerCase() === 'reason' && out.reason === undefined) {
      out.reason = value;
      continue;
    }
    if (out.properties.length >= AUTHRES_LIMITS.maxProperties) continue;
    const dot = name.indexOf('.');
    out.properties.push(
      dot < 0
        ? { ptype: '', property: name.toLowerCase(), value }
        : {
            ptype: name.slice(0, dot).toLowerCase(),
            property: name.slice(dot + 1).toLowerCase(),
            value,
          },
    );
  }
  if (comments.length > 0) out.comment = comments.join(' ');
  return out;
}

function skipToSemicolon(s: Scanner): string {
  const start = s.pos;
  while (!s.done && s.peek() !== ';') {
    if (s.peek() === '(') s.comment();
    else if (s.peek() === '"') s.quoted();
    else s.pos++;
  }
  return s.text.slice(start, s.pos);
}
