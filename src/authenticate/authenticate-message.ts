import { verifyArc, type ArcVerification } from '../arc/index.ts';
import type { Clock } from '../base/clock.ts';
import { verifyDkim } from '../dkim/index.ts';
import { evaluateDmarc, extractAuthorDomain, type DiscoveryMode } from '../dmarc/index.ts';
import type { Resolver } from '../dns/types.ts';
import { fieldValue, parseMessage, type RawMessage } from '../mail/index.ts';
import { parseClientIp, verifySpf } from '../spf/index.ts';
import { buildAuthenticationResults } from './auth-results.ts';
import { connectionFacts } from './connection.ts';
import { dnsCauses } from './dns-causes.ts';
import type {
  ArcVerdict,
  ConnectionFacts,
  DmarcVerdict,
  GivenConnection,
  MessageAuthentication,
  SpfVerdict,
} from './types.ts';

export interface AuthenticateOptions {
  resolver: Resolver;
  clock: Clock;
  /** Connection facts known from the SMTP session; missing ones are read from Received. */
  connection?: GivenConnection;
  /** The authserv-id of the Authentication-Results we write (default `mxray`). */
  authservId?: string;
  /** DMARC policy discovery (default RFC 9989's tree walk). */
  dmarcMode?: DiscoveryMode;
}

/**
 * Authenticates one message as a receiver would: SPF for the connection facts, every DKIM
 * signature, and DMARC over both, with the disposition and the Authentication-Results value we
 * would add. Failures whose cause is in the DNS are listed in `dnsCauses` for diagnosis.
 * Never throws for protocol outcomes or a malformed message.
 * @example const auth = await authenticateMessage(bytes, { resolver, clock: systemClock, connection: { ip: '192.0.2.1' } });
 */
export async function authenticateMessage(
  input: Buffer | Uint8Array | RawMessage,
  options: AuthenticateOptions,
): Promise<MessageAuthentication> {
  const message = input instanceof Uint8Array ? parseMessage(input) : input;
  const connection = connectionFacts(message, options.connection ?? {});
  const lookups = { resolver: options.resolver, clock: options.clock };
  const [spf, dkimVerification, arcVerification] = await Promise.all([
    spfVerdict(connection, options),
    verifyDkim(message, lookups),
    verifyArc(message, lookups),
  ]);
  const arc = arcVerdict(arcVerification);
  const dkim = dkimVerification.signatures;
  const dmarc = await dmarcVerdict(message, spf, dkim, options);
  const authservId = options.authservId ?? 'mxray';
  return {
    connection,
    spf,
    dkim,
    arc,
    dmarc,
    authservId,
    authenticationResults: buildAuthenticationResults(
      authservId,
      message,
      connection,
      spf,
      dkim,
      arc,
      dmarc,
    ),
    dnsCauses: dnsCauses(spf, dkim, arc, dmarc, connection.ip),
    messageProblems: [message.limitExceeded, ...message.problems]
      .filter((p) => p !== null)
      .map((p) => p.message),
  };
}

async function spfVerdict(
  connection: ConnectionFacts,
  options: AuthenticateOptions,
): Promise<SpfVerdict> {
  const skipped = (reason: string): SpfVerdict => ({
    result: 'none',
    domain: '',
    identity: null,
    reason,
  });
  if (connection.ip === null) {
    return skipped(
      'SPF not evaluated: the client IP is unknown (no Received field from an SMTP client; give --ip)',
    );
  }
  if (parseClientIp(connection.ip) === null) {
    return skipped(`SPF not evaluated: "${connection.ip}" is not an IP address`);
  }
  if (connection.mailFrom === null && connection.helo === null) {
    return skipped('SPF not evaluated: neither MAIL FROM nor HELO is known (give --mail-from)');
  }
  // RFC 7208 2.4: with an empty (or unknown) MAIL FROM the HELO identity is checked.
  const evaluation = await verifySpf(
    { ip: connection.ip, mailFrom: connection.mailFrom ?? '', helo: connection.helo ?? '' },
    { resolver: options.resolver, clock: options.clock },
  );
  return {
    result: evaluation.result,
    domain: evaluation.domain,
    identity: evaluation.identity,
    reason:
      connection.mailFrom === null
        ? `${evaluation.reason} (MAIL FROM unknown: the HELO name was checked)`
        : evaluation.reason,
    evaluation,
  };
}

async function dmarcVerdict(
  message: RawMessage,
  spf: SpfVerdict,
  dkim: MessageAuthentication['dkim'],
  options: AuthenticateOptions,
): Promise<DmarcVerdict> {
  const author = extractAuthorDomain(message.getAll('from').map(fieldValue));
  if (!author.ok) {
    return {
      result: 'permerror',
      disposition: 'none',
      domain: '',
      fromDomain: null,
      reason: author.reason,
    };
  }
  const evaluation = await evaluateDmarc(
    {
      fromDomain: author.domain,
      spf: { result: spf.result, domain: spf.domain },
      dkim: dkim.map((d) => ({ result: d.result, domain: d.domain, selector: d.selector })),
    },
    { resolver: options.resolver, ...(options.dmarcMode ? { mode: options.dmarcMode } : {}) },
  );
  return {
    result: evaluation.result,
    disposition: evaluation.disposition,
    domain: evaluation.policyDomain ?? author.domain,
    fromDomain: author.domain,
    reason: evaluation.reason,
    evaluation,
  };
}

function arcVerdict(verification: ArcVerification): ArcVerdict {
  const newest = verification.sets[verification.sets.length - 1];
  return {
    result: verification.cv,
    instance: verification.instance,
    reason: verification.reason,
    sealer: newest?.seal.domain ?? null,
    verification,
  };
}
