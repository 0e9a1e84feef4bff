import { checkHost, type CheckHostOptions } from './check-host.ts';
import type { SpfEvaluation } from './types.ts';

/** The identities SPF can check (RFC 7208 2.3, 2.4). */
export type SpfIdentity = 'mailfrom' | 'helo';

export interface VerifySpfInput {
  ip: string;
  /** The MAIL FROM address; empty (or `<>`) for the null sender. */
  mailFrom: string;
  helo: string;
  /** Which identity to check; default MAIL FROM (the HELO identity for the null sender). */
  identity?: SpfIdentity;
  receiver?: string;
}

export type SpfVerification = SpfEvaluation & { identity: SpfIdentity; domain: string };

/**
 * Checks the MAIL FROM identity, or the HELO identity when asked or when MAIL FROM is the null
 * sender (RFC 7208 2.4: then <sender> is `postmaster@<helo>`).
 * @example await verifySpf({ ip: '192.0.2.1', mailFrom: 'a@example.com', helo: 'mx.example.com' }, { resolver, clock })
 */
export async function verifySpf(
  input: VerifySpfInput,
  options: CheckHostOptions,
): Promise<SpfVerification> {
  const mailFrom = input.mailFrom.trim().replace(/^<(.*)>$/, '$1');
  const helo = input.helo.trim();
  const identity: SpfIdentity = input.identity === 'helo' || mailFrom === '' ? 'helo' : 'mailfrom';
  let domain: string;
  let sender: string;
  if (identity === 'helo') {
    domain = helo;
    sender = `postmaster@${helo}`;
  } else {
    const at = mailFrom.lastIndexOf('@');
    domain = at < 0 ? mailFrom : mailFrom.slice(at + 1);
    // RFC 7208 4.3: a sender without a local part is postmaster@domain.
    sender = at < 0 ? `postmaster@${mailFrom}` : mailFrom;
  }
  const evaluation = await checkHost(
    {
      ip: input.ip,
      domain,
      sender,
      helo,
      ...(input.receiver !== undefined ? { receiver: input.receiver } : {}),
    },
    options,
  );
  return { ...evaluation, identity, domain: evaluation.domain };
}
