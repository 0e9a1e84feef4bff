import { createPublicKey, type KeyObject } from 'node:crypto';
import { isBase64, parseTagList, stripWhitespace } from './tag-list.ts';

/** A parsed DKIM key record (RFC 6376 3.6.1, RFC 8463 for `k=ed25519`). */
export interface DkimKeyRecord {
  /** `v=` when present (must be `DKIM1`). */
  v: string | null;
  /** Acceptable hash algorithms (`h=`), lower-case; null means all. */
  h: string[] | null;
  /** Key type as written in `k=` (default `rsa`). */
  k: string;
  /** Notes (`n=`), for people. */
  n: string | null;
  /** The `p=` text (base64, whitespace removed); empty when revoked. */
  p: string;
  /** Service types (`s=`), lower-case; default `*`. */
  s: string[];
  /** Flags (`t=`), lower-case (unknown flags kept, ignored). */
  t: string[];
  keyType: 'rsa' | 'ed25519';
  /** RSA modulus size in bits, 256 for Ed25519, 0 when revoked. */
  bits: number;
  /** `p=` is empty: the key was revoked (3.6.1). */
  revoked: boolean;
  /** `t=y`: the domain is testing DKIM. */
  testing: boolean;
  /** `t=s`: `i=` must use exactly `d=`, no subdomain. */
  strict: boolean;
  /** The public key, ready for node:crypto; null when revoked. */
  publicKey: KeyObject | null;
}

export type KeyRecordParse = { ok: true; key: DkimKeyRecord } | { ok: false; reason: string };

/** RFC 8410: the DER SubjectPublicKeyInfo prefix of a raw 32-byte Ed25519 key. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * Parses a DKIM key record and builds its KeyObject once. Rejects what RFC 6376 3.6.1 makes
 * invalid (`v=` other than DKIM1 or not first, missing `p=`, unknown `k=`, undecodable key); keeps
 * weak keys (the verifier refuses them under RFC 8301 and the audit reports them).
 * @example parseDkimKeyRecord('v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=')
 */
export function parseDkimKeyRecord(text: string): KeyRecordParse {
  const list = parseTagList(text);
  if (!list.ok) return { ok: false, reason: `the key record is not a tag list: ${list.reason}` };
  const tags = list.tags;
  const get = (name: string) => tags.get(name)?.value;
  const v = get('v') ?? null;
  if (v !== null) {
    if (v !== 'DKIM1') return { ok: false, reason: `v=${v} is not DKIM1` };
    // RFC 6376 3.6.1 v=: "If specified, this tag MUST be set to "DKIM1" ... and MUST be the first tag".
    if (tags.keys().next().value !== 'v')
      return { ok: false, reason: 'v=DKIM1 is not the first tag' };
  }
  const pRaw = get('p');
  if (pRaw === undefined) return { ok: false, reason: 'the key record has no p= tag' };
  const p = stripWhitespace(pRaw);
  const k = (get('k') ?? 'rsa').toLowerCase();
  if (k !== 'rsa' && k !== 'ed25519')
    return { ok: false, reason: `k=${k} is not a known key type` };
  const list2 = (name: string, dflt: string[] | null) => {
    const value = get(name);
    return value === undefined ? dflt : value.split(':').map((x) => x.trim().toLowerCase());
  };
  const t = list2('t', []) as string[];
  const base = {
    v,
    h: list2('h', null),
    k,
    n: get('n') ?? null,
    p,
    s: list2('s', ['*']) as string[],
    t,
    keyType: k,
    testing: t.includes('y'),
    strict: t.includes('s'),
  } as const;
  if (p === '') return { ok: true, key: { ...base, bits: 0, revoked: true, publicKey: null } };
  if (!isBase64(p)) return { ok: false, reason: 'p= is not valid base64' };
  const der = Buffer.from(p, 'base64');
  const built = k === 'rsa' ? rsaKey(der) : ed25519Key(der);
  if (!built.ok) return built;
  return { ok: true, key: { ...base, bits: built.bits, revoked: false, publicKey: built.key } };
}

type Built = { ok: true; key: KeyObject; bits: number } | { ok: false; reason: string };

function rsaKey(der: Buffer): Built {
  // RFC 6376 3.6.1 asks for SubjectPublicKeyInfo; a bare PKCS#1 RSAPublicKey is seen in the wild
  // (dkimpy accepts it too), so try that second.
  for (const type of ['spki', 'pkcs1'] as const) {
    try {
      const key = createPublicKey({ key: der, format: 'der', type });
      if (key.asymmetricKeyType !== 'rsa') {
        return { ok: false, reason: `p= holds a ${key.asymmetricKeyType} key, but k=rsa` };
      }
      return { ok: true, key, bits: key.asymmetricKeyDetails?.modulusLength ?? 0 };
    } catch {
      // try the next encoding
    }
  }
  return { ok: false, reason: 'p= does not decode to an RSA public key' };
}

function ed25519Key(der: Buffer): Built {
  // RFC 8463 4.2: p= is the raw 32-byte public key, not SubjectPublicKeyInfo.
  if (der.length !== 32) {
    return { ok: false, reason: `an Ed25519 p= must be 32 bytes, this one is ${der.length}` };
  }
  try {
    const key = createPublicKey({
      key: Buffer.concat([ED25519_SPKI_PREFIX, der]),
      format: 'der',
      type: 'spki',
    });
    return { ok: true, key, bits: 256 };
  } catch {
    return { ok: false, reason: 'p= does not decode to an Ed25519 public key' };
  }
}
