import type { DnsAnswer } from '../dns/types.ts';
import type { MessageProblem } from '../mail/index.ts';
import type { SignatureSyntaxReason } from './signature.ts';

/** RFC 8601 2.7.1 DKIM results for one signature (`none` is a message with no signature). */
export type DkimResult = 'pass' | 'fail' | 'neutral' | 'policy' | 'temperror' | 'permerror';

/** Why a signature got its result: stable machine codes (documented in docs/dkim.md). */
export type DkimReason =
  | 'verified'
  | 'body-hash-mismatch'
  | 'signature-mismatch'
  | SignatureSyntaxReason
  | 'algorithm-unsupported'
  | 'algorithm-rsa-sha1'
  | 'key-nxdomain'
  | 'key-nodata'
  | 'key-dns-error'
  | 'key-cname-broken'
  | 'key-syntax'
  | 'key-revoked'
  | 'key-too-small'
  | 'key-too-large'
  | 'key-type-mismatch'
  | 'key-hash-not-allowed'
  | 'key-service-mismatch'
  | 'key-strict-identity'
  | 'body-length-exceeds'
  | 'signature-expired'
  | 'signature-future'
  | 'message-malformed'
  | 'not-checked';

/** What we learnt about the key, for evidence. */
export interface DkimKeySummary {
  keyType: 'rsa' | 'ed25519';
  bits: number;
  testing: boolean;
  strict: boolean;
}

/** The outcome of one DKIM-Signature. */
export interface DkimSignatureResult {
  result: DkimResult;
  reason: DkimReason;
  /** One sentence for a person, e.g. "body hash did not verify: the body was changed after signing". */
  message: string;
  /** Position of the DKIM-Signature field among the message's signatures, 0 for the top one. */
  index: number;
  domain: string;
  selector: string;
  algorithm: string;
  /** `<selector>._domainkey.<domain>`, the name queried (or that would be). */
  keyName: string;
  canonicalization: string | null;
  identity: string | null;
  signedHeaders: string[];
  bodyLength: number | null;
  timestamp: number | null;
  expiration: number | null;
  key: DkimKeySummary | null;
  /** The key lookup with its exchanges, when one was made. */
  dns: DnsAnswer | null;
}

/** The outcome for a message: one entry per DKIM-Signature, in header order (empty = none). */
export interface DkimVerification {
  signatures: DkimSignatureResult[];
  /** Set when the message itself could not be processed; every signature is then permerror. */
  messageProblem: MessageProblem | null;
}
