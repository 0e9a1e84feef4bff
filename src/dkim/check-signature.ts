import type { DkimKeyRecord } from './key-record.ts';
import type { DkimLimits } from './limits.ts';
import type { DkimReason, DkimResult } from './result.ts';
import type { DkimSignature } from './signature.ts';

export type Verdict = { result: DkimResult; reason: DkimReason; message: string };

/** RFC 8301 / 8463: what `a=` may be; rsa-sha1 and anything else cannot pass. */
export function checkAlgorithm(sig: DkimSignature, limits: DkimLimits): Verdict | null {
  if (sig.algorithm === 'rsa-sha256' || sig.algorithm === 'ed25519-sha256') return null;
  if (sig.algorithm === 'rsa-sha1' && limits.allowRsaSha1) return null;
  if (sig.algorithm === 'rsa-sha1') {
    return {
      result: 'permerror',
      reason: 'algorithm-rsa-sha1',
      message: 'the signature uses rsa-sha1, which RFC 8301 forbids verifiers to accept',
    };
  }
  return {
    result: 'permerror',
    reason: 'algorithm-unsupported',
    message: `the signing algorithm a=${sig.algorithm} is not supported`,
  };
}

/** RFC 6376 6.1.2 key checks and RFC 8301 3.2 sizes. */
export function checkKey(
  sig: DkimSignature,
  key: DkimKeyRecord,
  keyName: string,
  limits: DkimLimits,
): Verdict | null {
  const sigKeyType = sig.algorithm.startsWith('ed25519') ? 'ed25519' : 'rsa';
  if (key.keyType !== sigKeyType) {
    return bad(
      'key-type-mismatch',
      `the key at ${keyName} is k=${key.k}, but the signature uses ${sig.algorithm}`,
    );
  }
  const hash = sig.algorithm.endsWith('sha1') ? 'sha1' : 'sha256';
  if (key.h !== null && !key.h.includes(hash)) {
    return bad('key-hash-not-allowed', `the key at ${keyName} allows only h=${key.h.join(':')}`);
  }
  if (!key.s.includes('*') && !key.s.includes('email')) {
    return bad(
      'key-service-mismatch',
      `the key at ${keyName} is not for email (s=${key.s.join(':')})`,
    );
  }
  if (key.strict && sig.identityDomain !== sig.domain) {
    return bad(
      'key-strict-identity',
      `the key at ${keyName} has t=s, so i= must use exactly ${sig.domain}, not ${sig.identityDomain}`,
    );
  }
  if (key.keyType === 'rsa' && key.bits < limits.minRsaBits) {
    return bad(
      'key-too-small',
      `the RSA key at ${keyName} is ${key.bits} bits; RFC 8301 requires at least ${limits.minRsaBits}`,
    );
  }
  if (key.keyType === 'rsa' && key.bits > limits.maxRsaBits) {
    return bad(
      'key-too-large',
      `the RSA key at ${keyName} is ${key.bits} bits; the limit is ${limits.maxRsaBits}`,
    );
  }
  return null;
}

function bad(reason: DkimReason, message: string): Verdict {
  return { result: 'permerror', reason, message };
}

/** `x=` and `t=` against the injected clock (RFC 6376 3.5): valid signatures outside them are `policy`. */
export function checkTimes(
  sig: DkimSignature,
  nowSeconds: number,
  limits: DkimLimits,
): Verdict | null {
  if (sig.expiration !== null && nowSeconds > sig.expiration) {
    return {
      result: 'policy',
      reason: 'signature-expired',
      message: `the signature expired at x=${sig.expiration} (${nowSeconds - sig.expiration} s ago)`,
    };
  }
  if (sig.timestamp !== null && sig.timestamp > nowSeconds + limits.clockSkewSeconds) {
    return {
      result: 'policy',
      reason: 'signature-future',
      message: `the signature time t=${sig.timestamp} is ${sig.timestamp - nowSeconds} s in the future`,
    };
  }
  return null;
}
