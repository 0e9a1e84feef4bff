import type { Clock } from '../base/clock.ts';
import {
  blankSignatureValue,
  computeBodyHash,
  signedHeaderData,
  verifyHeaderSignature,
} from '../dkim/index.ts';
import type { DnsAnswer, Resolver } from '../dns/types.ts';
import { parseMessage, type RawMessage } from '../mail/index.ts';
import { collectArcSets, type RawArcSet } from './collect-sets.ts';
import { lookupArcKey } from './key.ts';
import {
  aarPayload,
  parseAms,
  parseSeal,
  type ParsedAms,
  type ParsedSeal,
} from './parse-fields.ts';
import { sealSignedData, type SetTexts } from './signed-data.ts';
import type { ArcFailureCode, ArcFailurePart, ArcSetSummary, ArcVerification } from './types.ts';

export interface VerifyArcOptions {
  resolver: Resolver;
  /** For `x=` on the ARC-Message-Signature. */
  clock: Clock;
}

interface ReadSet {
  raw: RawArcSet;
  seal: ParsedSeal;
  ams: ParsedAms;
}

/**
 * RFC 8617 5.2: validates the ARC chain of a message. `none` without ARC fields; `fail` with the
 * failing instance, part and reason when the structure is broken, the newest seal already says
 * `cv=fail`, a `cv=` is wrong for its place, the newest ARC-Message-Signature does not verify, or
 * any ARC-Seal does not verify; otherwise `pass`. Only the newest AMS is checked (5.2 step 4), so
 * older hops may have changed the message. Never throws for protocol outcomes.
 * @example const arc = await verifyArc(bytes, { resolver, clock }); arc.cv
 */
export async function verifyArc(
  message: Buffer | Uint8Array | RawMessage,
  options: VerifyArcOptions,
): Promise<ArcVerification> {
  const msg = message instanceof Uint8Array ? parseMessage(message) : message;
  const answers: DnsAnswer[] = [];
  const sets: ArcSetSummary[] = [];
  let instance = 0;
  const fail = (
    code: ArcFailureCode,
    part: ArcFailurePart,
    reason: string,
    failedInstance?: number,
  ): ArcVerification => ({
    cv: 'fail',
    instance,
    ...(failedInstance !== undefined ? { failedInstance } : {}),
    failedPart: part,
    failure: code,
    reason: failedInstance !== undefined ? `i=${failedInstance} ${part}: ${reason}` : reason,
    sets,
    answers,
  });

  if (msg.limitExceeded) return fail('message-malformed', 'structure', msg.limitExceeded.message);
  const collected = collectArcSets(msg);
  if (!collected.ok) {
    return fail(collected.code, collected.part, collected.message, collected.instance);
  }
  if (collected.sets.length === 0) {
    return { cv: 'none', instance: 0, reason: 'the message has no ARC sets', sets, answers };
  }
  instance = collected.sets.length;

  const read: ReadSet[] = [];
  for (const raw of collected.sets) {
    const seal = parseSeal(raw.seal);
    if (!seal.ok) return fail(seal.code, 'ARC-Seal', seal.message, raw.instance);
    const ams = parseAms(raw.ams);
    if (!ams.ok) return fail(ams.code, 'ARC-Message-Signature', ams.message, raw.instance);
    read.push({ raw, seal: seal.value, ams: ams.value });
    sets.push(summarize(raw, seal.value, ams.value));
  }

  const newest = read[read.length - 1] as ReadSet;
  // RFC 8617 5.2 step 2: a chain its last sealer marked failed stays failed.
  if (newest.seal.cv === 'fail') {
    return fail('chain-already-failed', 'ARC-Seal', 'the newest seal says cv=fail', instance);
  }
  for (const set of read) {
    const expected = set.raw.instance === 1 ? 'none' : 'pass';
    if (set.seal.cv !== expected) {
      return fail(
        'cv-invalid',
        'ARC-Seal',
        `cv=${set.seal.cv}, but ${set.raw.instance === 1 ? 'the first seal must say cv=none' : 'a later seal must say cv=pass'} (RFC 8617 5.2 step 3)`,
        set.raw.instance,
      );
    }
  }

  const ams = await checkAms(msg, newest.ams, options, answers);
  if (ams) return fail(ams.code, 'ARC-Message-Signature', ams.message, instance);

  const texts: SetTexts[] = read.map((s) => ({
    aar: s.raw.aar.rawText,
    ams: s.raw.ams.rawText,
    seal: s.raw.seal.rawText,
  }));
  for (let k = read.length - 1; k >= 0; k--) {
    const set = read[k] as ReadSet;
    const own = {
      ...(texts[k] as SetTexts),
      seal: blankSignatureValue(set.raw.seal, set.seal.bStart, set.seal.bEnd),
    };
    const data = sealSignedData(texts.slice(0, k), own);
    const key = await lookupArcKey(
      options.resolver,
      set.seal.domain,
      set.seal.selector,
      set.seal.algorithm,
      answers,
    );
    if (!key.ok) return fail(key.code, 'ARC-Seal', key.message, set.raw.instance);
    if (!verifyHeaderSignature(set.seal.algorithm, key.key, data, set.seal.signature)) {
      return fail(
        'signature-mismatch',
        'ARC-Seal',
        'the seal signature does not verify',
        set.raw.instance,
      );
    }
  }
  return {
    cv: 'pass',
    instance,
    reason: `${instance} ARC set${instance > 1 ? 's' : ''} verified (newest i=${instance} by ${newest.seal.domain})`,
    sets,
    answers,
  };
}

/** Verifies the newest ARC-Message-Signature like a DKIM signature (RFC 8617 5.2 step 4). */
async function checkAms(
  msg: RawMessage,
  ams: ParsedAms,
  options: VerifyArcOptions,
  answers: DnsAnswer[],
): Promise<{ code: ArcFailureCode; message: string } | null> {
  if (ams.expiration !== null && options.clock.now() / 1000 > ams.expiration) {
    return { code: 'signature-expired', message: `the signature expired at x=${ams.expiration}` };
  }
  const body = computeBodyHash(msg.body, ams.bodyCanon, 'sha256', ams.length);
  if (ams.length !== null && ams.length > body.canonicalLength) {
    return { code: 'body-hash-mismatch', message: `l=${ams.length} is longer than the body` };
  }
  if (!body.hash.equals(ams.bodyHash)) {
    return { code: 'body-hash-mismatch', message: 'the body hash (bh=) does not match the body' };
  }
  const key = await lookupArcKey(
    options.resolver,
    ams.domain,
    ams.selector,
    ams.algorithm,
    answers,
  );
  if (!key.ok) return { code: key.code, message: key.message };
  const data = signedHeaderData(
    msg.headers,
    ams.headers,
    ams.headerCanon,
    blankSignatureValue(ams.field, ams.bStart, ams.bEnd),
  );
  return verifyHeaderSignature(ams.algorithm, key.key, data, ams.signature)
    ? null
    : { code: 'signature-mismatch', message: 'the signature does not verify' };
}

function summarize(raw: RawArcSet, seal: ParsedSeal, ams: ParsedAms): ArcSetSummary {
  return {
    instance: raw.instance,
    seal: { domain: seal.domain, selector: seal.selector, algorithm: seal.algorithm, cv: seal.cv },
    messageSignature: {
      domain: ams.domain,
      selector: ams.selector,
      algorithm: ams.algorithm,
      headers: ams.headers,
    },
    authenticationResults: aarPayload(raw.aar),
  };
}
