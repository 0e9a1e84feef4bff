import type { HeaderField } from '../mail/index.ts';
import { decodeFoldedBase64, parseTagList, stripWhitespace, type Tag } from './tag-list.ts';

export type DkimAlgorithm = 'rsa-sha256' | 'rsa-sha1' | 'ed25519-sha256';
export type Canon = 'simple' | 'relaxed';

/** A parsed DKIM-Signature (RFC 6376 3.5). Times are Unix seconds. */
export interface DkimSignature {
  version: string;
  /** As written; `rsa-sha1` parses but never passes (RFC 8301 3.1). */
  algorithm: string;
  signature: Buffer;
  bodyHash: Buffer;
  headerCanon: Canon;
  bodyCanon: Canon;
  /** Lower-case domain. */
  domain: string;
  /** Header names in `h=` order, lower-case. */
  signedHeaders: string[];
  /** The agent or user identifier, `@domain` when absent (3.5 i=). */
  identity: string;
  /** Domain part of `i=`, lower-case. */
  identityDomain: string;
  bodyLength: number | null;
  queryMethods: string[];
  selector: string;
  timestamp: number | null;
  expiration: number | null;
  /** Offsets of the raw `b=` value inside the field's `valueText` (to blank it for hashing). */
  bValueStart: number;
  bValueEnd: number;
}

/** The signature, or a syntax problem with the fields we could read (for reporting). */
export type SignatureParse =
  | { ok: true; signature: DkimSignature }
  | {
      ok: false;
      reason: SignatureSyntaxReason;
      message: string;
      domain: string;
      selector: string;
      algorithm: string;
    };

export type SignatureSyntaxReason =
  | 'signature-syntax'
  | 'signature-version'
  | 'signature-missing-tag'
  | 'signature-bad-domain'
  | 'signature-from-not-signed'
  | 'signature-identity-mismatch'
  | 'signature-bad-canonicalization'
  | 'signature-bad-query-method'
  | 'signature-bad-base64'
  | 'signature-bad-time';

const REQUIRED = ['v', 'a', 'b', 'bh', 'd', 'h', 's'] as const;
/** RFC 6376 3.5 d=/s=: domain-name = sub-domain *("." sub-domain); letters, digits, hyphens. */
const DOMAIN =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const SELECTOR =
  /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?\.)*[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?$/;

/**
 * Parses a DKIM-Signature header field (or its value) strictly per RFC 6376 3.5: required tags,
 * `v=1`, From in `h=` (5.4), `i=` within `d=` (3.5 i=), `x=` after `t=`, base64 `b=`/`bh=`.
 * @example parseDkimSignature(msg.get('dkim-signature')!)
 */
export function parseDkimSignature(
  field: HeaderField | string,
  options: { arcMessageSignature?: boolean } = {},
): SignatureParse {
  const arc = options.arcMessageSignature === true;
  const text = typeof field === 'string' ? field : field.valueText;
  const list = parseTagList(text);
  // No closures in here: this runs once per signature per message (see docs/dkim.md, Performance).
  if (!list.ok) return bad(EMPTY, 'signature-syntax', list.reason);
  const tags = list.tags;
  const partial: Partial3 = {
    domain: (tags.get('d')?.value ?? '').toLowerCase(),
    selector: (tags.get('s')?.value ?? '').toLowerCase(),
    algorithm: (tags.get('a')?.value ?? '').toLowerCase(),
  };
  // RFC 8617 4.1.2: an ARC-Message-Signature has no v= and its i= is the instance number.
  for (const t of REQUIRED) {
    if (!(arc && t === 'v') && !tags.has(t)) {
      return bad(partial, 'signature-missing-tag', `the required tag ${t}= is missing`);
    }
  }
  const v = tags.get('v')?.value;
  if (!arc && v !== '1') return bad(partial, 'signature-version', `v=${v} is not version 1`);
  const domain = partial.domain;
  if (!DOMAIN.test(domain))
    return bad(partial, 'signature-bad-domain', `d=${clip(domain)} is not a domain name`);
  if (!SELECTOR.test(partial.selector)) {
    return bad(
      partial,
      'signature-bad-domain',
      `s=${clip(partial.selector)} is not a valid selector`,
    );
  }
  const bTag = tags.get('b') as Tag;
  const signature = decodeFoldedBase64(bTag.value);
  if (signature === null || signature.length === 0)
    return bad(partial, 'signature-bad-base64', 'b= is not valid base64');
  const bodyHash = decodeFoldedBase64((tags.get('bh') as Tag).value);
  if (bodyHash === null || bodyHash.length === 0)
    return bad(partial, 'signature-bad-base64', 'bh= is not valid base64');
  const signedHeaders = (tags.get('h') as Tag).value.split(':');
  for (let i = 0; i < signedHeaders.length; i++) {
    const h = (signedHeaders[i] as string).trim().toLowerCase();
    if (!HEADER_NAME.test(h)) {
      return bad(partial, 'signature-syntax', 'h= holds an empty or invalid header name');
    }
    signedHeaders[i] = h;
  }
  // RFC 6376 5.4 / 6.1.1: "the From header field MUST be signed".
  if (!signedHeaders.includes('from')) {
    return bad(partial, 'signature-from-not-signed', 'h= does not include From');
  }
  const c = tags.get('c')?.value;
  const canon = parseCanon(c);
  if (!canon)
    return bad(
      partial,
      'signature-bad-canonicalization',
      `c=${clip(c ?? '')} is not simple or relaxed`,
    );
  const qValue = tags.get('q')?.value;
  const q = qValue === undefined ? ['dns/txt'] : qValue.split(':').map(lowerTrim);
  if (!q.includes('dns/txt'))
    return bad(
      partial,
      'signature-bad-query-method',
      `q=${clip(qValue ?? '')} does not offer dns/txt`,
    );
  const i = tags.get('i')?.value;
  if (arc && !/^\d{1,2}$/.test(i ?? '')) {
    return bad(partial, 'signature-syntax', 'the ARC instance i= is missing or not a number');
  }
  // RFC 6376 3.5 i=: the value is dkim-quoted-printable (2.11), "=40" for "@".
  const identity = arc || i === undefined ? `@${domain}` : decodeQp(i);
  const at = identity.lastIndexOf('@');
  const identityDomain = (at >= 0 ? identity.slice(at + 1) : '').toLowerCase();
  // RFC 6376 3.5 i=: the domain of i= MUST be the same as or a subdomain of d=.
  if (at < 0 || !(identityDomain === domain || identityDomain.endsWith(`.${domain}`))) {
    return bad(
      partial,
      'signature-identity-mismatch',
      `i=${clip(identity)} is not within d=${domain}`,
    );
  }
  const timestamp = parseDigits(tags.get('t')?.value, 12);
  const expiration = parseDigits(tags.get('x')?.value, 12);
  const bodyLength = parseDigits(tags.get('l')?.value, 76);
  if (timestamp === undefined || expiration === undefined || bodyLength === undefined) {
    return bad(partial, 'signature-bad-time', 't=, x= or l= is not a decimal number');
  }
  // RFC 6376 3.5 x=: "the value of the x= tag MUST be greater than the value of the t= tag".
  if (timestamp !== null && expiration !== null && expiration <= timestamp) {
    return bad(partial, 'signature-bad-time', `x=${expiration} is not after t=${timestamp}`);
  }
  return {
    ok: true,
    signature: {
      version: '1',
      algorithm: partial.algorithm,
      signature,
      bodyHash,
      headerCanon: canon[0],
      bodyCanon: canon[1],
      domain,
      signedHeaders,
      identity,
      identityDomain,
      bodyLength,
      queryMethods: q,
      selector: partial.selector,
      timestamp,
      expiration,
      bValueStart: bTag.start,
      bValueEnd: bTag.end,
    },
  };
}

interface Partial3 {
  domain: string;
  selector: string;
  algorithm: string;
}

const EMPTY: Partial3 = { domain: '', selector: '', algorithm: '' };
const HEADER_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

function bad(partial: Partial3, reason: SignatureSyntaxReason, message: string): SignatureParse {
  return { ok: false, reason, message, ...partial };
}

function lowerTrim(s: string): string {
  return s.trim().toLowerCase();
}

function isCanon(c: string | undefined): c is Canon {
  return c === 'simple' || c === 'relaxed';
}

function parseCanon(value: string | undefined): [Canon, Canon] | null {
  if (value === undefined) return ['simple', 'simple'];
  const [h, b = 'simple', extra] = value.toLowerCase().split('/').map(trim);
  return extra === undefined && isCanon(h) && isCanon(b) ? [h, b] : null;
}

function trim(s: string): string {
  return s.trim();
}

/** null when absent, undefined when malformed, else the number (capped: huge l= stays huge). */
function parseDigits(value: string | undefined, maxDigits: number): number | null | undefined {
  if (value === undefined) return null;
  const v = stripWhitespace(value);
  if (!/^\d+$/.test(v) || v.length > maxDigits) return undefined;
  return Number(v);
}

function decodeQp(value: string): string {
  const v = stripWhitespace(value);
  if (!v.includes('=')) return v;
  return v.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
