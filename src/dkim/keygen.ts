import { generateKeyPairSync } from 'node:crypto';

export type DkimKeySpec = { type: 'rsa'; bits: 2048 | 3072 | 4096 } | { type: 'ed25519' };

/** A new key pair with its DNS record in both forms. */
export interface GeneratedDkimKey {
  /** PKCS#8 PEM. Store it with mode 0600. */
  privateKeyPem: string;
  /** The TXT value: `v=DKIM1; k=rsa; p=...`. */
  txtValue: string;
  /** The owner name: `<selector>._domainkey.<domain>`. */
  recordName: string;
  /** A zone-file line with the value split into strings of at most 255 bytes (RFC 1035 3.3). */
  zoneLine: string;
}

/**
 * Generates a DKIM key: RSA (SubjectPublicKeyInfo in p=, RFC 6376 3.6.1) or Ed25519 (the raw
 * 32-byte key in p=, RFC 8463 4.2).
 * @example generateDkimKey({ type: 'ed25519' }, 'ed1', 'example.com').zoneLine
 */
export function generateDkimKey(
  spec: DkimKeySpec,
  selector: string,
  domain: string,
): GeneratedDkimKey {
  let privateKeyPem: string;
  let p: string;
  if (spec.type === 'rsa') {
    const pair = generateKeyPairSync('rsa', { modulusLength: spec.bits });
    privateKeyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    p = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  } else {
    const pair = generateKeyPairSync('ed25519');
    privateKeyPem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    // The SPKI DER of an Ed25519 key is a 12-byte prefix and the 32-byte key.
    p = pair.publicKey.export({ type: 'spki', format: 'der' }).subarray(12).toString('base64');
  }
  const txtValue = `v=DKIM1; k=${spec.type}; p=${p}`;
  const recordName = `${selector}._domainkey.${domain}`;
  return { privateKeyPem, txtValue, recordName, zoneLine: zoneLine(recordName, txtValue) };
}

/** `name. IN TXT ( "..." "..." )` with 255-byte strings. */
export function zoneLine(name: string, value: string): string {
  const strings: string[] = [];
  for (let i = 0; i < value.length; i += 255) strings.push(`"${value.slice(i, i + 255)}"`);
  return `${name}. 3600 IN TXT ( ${strings.join(' ')} )`;
}
