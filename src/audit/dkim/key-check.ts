import { parseDkimKeyRecord } from '../../dkim/index.ts';

/** What the audit needs to know about a DKIM key record (RFC 6376 3.6.1). */
export type KeyCheck =
  | {
      ok: true;
      keyType: string;
      /** RSA modulus size; undefined for Ed25519. */
      bits?: number;
      /** Empty p=: the key was revoked (RFC 6376 3.6.1). */
      revoked: boolean;
      /** t=y: the domain is testing DKIM (RFC 6376 3.6.1). */
      testing: boolean;
      /** h= allows only sha1, which RFC 8301 forbids. */
      sha1Only: boolean;
    }
  | { ok: false; reason: string };

/** Parses a key record with the DKIM engine's parser and keeps what the audit reports on. */
export function checkKeyRecord(text: string): KeyCheck {
  const parsed = parseDkimKeyRecord(text);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const key = parsed.key;
  const hashes = key.h;
  const check: KeyCheck = {
    ok: true,
    keyType: key.keyType,
    revoked: key.revoked,
    testing: key.testing,
    sha1Only: hashes !== null && hashes.length > 0 && hashes.every((h) => h === 'sha1'),
  };
  if (key.keyType === 'rsa' && !key.revoked) check.bits = key.bits;
  return check;
}
