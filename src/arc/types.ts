import type { DnsAnswer } from '../dns/types.ts';

/** Chain validation status (RFC 8617 4.4). */
export type ChainValidation = 'none' | 'pass' | 'fail';

/** Which part of the chain failed. */
export type ArcFailurePart =
  'structure' | 'ARC-Seal' | 'ARC-Message-Signature' | 'ARC-Authentication-Results';

/** Stable codes for why a chain failed. */
export type ArcFailureCode =
  | 'too-many-fields'
  | 'instance-invalid'
  | 'instance-duplicate'
  | 'instance-missing'
  | 'instance-over-limit'
  | 'chain-already-failed'
  | 'cv-invalid'
  | 'tag-syntax'
  | 'algorithm-unsupported'
  | 'key-unusable'
  | 'key-dns-error'
  | 'body-hash-mismatch'
  | 'signature-mismatch'
  | 'signature-expired'
  | 'message-malformed';

/** One ARC set as read from the message, for evidence. */
export interface ArcSetSummary {
  instance: number;
  seal: { domain: string; selector: string; algorithm: string; cv: string };
  messageSignature: { domain: string; selector: string; algorithm: string; headers: string[] };
  /** The ARC-Authentication-Results payload after `i=N;` (authserv-id and results). */
  authenticationResults: string;
}

/** The outcome of {@link verifyArc}. */
export interface ArcVerification {
  cv: ChainValidation;
  /** The highest instance found (0 when there is no chain). */
  instance: number;
  /** For `fail`: the instance and header that failed, and a code. */
  failedInstance?: number;
  failedPart?: ArcFailurePart;
  failure?: ArcFailureCode;
  reason: string;
  /** The sets that could be read, oldest first. */
  sets: ArcSetSummary[];
  /** Key lookups made, in order. */
  answers: DnsAnswer[];
}
