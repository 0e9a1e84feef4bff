import { parseTagList, type Tag } from '../dkim/index.ts';
import { normalizeDomain } from '../dns/name.ts';
import type { HeaderField } from '../mail/index.ts';
import { MAX_AMS_SIGNED_HEADERS, MAX_ARC_INSTANCE } from './limits.ts';
import type { ArcFailureCode, ChainValidation } from './types.ts';

export type Parsed<T> =
  { ok: true; value: T } | { ok: false; code: ArcFailureCode; message: string };

/** Fields common to ARC-Seal and ARC-Message-Signature. */
interface Signed {
  field: HeaderField;
  instance: number;
  algorithm: 'rsa-sha256' | 'ed25519-sha256';
  signature: Buffer;
  /** Offsets of the raw `b=` value in `field.valueText`, to blank it. */
  bStart: number;
  bEnd: number;
  domain: string;
  selector: string;
}

export interface ParsedSeal extends Signed {
  cv: ChainValidation;
}

export interface ParsedAms extends Signed {
  bodyHash: Buffer;
  headerCanon: 'simple' | 'relaxed';
  bodyCanon: 'simple' | 'relaxed';
  headers: string[];
  length: number | null;
  expiration: number | null;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const DIGITS = /^\d{1,12}$/;

/**
 * A tag list as ARC reads it: RFC 6376 3.2 through the DKIM parser (case-sensitive names, no
 * duplicates), and stricter on empty specs: `a=b;; c=d` has an empty tag-spec, which the ABNF
 * does not allow (only one trailing `;`).
 */
function arcTags(field: HeaderField): Parsed<Map<string, Tag>> {
  if (/;[ \t\r\n]*;/.test(field.valueText)) {
    return { ok: false, code: 'tag-syntax', message: 'the tag list has an empty tag (";;")' };
  }
  const list = parseTagList(field.valueText);
  return list.ok
    ? { ok: true, value: list.tags }
    : { ok: false, code: 'tag-syntax', message: list.reason };
}

/** RFC 8617 4.2.1: `i=` is 1 to 50, digits only. */
function parseInstance(text: string | undefined): number | null {
  if (text === undefined || !/^\d{1,3}$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 ? n : null;
}

/**
 * The instance a field belongs to, or null when it has none that can be read. AAR: the value must
 * start with `i=N;` (RFC 8617 4.1.1). AS/AMS: the `i=` tag.
 */
export function fieldInstance(field: HeaderField): number | null {
  if (field.lowerName === 'arc-authentication-results') {
    const m = /^[ \t\r\n]*i[ \t\r\n]*=[ \t\r\n]*(\d{1,3})[ \t\r\n]*;/.exec(field.valueText);
    return parseInstance(m?.[1]);
  }
  const tags = arcTags(field);
  if (tags.ok) return parseInstance(tags.value.get('i')?.value);
  // A broken list still says which set it claims to be in, so the failure names the instance.
  const m = /(?:^|;)[ \t\r\n]*i[ \t\r\n]*=[ \t\r\n]*(\d{1,3})[ \t\r\n]*(?:;|$)/.exec(
    field.valueText,
  );
  return parseInstance(m?.[1]);
}

/** The AAR payload after `i=N;`. */
export function aarPayload(field: HeaderField): string {
  return field.valueText
    .replace(/^[ \t\r\n]*i[ \t\r\n]*=[ \t\r\n]*\d+[ \t\r\n]*;/, '')
    .replace(/\r\n/g, '')
    .trim();
}

/** Reads the tags shared by AS and AMS. */
function parseSigned(field: HeaderField, tags: Map<string, Tag>): Parsed<Signed> {
  const bad = (code: ArcFailureCode, message: string): Parsed<Signed> => ({
    ok: false,
    code,
    message,
  });
  const get = (name: string) => tags.get(name)?.value;
  const instance = parseInstance(get('i'));
  if (instance === null || instance > MAX_ARC_INSTANCE)
    return bad('instance-invalid', 'i= is not 1 to 50');
  const a = get('a');
  if (a === undefined || a === '') return bad('tag-syntax', 'a= is missing');
  if (a !== 'rsa-sha256' && a !== 'ed25519-sha256') {
    return bad(
      'algorithm-unsupported',
      a === 'rsa-sha1'
        ? 'a=rsa-sha1 is not allowed (RFC 8301 3.1)'
        : `a=${a} is not rsa-sha256 or ed25519-sha256`,
    );
  }
  const bTag = tags.get('b');
  const b = bTag?.value.replace(/[ \t\r\n]+/g, '');
  if (!bTag || !b) return bad('tag-syntax', 'b= is missing or empty');
  if (!BASE64.test(b)) return bad('tag-syntax', 'b= is not base64');
  const d = get('d');
  const dCheck = d ? normalizeDomain(d) : null;
  if (!d || !dCheck?.ok || d !== d.trim() || /\s/.test(d)) {
    return bad(
      'tag-syntax',
      `d= is missing or not a domain name${dCheck && !dCheck.ok ? `: ${dCheck.reason}` : ''}`,
    );
  }
  const s = get('s');
  if (!s || !normalizeDomain(s).ok || /\s/.test(s))
    return bad('tag-syntax', 's= is missing or invalid');
  const t = get('t');
  if (t !== undefined && !DIGITS.test(t))
    return bad('tag-syntax', `t=${t} is not a number of seconds`);
  return {
    ok: true,
    value: {
      field,
      instance,
      algorithm: a,
      signature: Buffer.from(b, 'base64'),
      bStart: bTag.start,
      bEnd: bTag.end,
      domain: dCheck.name,
      selector: s.toLowerCase(),
    },
  };
}

/** Parses an ARC-Seal (RFC 8617 4.1.3): i, a, b, cv, d, s, optional t; `h=` is not allowed. */
export function parseSeal(field: HeaderField): Parsed<ParsedSeal> {
  const tags = arcTags(field);
  if (!tags.ok) return tags;
  const signed = parseSigned(field, tags.value);
  if (!signed.ok) return signed;
  if (tags.value.has('h')) {
    return {
      ok: false,
      code: 'tag-syntax',
      message: 'the ARC-Seal has an h= tag (RFC 8617 4.1.3)',
    };
  }
  const cv = tags.value.get('cv')?.value;
  if (cv !== 'none' && cv !== 'pass' && cv !== 'fail') {
    return {
      ok: false,
      code: 'cv-invalid',
      message: `cv=${cv ?? '(missing)'} is not none, pass or fail`,
    };
  }
  return { ok: true, value: { ...signed.value, cv } };
}

/** Parses an ARC-Message-Signature (RFC 8617 4.1.2: DKIM-Signature tags, `i=` as the instance). */
export function parseAms(field: HeaderField): Parsed<ParsedAms> {
  const tags = arcTags(field);
  if (!tags.ok) return tags;
  const signed = parseSigned(field, tags.value);
  if (!signed.ok) return signed;
  const bad = (message: string): Parsed<ParsedAms> => ({ ok: false, code: 'tag-syntax', message });
  const get = (name: string) => tags.value.get(name)?.value;
  const bh = get('bh')?.replace(/[ \t\r\n]+/g, '');
  if (!bh || !BASE64.test(bh)) return bad('bh= is missing, empty or not base64');
  // Without c=, ARC verifiers (dkimpy, mailauth) and the ValiMail suite (ams_fields_c_na) use
  // relaxed/relaxed, not DKIM's simple/simple default; Mail::DKIM differs. We follow the suite.
  const c = get('c') ?? 'relaxed/relaxed';
  const canon = /^(simple|relaxed)(?:\/(simple|relaxed))?$/.exec(c);
  if (!canon) return bad(`c=${c} is not a canonicalization`);
  const h = get('h');
  if (h === undefined) return bad('h= is missing');
  const headers = h
    .split(':')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  if (headers.length > MAX_AMS_SIGNED_HEADERS)
    return bad(`h= names over ${MAX_AMS_SIGNED_HEADERS} fields`);
  // RFC 8617 4.1.2: the AMS must not sign ARC-Seal fields.
  if (headers.includes('arc-seal')) return bad('h= includes ARC-Seal (RFC 8617 4.1.2)');
  const l = get('l');
  const x = get('x');
  if ((l !== undefined && !DIGITS.test(l)) || (x !== undefined && !DIGITS.test(x))) {
    return bad('l= or x= is not a number');
  }
  return {
    ok: true,
    value: {
      ...signed.value,
      bodyHash: Buffer.from(bh, 'base64'),
      headerCanon: canon[1] as 'simple' | 'relaxed',
      // RFC 6376 3.5: a header-only c= ("relaxed") means simple for the body.
      bodyCanon: (canon[2] ?? 'simple') as 'simple' | 'relaxed',
      headers,
      length: l === undefined ? null : Number(l),
      expiration: x === undefined ? null : Number(x),
    },
  };
}
