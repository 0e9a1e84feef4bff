import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { fixedClock } from '../../src/base/clock.ts';
import { signMessage, type DkimSignOptions } from '../../src/dkim/index.ts';

/** Keys made once per test run (RSA-2048 and Ed25519), with their DKIM TXT values. */
export const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const ed = generateKeyPairSync('ed25519');
export const rsaTxt = `v=DKIM1; k=rsa; p=${rsa.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
export const edTxt = `v=DKIM1; k=ed25519; p=${ed.publicKey.export({ type: 'spki', format: 'der' }).subarray(12).toString('base64')}`;

/** A TXT value for a key, with extra tags in front. */
export function keyTxt(key: KeyObject, extra = ''): string {
  return `v=DKIM1; ${extra}p=${key.export({ type: 'spki', format: 'der' }).toString('base64')}`;
}

export const T0 = Date.UTC(2026, 0, 1);
export const clock = fixedClock(T0);

export const MESSAGE = Buffer.from(
  'From: Jane <jane@example.com>\r\nTo: bob@example.org\r\nSubject: Hello\r\n' +
    'Date: Thu, 1 Jan 2026 00:00:00 +0000\r\nMessage-ID: <1@example.com>\r\n\r\n' +
    'Hello Bob,\r\n\r\nsee you  soon.\r\n',
);

/** Signs {@link MESSAGE} (or another) with example.com keys. */
export function sign(
  options: Partial<DkimSignOptions> & { privateKey?: KeyObject } = {},
  message = MESSAGE,
): Buffer {
  return signMessage(
    message,
    { domain: 'example.com', selector: 'rsa', privateKey: rsa.privateKey, ...options },
    { clock },
  ).message;
}
