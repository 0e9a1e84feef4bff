/**
 * DKIM (RFC 6376, RFC 8301, RFC 8463): tag lists, key records, canonicalization, body and header
 * hashes, verification, signing and key generation. ARC imports the primitives from here.
 */
export { parseTagList } from './tag-list.ts';
export type { Tag, TagListResult } from './tag-list.ts';
export { parseDkimSignature } from './signature.ts';
export type {
  DkimSignature,
  SignatureParse,
  SignatureSyntaxReason,
  Canon,
  DkimAlgorithm,
} from './signature.ts';
export { parseDkimKeyRecord } from './key-record.ts';
export type { DkimKeyRecord, KeyRecordParse } from './key-record.ts';
export {
  canonicalizeHeader,
  canonicalizeHeaderRelaxed,
  canonicalizeHeaderSimple,
  selectSignedFields,
} from './canonicalize-header.ts';
export { BodyHasher, computeBodyHash } from './body-hash.ts';
export type { BodyHashResult } from './body-hash.ts';
export { signedHeaderData, blankSignatureValue } from './header-hash.ts';
export { verifyHeaderSignature, signHeaderData } from './verify-primitive.ts';
export type { SupportedAlgorithm } from './verify-primitive.ts';
export { keyFromAnswer, lookupKey } from './key-lookup.ts';
export type { KeyLookup } from './key-lookup.ts';
export { verifyDkim } from './verify.ts';
export type { VerifyDkimOptions } from './verify.ts';
export type {
  DkimResult,
  DkimReason,
  DkimSignatureResult,
  DkimVerification,
  DkimKeySummary,
} from './result.ts';
export { DEFAULT_DKIM_LIMITS } from './limits.ts';
export type { DkimLimits } from './limits.ts';
export { signMessage, DEFAULT_SIGNED_HEADERS } from './sign.ts';
export type { DkimSignOptions, SignedMessage } from './sign.ts';
export { generateDkimKey, zoneLine } from './keygen.ts';
export type { DkimKeySpec, GeneratedDkimKey } from './keygen.ts';
