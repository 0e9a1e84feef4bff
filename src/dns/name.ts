import { domainToASCII } from 'node:url';

/** RFC 1035 2.3.4: 63 octets a label, 255 octets a name on the wire (253 in text without the dot). */
const MAX_LABEL = 63;
const MAX_NAME = 253;

export type NameCheck = { ok: true; name: string } | { ok: false; reason: string };

/**
 * Normalises a domain name typed by a person or found in a record: trims, drops one trailing dot,
 * converts IDN U-labels to A-labels (UTS #46 via WHATWG `domainToASCII`), lower-cases, and checks
 * label and name lengths. Underscore labels (`_dmarc`, `_domainkey`) are allowed: they are valid
 * DNS names even if not host names (RFC 2181 11).
 * @example normalizeDomain('Bücher.example.') // { ok: true, name: 'xn--bcher-kva.example' }
 */
export function normalizeDomain(input: string): NameCheck {
  if (/\s/.test(input.trim())) {
    return { ok: false, reason: `"${input}" is not a domain name (it contains white space)` };
  }
  if (/[/@:]/.test(input)) {
    return { ok: false, reason: `"${input}" is not a domain name (it contains "/", "@" or ":")` };
  }
  return normalizeName(
    input,
    HOST_LABEL,
    'letters, digits, "-" and "_" only, not at either end "-"',
  );
}

/**
 * Normalises a name to be queried (an SPF macro expansion, a name found in a record): any
 * printable ASCII is allowed in a label, because DNS itself allows any octet (RFC 2181 11); only
 * lengths are checked. Use {@link normalizeDomain} for what a person types.
 * @example normalizeQueryName('foo:bar/baz.example.com') // { ok: true, name: 'foo:bar/baz.example.com' }
 */
export function normalizeQueryName(input: string): NameCheck {
  return normalizeName(input, ANY_PRINTABLE_LABEL, 'printable characters only');
}

const HOST_LABEL = /^[a-z0-9_*]([a-z0-9_-]*[a-z0-9_])?$/;
// Spaces included: the openspf suite queries "macro%percent  space%20url-space.example.com".
const ANY_PRINTABLE_LABEL = /^[\x20-\x7e]+$/;

function normalizeName(input: string, labelPattern: RegExp, allowed: string): NameCheck {
  let text = input.trim();
  if (text.endsWith('.')) text = text.slice(0, -1);
  if (text === '') return { ok: false, reason: 'the domain name is empty' };
  let ascii = text.toLowerCase();
  if (/[^\x20-\x7e]/.test(text)) {
    // Underscore labels are not valid in IDNA; convert label by label so `_dmarc.bücher.de` works.
    const labels = text
      .split('.')
      .map((label) => (/[^\x20-\x7e]/.test(label) ? domainToASCII(label) : label.toLowerCase()));
    if (labels.some((l) => l === '')) {
      return { ok: false, reason: `"${input}" is not a valid internationalised domain name` };
    }
    ascii = labels.join('.');
  }
  if (ascii.length > MAX_NAME) {
    return {
      ok: false,
      reason: `the domain name is ${ascii.length} characters long; DNS allows ${MAX_NAME}`,
    };
  }
  for (const label of ascii.split('.')) {
    if (label === '')
      return { ok: false, reason: `"${input}" has an empty label (two dots in a row)` };
    if (label.length > MAX_LABEL) {
      return {
        ok: false,
        reason: `the label "${label.slice(0, 20)}…" is ${label.length} characters long; DNS allows ${MAX_LABEL}`,
      };
    }
    if (!labelPattern.test(label)) {
      return { ok: false, reason: `"${input}" has an invalid label "${label}" (${allowed})` };
    }
  }
  return { ok: true, name: ascii };
}

/** Like {@link normalizeDomain} but for names we build ourselves: returns the name or null. */
export function toAsciiName(input: string): string | null {
  const check = normalizeDomain(input);
  return check.ok ? check.name : null;
}

/** Lower-cases a wire name and strips its trailing dot (names in answers, not user input). */
export function canonicalName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** True when `name` equals `zone` or lies below it. */
export function isSubdomainOf(name: string, zone: string): boolean {
  const n = canonicalName(name);
  const z = canonicalName(zone);
  return z === '' || n === z || n.endsWith(`.${z}`);
}
