/**
 * ARC (RFC 8617): chain validation and sealing, on the DKIM primitives of `src/dkim`.
 */
export { verifyArc, type VerifyArcOptions } from './verify.ts';
export { sealMessage, type SealOptions, type SealResult } from './seal.ts';
export { MAX_ARC_INSTANCE, MAX_ARC_FIELDS, MAX_AMS_SIGNED_HEADERS } from './limits.ts';
export type {
  ArcFailureCode,
  ArcFailurePart,
  ArcSetSummary,
  ArcVerification,
  ChainValidation,
} from './types.ts';
