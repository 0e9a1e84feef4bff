import type { HeaderField } from '../mail/index.ts';
import { isBase64, parseTagList, stripWhitespace } from './tag-list.ts';

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
  const partial = { domain: '', selector: '', algorithm: '' };
  const bad = (reason: SignatureSyntaxReason, message: string): SignatureParse => ({
    ok: false,
    reason,
    message,
    ...partial,
  });
  if (!list.ok) return bad('signature-syntax', list.reason);
  const tags = list.tags;
  const get = (name: string) => tags.get(name)?.value;
  partial.domain = (get('d') ?? '').toLowerCase();
  partial.selector = (get('s') ?? '').toLowerCase();
  partial.algorithm = (get('a') ?? '').toLowerCase();
  // RFC 8617 4.1.2: an ARC-Message-Signature has no v= and its i= is the instance number.
  for (const t of arc ? REQUIRED.filter((r) => r !== 'v') : REQUIRED) {
    if (get(t) === undefined)
      return bad('signature-missing-tag', `the required tag ${t}= is missing`);
  }
  if (!arc && get('v') !== '1') return bad('signature-version', `v=${get('v')} is not version 1`);
  const domain = partial.domain;
  if (!DOMAIN.test(domain))
    return bad('signature-bad-domain', `d=${clip(domain)} is not a domain name`);
  if (!SELECTOR.test(partial.selector)) {
    return bad('signature-bad-domain', `s=${clip(partial.selector)} is not a valid selector`);
  }
  const b = stripWhitespace(get('b') as string);
  const bh = stripWhitespace(get('bh') as string);
  if (!isBase64(b) || b === '') return bad('signature-bad-base64', 'b= is not valid base64');
  if (!isBase64(bh) || bh === '') return bad('signature-bad-base64', 'bh= is not valid base64');
  const signedHeaders = (get('h') as string).split(':').map((h) => h.trim().toLowerCase());
  if (signedHeaders.some((h) => !/^[\x21-\x39\x3b-\x7e]+$/.test(h))) {
    return bad('signature-syntax', 'h= holds an empty or invalid header name');
  }
  // RFC 6376 5.4 / 6.1.1: "the From header field MUST be signed".
  if (!signedHeaders.includes('from')) {
    return bad('signature-from-not-signed', 'h= does not include From');
  }
  const canon = parseCanon(get('c'));
  if (!canon)
    return bad(
      'signature-bad-canonicalization',
      `c=${clip(get('c') ?? '')} is not simple or relaxed`,
    );
  const q = (get('q') ?? 'dns/txt').split(':').map((m) => m.trim().toLowerCase());
  if (!q.includes('dns/txt'))
    return bad('signature-bad-query-method', `q=${clip(get('q') ?? '')} does not offer dns/txt`);
  // RFC 6376 3.5 i=: the value is dkim-quoted-printable (2.11), "=40" for "@".
  if (arc && !/^\d{1,2}$/.test(get('i') ?? '')) {
    return bad('signature-syntax', 'the ARC instance i= is missing or not a number');
  }
  const identity = arc ? `@${domain}` : decodeQp(get('i') ?? `@${domain}`);
  const at = identity.lastIndexOf('@');
  const identityDomain = (at >= 0 ? identity.slice(at + 1) : '').toLowerCase();
  // RFC 6376 3.5 i=: the domain of i= MUST be the same as or a subdomain of d=.
  if (at < 0 || !(identityDomain === domain || identityDomain.endsWith(`.${domain}`))) {
    return bad('signature-identity-mismatch', `i=${clip(identity)} is not within d=${domain}`);
  }
  const timestamp = parseDigits(get('t'), 12);
  const expiration = parseDigits(get('x'), 12);
  const bodyLength = parseDigits(get('l'), 76);
  if (timestamp === undefined || expiration === undefined || bodyLength === undefined) {
    return bad('signature-bad-time', 't=, x= or l= is not a decimal number');
  }
  // RFC 6376 3.5 x=: "the value of the x= tag MUST be greater than the value of the t= tag".
  if (timestamp !== null && expiration !== null && expiration <= timestamp) {
    return bad('signature-bad-time', `x=${expiration} is not after t=${timestamp}`);
  }
  const bTag = tags.get('b');
  return {
    ok: true,
    signature: {
      version: '1',
      algorithm: partial.algorithm,
      signature: Buffer.from(b, 'base64'),
      bodyHash: Buffer.from(bh, 'base64'),
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
      bValueStart: bTag?.start ?? 0,
      bValueEnd: bTag?.end ?? 0,
    },
  };
}

function parseCanon(value: string | undefined): [Canon, Canon] | null {
  const [h, b = 'simple', extra] = (value ?? 'simple/simple')
    .toLowerCase()
    .split('/')
    .map((s) => s.trim());
  const ok = (c: string | undefined): c is Canon => c === 'simple' || c === 'relaxed';
  return extra === undefined && ok(h) && ok(b) ? [h, b] : null;
}

/** null when absent, undefined when malformed, else the number (capped: huge l= stays huge). */
function parseDigits(value: string | undefined, maxDigits: number): number | null | undefined {
  if (value === undefined) return null;
  const v = stripWhitespace(value);
  if (!/^\d+$/.test(v) || v.length > maxDigits) return undefined;
  return Number(v);
}

function decodeQp(value: string): string {
  return stripWhitespace(value).replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
