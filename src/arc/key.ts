import type { KeyObject } from 'node:crypto';
import { DEFAULT_DKIM_LIMITS, lookupKey } from '../dkim/index.ts';
import type { DnsAnswer, Resolver } from '../dns/types.ts';
import type { ArcFailureCode } from './types.ts';

export type ArcKey =
  { ok: true; key: KeyObject } | { ok: false; code: ArcFailureCode; message: string };

/**
 * The public key of an ARC-Seal or ARC-Message-Signature: the DKIM key record at
 * `<s>._domainkey.<d>` (RFC 8617 4.1.2, 4.1.3), checked as DKIM does (RFC 6376 6.1.2): the key type
 * matches `a=`, `h=` allows SHA-256, `s=` covers email, RSA keys are 1024 to 8192 bits (RFC 8301).
 */
export async function lookupArcKey(
  resolver: Resolver,
  domain: string,
  selector: string,
  algorithm: 'rsa-sha256' | 'ed25519-sha256',
  answers: DnsAnswer[],
): Promise<ArcKey> {
  const name = `${selector}._domainkey.${domain}`;
  const limits = DEFAULT_DKIM_LIMITS;
  const found = await lookupKey(resolver, name, limits);
  if (found.dns) answers.push(found.dns);
  if (!found.ok) {
    return {
      ok: false,
      code: found.result === 'temperror' ? 'key-dns-error' : 'key-unusable',
      message: found.message,
    };
  }
  const key = found.key;
  const bad = (message: string): ArcKey => ({ ok: false, code: 'key-unusable', message });
  const wanted = algorithm === 'ed25519-sha256' ? 'ed25519' : 'rsa';
  if (key.keyType !== wanted) return bad(`the key at ${name} is k=${key.k}, not for ${algorithm}`);
  if (key.h !== null && !key.h.includes('sha256'))
    return bad(`the key at ${name} does not allow sha256`);
  if (!key.s.includes('*') && !key.s.includes('email'))
    return bad(`the key at ${name} is not for email`);
  if (key.keyType === 'rsa' && (key.bits < limits.minRsaBits || key.bits > limits.maxRsaBits)) {
    return bad(
      `the RSA key at ${name} is ${key.bits} bits; RFC 8301 requires ${limits.minRsaBits} or more (mxray accepts up to ${limits.maxRsaBits})`,
    );
  }
  if (!key.publicKey) return bad(`the key at ${name} has been revoked`);
  return { ok: true, key: key.publicKey };
}
