import { createHash, verify, sign, type KeyObject } from 'node:crypto';

/** The algorithms that can pass (RFC 8301 3.1 removed rsa-sha1; RFC 8463 added ed25519-sha256). */
export type SupportedAlgorithm = 'rsa-sha256' | 'ed25519-sha256';

/** Algorithms the verifier can compute: rsa-sha1 only for the legacy option. */
export type VerifiableAlgorithm = SupportedAlgorithm | 'rsa-sha1';

/**
 * Checks `b=` over the canonical header data. RSA signs the data with SHA-256 (RFC 6376 3.3.1);
 * Ed25519 signs the SHA-256 digest of the data (RFC 8463 3: "the hash ... is signed"). Never throws.
 */
export function verifyHeaderSignature(
  algorithm: VerifiableAlgorithm,
  key: KeyObject,
  data: Buffer,
  signature: Buffer,
): boolean {
  try {
    if (algorithm === 'rsa-sha1') return verify('sha1', data, key, signature);
    return algorithm === 'rsa-sha256'
      ? verify('sha256', data, key, signature)
      : verify(null, createHash('sha256').update(data).digest(), key, signature);
  } catch {
    return false;
  }
}

/** Signs canonical header data (the signer's side of {@link verifyHeaderSignature}). */
export function signHeaderData(
  algorithm: SupportedAlgorithm,
  key: KeyObject,
  data: Buffer,
): Buffer {
  return algorithm === 'rsa-sha256'
    ? sign('sha256', data, key)
    : sign(null, createHash('sha256').update(data).digest(), key);
}
