import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { Clock } from '../base/clock.ts';
import { parseMessage, type RawMessage } from '../mail/index.ts';
import { computeBodyHash } from './body-hash.ts';
import { canonicalizeHeader, selectSignedFields } from './canonicalize-header.ts';
import type { Canon } from './signature.ts';
import { signHeaderData, type SupportedAlgorithm } from './verify-primitive.ts';

/** Options of one signature. */
export interface DkimSignOptions {
  domain: string;
  selector: string;
  /** A KeyObject, or PEM text (PKCS#8 or PKCS#1). */
  privateKey: KeyObject | string | Buffer;
  /** Default: from the key type. */
  algorithm?: SupportedAlgorithm;
  /** `header/body`; default `relaxed/relaxed`. */
  canonicalization?: `${Canon}/${Canon}`;
  /** Header names to sign when present; default {@link DEFAULT_SIGNED_HEADERS}. */
  headers?: string[];
  /** Names signed once more than they occur, so none can be added (default `['from']`). */
  oversign?: string[];
  /** Seconds until `x=`; no `x=` when absent. */
  expiresIn?: number;
  /** Add `l=` with the canonical body length (discouraged: lets anyone append content). */
  bodyLength?: boolean;
  /** `i=`, when it should differ from `@domain`. */
  identity?: string;
}

/** Fields worth protecting; From is over-signed by default (RFC 6376 8.15). */
export const DEFAULT_SIGNED_HEADERS = [
  'from',
  'sender',
  'reply-to',
  'subject',
  'date',
  'message-id',
  'to',
  'cc',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'content-id',
  'content-description',
  'in-reply-to',
  'references',
  'list-id',
  'list-help',
  'list-unsubscribe',
  'list-unsubscribe-post',
  'list-subscribe',
  'list-post',
  'list-owner',
  'list-archive',
  'feedback-id',
];

export interface SignedMessage {
  /** The DKIM-Signature fields, each ending with CRLF, in the order they were prepended. */
  signatures: string[];
  /** The message with the signatures prepended (the last option's signature on top). */
  message: Buffer;
}

/**
 * Signs a message with one or more keys (RFC 6376 5; Ed25519 per RFC 8463). Several options give
 * several signatures (e.g. RSA and Ed25519 side by side). Configuration errors (bad key) throw.
 * @example signMessage(bytes, [{ domain: 'example.com', selector: 'rsa', privateKey: pem }], { clock })
 */
export function signMessage(
  message: Buffer | Uint8Array | RawMessage,
  options: DkimSignOptions | DkimSignOptions[],
  context: { clock: Clock },
): SignedMessage {
  const msg = message instanceof Uint8Array ? parseMessage(message) : message;
  if (msg.getAll('from').length === 0)
    throw new Error('cannot sign a message without a From header field');
  const signatures: string[] = [];
  for (const opt of Array.isArray(options) ? options : [options]) {
    signatures.push(signOne(msg, opt, context.clock));
  }
  return {
    signatures,
    message: Buffer.concat([Buffer.from([...signatures].reverse().join(''), 'latin1'), msg.bytes]),
  };
}

function signOne(msg: RawMessage, opt: DkimSignOptions, clock: Clock): string {
  const key =
    typeof opt.privateKey === 'object' && !Buffer.isBuffer(opt.privateKey)
      ? opt.privateKey
      : createPrivateKey(opt.privateKey);
  const keyType = key.asymmetricKeyType;
  if (keyType !== 'rsa' && keyType !== 'ed25519')
    throw new Error(`cannot sign with a ${keyType} key`);
  const algorithm = opt.algorithm ?? (keyType === 'rsa' ? 'rsa-sha256' : 'ed25519-sha256');
  if ((algorithm === 'rsa-sha256') !== (keyType === 'rsa'))
    throw new Error(`a ${keyType} key cannot sign ${algorithm}`);
  const [hc, bc] = (opt.canonicalization ?? 'relaxed/relaxed').split('/') as [Canon, Canon];
  const body = computeBodyHash(msg.body, bc, 'sha256');
  const names: string[] = [];
  const oversign = new Set((opt.oversign ?? ['from']).map((n) => n.toLowerCase()));
  for (const name of (opt.headers ?? DEFAULT_SIGNED_HEADERS).map((n) => n.toLowerCase())) {
    const count = msg.getAll(name).length + (oversign.has(name) ? 1 : 0);
    for (let i = 0; i < count; i++) names.push(name);
  }
  if (!names.includes('from')) names.unshift('from');
  const t = Math.floor(clock.now() / 1000);
  const tags = [
    'v=1',
    `a=${algorithm}`,
    `c=${hc}/${bc}`,
    `d=${opt.domain}`,
    `s=${opt.selector}`,
    ...(opt.identity ? [`i=${opt.identity}`] : []),
    `t=${t}`,
    ...(opt.expiresIn !== undefined ? [`x=${t + opt.expiresIn}`] : []),
    ...(opt.bodyLength ? [`l=${body.canonicalLength}`] : []),
    `h=${names.join(':')}`,
    `bh=${body.hash.toString('base64')}`,
  ];
  const head = `DKIM-Signature: ${fold(tags)};\r\n b=`;
  let data = '';
  for (const f of selectSignedFields(msg.headers, names)) data += canonicalizeHeader(f, hc);
  data += canonicalizeHeader(head, hc).slice(0, -2);
  const b = signHeaderData(algorithm, key, Buffer.from(data, 'latin1')).toString('base64');
  return `${head}${b.replace(/(.{72})(?=.)/g, '$1\r\n  ')}\r\n`;
}

/** Folds `tag=value` items into lines of at most about 76 characters (FWS after `;`, inside `h=`). */
function fold(tags: string[]): string {
  const tokens: string[] = [];
  for (const [i, tag] of tags.entries()) {
    const parts = tag.startsWith('h=') ? tag.split(/(?<=:)/) : [tag];
    for (const [j, part] of parts.entries()) {
      tokens.push(j === parts.length - 1 && i < tags.length - 1 ? `${part};` : part);
    }
  }
  let out = '';
  let width = 'DKIM-Signature: '.length;
  for (const [i, token] of tokens.entries()) {
    const sep = i === 0 || (tokens[i - 1] ?? '').endsWith(':') ? '' : ' ';
    if (i > 0 && width + sep.length + token.length > 76) {
      out += `\r\n ${token}`;
      width = 1 + token.length;
    } else {
      out += sep + token;
      width += sep.length + token.length;
    }
  }
  return out;
}
