import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { Clock } from '../base/clock.ts';
import { computeBodyHash, signedHeaderData, signHeaderData } from '../dkim/index.ts';
import { normalizeDomain } from '../dns/name.ts';
import type { Resolver } from '../dns/types.ts';
import { parseMessage, type RawMessage } from '../mail/index.ts';
import { collectArcSets } from './collect-sets.ts';
import { MAX_ARC_INSTANCE } from './limits.ts';
import { parseSeal } from './parse-fields.ts';
import { sealSignedData } from './signed-data.ts';
import type { ArcVerification, ChainValidation } from './types.ts';
import { verifyArc } from './verify.ts';

export interface SealOptions {
  domain: string;
  selector: string;
  /** A KeyObject, or PEM text (PKCS#8 or PKCS#1). */
  privateKey: KeyObject | string | Buffer;
  /** Default: from the key type. */
  algorithm?: 'rsa-sha256' | 'ed25519-sha256';
  /** Header fields the ARC-Message-Signature covers (`h=`), e.g. `['from', 'to', 'subject']`. */
  headers: string[];
  /** `header/body` canonicalization of the ARC-Message-Signature; default `relaxed/relaxed`. */
  canonicalization?: 'relaxed/relaxed' | 'relaxed/simple' | 'simple/relaxed' | 'simple/simple';
  /** The authserv-id written in the ARC-Authentication-Results. */
  authservId: string;
  /**
   * The results this hop recorded, as Authentication-Results text after the authserv-id
   * (`spf=pass smtp.mailfrom=example.com; dkim=pass header.d=example.com`), or `none`.
   */
  authResults: string;
  /** The chain's status as this hop found it; when absent the chain is verified first. */
  chain?: ArcVerification | ChainValidation;
}

/** The outcome of {@link sealMessage}. */
export type SealResult =
  | {
      sealed: true;
      instance: number;
      cv: ChainValidation;
      /** The three new fields (name and value, no CRLF), in the order they are prepended. */
      fields: { seal: string; messageSignature: string; authenticationResults: string };
      /** The message with the new set on top (ARC-Seal first). */
      message: Buffer;
    }
  | { sealed: false; cv: ChainValidation; reason: string };

/**
 * RFC 8617 5.1: adds an ARC set (ARC-Authentication-Results, ARC-Message-Signature, ARC-Seal) with
 * instance N+1 and the chain status `cv`. Nothing is added when the newest seal already says
 * `cv=fail` (5.1.2), when the chain cannot be read, or at 50 sets. Fields are written unfolded in
 * alphabetical tag order. Bad keys or options are configuration errors and throw.
 * @example await sealMessage(bytes, { domain: 'example.org', selector: 's1', privateKey: pem, headers: ['from', 'to', 'subject'], authservId: 'mx.example.org', authResults: 'spf=pass smtp.mailfrom=a.example' }, { clock, resolver })
 */
export async function sealMessage(
  message: Buffer | Uint8Array | RawMessage,
  options: SealOptions,
  context: { clock: Clock; resolver?: Resolver },
): Promise<SealResult> {
  const msg = message instanceof Uint8Array ? parseMessage(message) : message;
  const domain = checkedName(options.domain, 'domain');
  const selector = checkedName(options.selector, 'selector');
  const key =
    typeof options.privateKey === 'string' || Buffer.isBuffer(options.privateKey)
      ? createPrivateKey(options.privateKey)
      : options.privateKey;
  const algorithm =
    options.algorithm ?? (key.asymmetricKeyType === 'ed25519' ? 'ed25519-sha256' : 'rsa-sha256');
  if ((algorithm === 'ed25519-sha256') !== (key.asymmetricKeyType === 'ed25519')) {
    throw new Error(`the private key (${key.asymmetricKeyType}) does not fit ${algorithm}`);
  }
  if (/[;\r\n]/.test(options.authservId) || options.authservId.trim() === '') {
    throw new Error('the authserv-id must be one non-empty token');
  }

  const collected = collectArcSets(msg);
  if (!collected.ok) return { sealed: false, cv: 'fail', reason: collected.message };
  const existing = collected.sets;
  const newest = existing[existing.length - 1];
  if (newest) {
    const seal = parseSeal(newest.seal);
    if (seal.ok && seal.value.cv === 'fail') {
      return {
        sealed: false,
        cv: 'fail',
        reason: 'the chain already failed (cv=fail); RFC 8617 5.1.2',
      };
    }
  }
  if (existing.length >= MAX_ARC_INSTANCE) {
    return { sealed: false, cv: 'fail', reason: `the chain already has ${MAX_ARC_INSTANCE} sets` };
  }
  const cv = existing.length === 0 ? 'none' : await chainStatus(msg, options.chain, context);

  const instance = existing.length + 1;
  const t = Math.floor(context.clock.now() / 1000);
  const [headerCanon, bodyCanon] = (options.canonicalization ?? 'relaxed/relaxed').split('/') as [
    'relaxed' | 'simple',
    'relaxed' | 'simple',
  ];
  const aar = `ARC-Authentication-Results: i=${instance}; ${options.authservId.trim()}; ${options.authResults.trim()}`;
  const withAar = parseMessage(Buffer.concat([Buffer.from(`${aar}\r\n`, 'latin1'), msg.bytes]));

  const bh = computeBodyHash(msg.body, bodyCanon, 'sha256').hash.toString('base64');
  const h = options.headers.map((name) => name.trim().toLowerCase()).filter(Boolean);
  if (h.includes('arc-seal')) throw new Error('the ARC-Message-Signature must not sign ARC-Seal');
  const amsTags = (b: string) =>
    `a=${algorithm}; b=${b}; bh=${bh}; c=${headerCanon}/${bodyCanon}; d=${domain}; h=${h.join(':')}; i=${instance}; s=${selector}; t=${t}`;
  const amsData = signedHeaderData(
    withAar.headers,
    h,
    headerCanon,
    `ARC-Message-Signature: ${amsTags('')}`,
  );
  const ams = `ARC-Message-Signature: ${amsTags(signHeaderData(algorithm, key, amsData).toString('base64'))}`;

  const sealTags = (b: string) =>
    `a=${algorithm}; b=${b}; cv=${cv}; d=${domain}; i=${instance}; s=${selector}; t=${t}`;
  // A seal that records a failure covers only its own set: the sets below it are not vouched for
  // (as dkimpy seals, and the ValiMail suite expects in i1_base_fail and i2_base_fail).
  const earlier =
    cv === 'fail'
      ? []
      : existing.map((s) => ({ aar: s.aar.rawText, ams: s.ams.rawText, seal: s.seal.rawText }));
  const sealData = sealSignedData(earlier, { aar, ams, seal: `ARC-Seal: ${sealTags('')}` });
  const seal = `ARC-Seal: ${sealTags(signHeaderData(algorithm, key, sealData).toString('base64'))}`;

  return {
    sealed: true,
    instance,
    cv,
    fields: { seal, messageSignature: ams, authenticationResults: aar },
    message: Buffer.concat([Buffer.from(`${seal}\r\n${ams}\r\n${aar}\r\n`, 'latin1'), msg.bytes]),
  };
}

async function chainStatus(
  msg: RawMessage,
  chain: SealOptions['chain'],
  context: { clock: Clock; resolver?: Resolver },
): Promise<ChainValidation> {
  if (typeof chain === 'string') return chain;
  if (chain) return chain.cv;
  if (!context.resolver) throw new Error('sealMessage needs a resolver or the chain status');
  return (await verifyArc(msg, { resolver: context.resolver, clock: context.clock })).cv;
}

function checkedName(value: string, what: string): string {
  const check = normalizeDomain(value);
  if (!check.ok) throw new Error(`the ${what} "${value}" is invalid: ${check.reason}`);
  return check.name;
}
