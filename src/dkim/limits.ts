import { checkLimit } from '../base/limits.ts';

/** Limits of DKIM verification; each names the threat it stops. Validated at the boundary. */
export interface DkimLimits {
  /** Signatures verified per message; the rest are reported as not checked. Threat: 100 signatures
   * each costing a DNS query and an RSA verification (a cheap denial of service). */
  maxSignatures: number;
  /** Bytes of a joined key record. Threat: an answer with dozens of 255-byte TXT strings. */
  maxKeyRecordBytes: number;
  /** Names in `h=`. Threat: `h=` with thousands of names making header selection quadratic. */
  maxSignedHeaders: number;
  /** Smallest RSA key accepted: RFC 8301 3.2 says 1024 bits. Lowering it is for legacy corpora. */
  minRsaBits: number;
  /** Largest RSA key accepted. Threat: a 16384-bit key costs 60 times a 2048-bit verification. */
  maxRsaBits: number;
  /** Accept rsa-sha1 (RFC 8301 3.1 says never; only to compare with legacy corpora). */
  allowRsaSha1: boolean;
  /** Seconds a `t=` may lie in the future before the signature is refused (clock skew). */
  clockSkewSeconds: number;
}

export const DEFAULT_DKIM_LIMITS: DkimLimits = {
  maxSignatures: 10,
  maxKeyRecordBytes: 8192,
  maxSignedHeaders: 256,
  minRsaBits: 1024,
  maxRsaBits: 8192,
  clockSkewSeconds: 300,
  allowRsaSha1: false,
};

/** Merges and checks caller limits (a bad limit is a configuration error, so it throws). */
export function resolveDkimLimits(limits?: Partial<DkimLimits>): DkimLimits {
  const l = { ...DEFAULT_DKIM_LIMITS, ...limits };
  checkLimit('maxSignatures', l.maxSignatures, 1, 1000);
  checkLimit('maxKeyRecordBytes', l.maxKeyRecordBytes, 256, 65535);
  checkLimit('maxSignedHeaders', l.maxSignedHeaders, 1, 10_000);
  checkLimit('minRsaBits', l.minRsaBits, 512, 16384);
  checkLimit('maxRsaBits', l.maxRsaBits, l.minRsaBits, 16384);
  checkLimit('clockSkewSeconds', l.clockSkewSeconds, 0, 86400);
  return l;
}
