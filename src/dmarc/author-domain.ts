import { normalizeDomain } from '../dns/name.ts';

/** The author domain of a message, or the DMARC result when there is none to evaluate. */
export type AuthorDomain =
  | { ok: true; domain: string; addresses: string[] }
  | { ok: false; result: 'permerror'; reason: string };

/** A From field longer than this is not parsed: a header can carry megabytes of addresses. */
const MAX_FROM_CHARS = 16_384;

/**
 * RFC 7489 6.6.1 / RFC 9989 (author domain): the domain of the RFC5322.From field, given the
 * unfolded values of every From field of the message. No From field, several From fields, a From
 * without an address or without a domain, or addresses in more than one domain give `permerror`
 * with the reason: there is no single author domain to evaluate (RFC 5322 3.6 requires exactly
 * one From field).
 * @example extractAuthorDomain(['"Ann" <ann@example.com>']) // { ok: true, domain: 'example.com', ... }
 */
export function extractAuthorDomain(fromFields: readonly string[]): AuthorDomain {
  const fail = (reason: string): AuthorDomain => ({ ok: false, result: 'permerror', reason });
  if (fromFields.length === 0) {
    return fail('the message has no From header field (RFC 5322 3.6 requires one)');
  }
  if (fromFields.length > 1) {
    return fail(
      `the message has ${fromFields.length} From header fields; RFC 5322 3.6 allows one, and DMARC needs a single author domain (RFC 7489 6.6.1)`,
    );
  }
  const value = fromFields[0] ?? '';
  if (value.length > MAX_FROM_CHARS) {
    return fail(
      `the From field is ${value.length} characters long; mxray reads up to ${MAX_FROM_CHARS}`,
    );
  }
  const addresses = mailboxes(value);
  if (addresses.length === 0) return fail('the From field has no address');
  const domains = new Set<string>();
  for (const address of addresses) {
    const at = address.lastIndexOf('@');
    if (at < 0) return fail(`the From address "${address}" has no domain`);
    const domain = address.slice(at + 1);
    if (domain.startsWith('[')) {
      return fail(`the From address "${address}" has an address literal, not a domain`);
    }
    const checked = normalizeDomain(domain);
    if (!checked.ok)
      return fail(`the From address "${address}" has an invalid domain: ${checked.reason}`);
    domains.add(checked.name);
  }
  if (domains.size > 1) {
    return fail(
      `the From field has addresses in several domains (${[...domains].join(', ')}); there is no single author domain (RFC 7489 6.6.1)`,
    );
  }
  return { ok: true, domain: [...domains][0] ?? '', addresses };
}

/** The addr-specs of a mailbox-list or address-list (RFC 5322 3.4), comments and groups removed. */
function mailboxes(value: string): string[] {
  // Quoted strings may hold "@", "," or "<": replace them by a placeholder first; then comments.
  const text = stripComments(value.replace(/"(?:[^"\\]|\\.)*"/g, 'Q'));
  const out: string[] = [];
  for (let part of splitOutsideAngles(text)) {
    part = part
      .replace(/^[^<>@]*:/, '')
      .replace(/;\s*$/, '')
      .trim(); // RFC 5322 3.4 groups
    if (part === '') continue;
    const angle = /<([^<>]*)>/.exec(part);
    const spec = (angle ? (angle[1] ?? '') : part).replace(/^@[^:]*:/, '').trim(); // obs-route
    if (spec !== '') out.push(spec.replace(/\s+/g, ''));
  }
  return out;
}

function stripComments(text: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && depth > 0) i++;
    else if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

function splitOutsideAngles(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if (c === '<') depth++;
    else if (c === '>' && depth > 0) depth--;
    if (c === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}
