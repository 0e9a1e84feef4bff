import type { Clock } from '../base/clock.ts';
import type { Resolver } from '../dns/types.ts';
import { parseMessage, type HeaderField, type RawMessage } from '../mail/index.ts';
import { BodyHasher, type BodyHashResult } from './body-hash.ts';
import { checkAlgorithm, checkKey, checkTimes, type Verdict } from './check-signature.ts';
import { blankSignatureValue, signedHeaderData } from './header-hash.ts';
import { lookupKey, type KeyLookup } from './key-lookup.ts';
import { DEFAULT_DKIM_LIMITS, resolveDkimLimits, type DkimLimits } from './limits.ts';
import type { DkimSignatureResult, DkimVerification } from './result.ts';
import { parseDkimSignature, type DkimSignature, type SignatureParse } from './signature.ts';
import { verifyHeaderSignature, type VerifiableAlgorithm } from './verify-primitive.ts';

export interface VerifyDkimOptions {
  resolver: Resolver;
  clock: Clock;
  /** Signatures verified per message (default 10); the rest are reported `neutral`, not checked. */
  maxSignatures?: number;
  /** Other limits (RSA sizes, clock skew...); defaults in {@link DEFAULT_DKIM_LIMITS}. */
  limits?: Partial<DkimLimits>;
}

/**
 * Verifies every DKIM-Signature of a message (RFC 6376 6). Body hashes are computed once per
 * distinct (canonicalization, length) while key lookups run; results come back in header order.
 * Never throws for bad input: every outcome is a result with a reason.
 * @example const { signatures } = await verifyDkim(bytes, { resolver, clock: systemClock });
 */
export async function verifyDkim(
  message: Buffer | Uint8Array | RawMessage,
  options: VerifyDkimOptions,
): Promise<DkimVerification> {
  // The defaults are already checked; merging and checking them again per message is waste.
  const limits =
    options.limits === undefined && options.maxSignatures === undefined
      ? DEFAULT_DKIM_LIMITS
      : resolveDkimLimits({
          ...options.limits,
          ...(options.maxSignatures ? { maxSignatures: options.maxSignatures } : {}),
        });
  const msg = isRawMessage(message) ? message : parseMessage(message);
  const fields = msg.headers.filter((h) => h.lowerName === 'dkim-signature');
  const problem = msg.problems[0] ?? null;
  if (msg.limitExceeded) return { signatures: [], messageProblem: msg.limitExceeded };

  const parsed = fields.map((field) => ({ field, parse: parseDkimSignature(field) }));
  const lookups = new Map<string, Promise<KeyLookup>>();
  const nowSeconds = Math.floor(options.clock.now() / 1000);
  const work = parsed.map((entry, index) => {
    if (index >= limits.maxSignatures) return null;
    if (!entry.parse.ok || problem) return null;
    const sig = entry.parse.signature;
    const name = `${sig.selector}._domainkey.${sig.domain}`;
    let lookup = lookups.get(name);
    if (!lookup) {
      lookup = lookupKey(options.resolver, name, limits);
      lookups.set(name, lookup);
    }
    return lookup;
  });
  // Hash bodies while the key lookups are in flight.
  const bodies = new Map<string, BodyHashResult>();
  for (const [i, entry] of parsed.entries()) {
    if (work[i] && entry.parse.ok) {
      const s = entry.parse.signature;
      const id = bodyKey(s);
      if (!bodies.has(id)) {
        bodies.set(
          id,
          new BodyHasher(s.bodyCanon, hashOf(s), s.bodyLength).update(msg.body).digest(),
        );
      }
    }
  }
  const signatures: DkimSignatureResult[] = [];
  for (const [index, entry] of parsed.entries()) {
    signatures.push(
      await verifyOne(
        msg,
        entry.field,
        entry.parse,
        index,
        work[index] ?? null,
        bodies,
        nowSeconds,
        limits,
        problem,
      ),
    );
  }
  return { signatures, messageProblem: problem };
}

async function verifyOne(
  msg: RawMessage,
  field: HeaderField,
  parse: SignatureParse,
  index: number,
  lookup: Promise<KeyLookup> | null,
  bodies: Map<string, BodyHashResult>,
  nowSeconds: number,
  limits: DkimLimits,
  problem: { message: string } | null,
): Promise<DkimSignatureResult> {
  if (!parse.ok) {
    return base(index, parse, null, {
      result: 'permerror',
      reason: parse.reason,
      message: `the signature is malformed: ${parse.message}`,
    });
  }
  const sig = parse.signature;
  if (problem)
    return base(index, parse, sig, {
      result: 'permerror',
      reason: 'message-malformed',
      message: `the message is malformed: ${problem.message}`,
    });
  if (index >= limits.maxSignatures) {
    return base(index, parse, sig, {
      result: 'neutral',
      reason: 'not-checked',
      message: `not checked: only the first ${limits.maxSignatures} signatures are verified`,
    });
  }
  if (!lookup)
    return base(index, parse, sig, {
      result: 'neutral',
      reason: 'not-checked',
      message: 'not checked',
    });
  if (sig.signedHeaders.length > limits.maxSignedHeaders) {
    return base(index, parse, sig, {
      result: 'permerror',
      reason: 'signature-syntax',
      message: `h= names ${sig.signedHeaders.length} fields; the limit is ${limits.maxSignedHeaders}`,
    });
  }
  const key = await lookup;
  if (!key.ok) return base(index, parse, sig, key, key);
  // RFC 6376 6.1.2 fetches the key before checking it; an unusable algorithm is judged after the
  // lookup, so a DNS failure stays a temperror (as dkimpy reports it).
  const algo = checkAlgorithm(sig, limits);
  if (algo) return base(index, parse, sig, algo, key);
  const keyName = `${sig.selector}._domainkey.${sig.domain}`;
  const keyProblem = checkKey(sig, key.key, keyName, limits);
  if (keyProblem) return base(index, parse, sig, keyProblem, key);
  const body = bodies.get(bodyKey(sig)) as BodyHashResult;
  if (sig.bodyLength !== null && sig.bodyLength > body.canonicalLength) {
    return base(
      index,
      parse,
      sig,
      {
        result: 'permerror',
        reason: 'body-length-exceeds',
        message: `l=${sig.bodyLength} is longer than the canonical body (${body.canonicalLength} bytes)`,
      },
      key,
    );
  }
  if (!body.hash.equals(sig.bodyHash)) {
    return base(
      index,
      parse,
      sig,
      {
        result: 'fail',
        reason: 'body-hash-mismatch',
        message: 'body hash did not verify: the body was changed after signing',
      },
      key,
    );
  }
  const data = signedHeaderData(
    msg.headers,
    sig.signedHeaders,
    sig.headerCanon,
    blankSignatureValue(field, sig.bValueStart, sig.bValueEnd),
  );
  const algorithm = sig.algorithm as VerifiableAlgorithm;
  if (!verifyHeaderSignature(algorithm, key.key.publicKey!, data, sig.signature)) {
    return base(
      index,
      parse,
      sig,
      {
        result: 'fail',
        reason: 'signature-mismatch',
        message:
          'the signature did not verify: a signed header field was changed after signing, or the key does not match',
      },
      key,
    );
  }
  const late = checkTimes(sig, nowSeconds, limits);
  if (late) return base(index, parse, sig, late, key);
  const partial =
    sig.bodyLength !== null && sig.bodyLength < body.canonicalLength
      ? ` (l= covers ${sig.bodyLength} of ${body.canonicalLength} body bytes)`
      : '';
  return base(
    index,
    parse,
    sig,
    {
      result: 'pass',
      reason: 'verified',
      message: `the signature of ${sig.domain} verified${partial}`,
    },
    key,
  );
}

function base(
  index: number,
  parse: SignatureParse,
  sig: DkimSignature | null,
  verdict: Verdict,
  key?: KeyLookup,
): DkimSignatureResult {
  const domain = sig ? sig.domain : parse.ok ? '' : parse.domain;
  const selector = sig ? sig.selector : parse.ok ? '' : parse.selector;
  const found = key?.ok ? key.key : null;
  // One literal with every property (no spread): results are built for every signature.
  return {
    result: verdict.result,
    reason: verdict.reason,
    message: verdict.message,
    index,
    domain,
    selector,
    algorithm: sig ? sig.algorithm : parse.ok ? '' : parse.algorithm,
    keyName: `${selector}._domainkey.${domain}`,
    canonicalization: sig ? `${sig.headerCanon}/${sig.bodyCanon}` : null,
    identity: sig ? sig.identity : null,
    signedHeaders: sig ? sig.signedHeaders : [],
    bodyLength: sig ? sig.bodyLength : null,
    timestamp: sig ? sig.timestamp : null,
    expiration: sig ? sig.expiration : null,
    key: found
      ? { keyType: found.keyType, bits: found.bits, testing: found.testing, strict: found.strict }
      : null,
    dns: key ? key.dns : null,
  };
}

function hashOf(sig: DkimSignature): 'sha1' | 'sha256' {
  return sig.algorithm === 'rsa-sha1' ? 'sha1' : 'sha256';
}

function bodyKey(sig: DkimSignature): string {
  return `${sig.bodyCanon}/${hashOf(sig)}/${sig.bodyLength ?? ''}`;
}

function isRawMessage(m: Buffer | Uint8Array | RawMessage): m is RawMessage {
  return !(m instanceof Uint8Array);
}
