import { systemClock, type Clock } from '../../base/clock.ts';
import { answerWithoutQuery } from '../no-answer.ts';
import { checkLimit } from '../../base/limits.ts';
import { UsageError } from '../../base/usage-error.ts';
import { resolveFollowingCnames } from '../follow-cnames.ts';
import { normalizeQueryName } from '../name.ts';
import type { DnsAnswer, DnsExchange, Resolver, RRType } from '../types.ts';
import { DEFAULT_TIMEOUT_MS, DEFAULT_UDP_PAYLOAD_SIZE } from './exchange.ts';
import { exchangeWithServers, type RotationOptions } from './rotation.ts';
import { parseServerAddress } from './server-address.ts';

export interface StubResolverOptions {
  /** `host`, `host:port` or `[v6]:port`, asked in order. */
  servers: string[];
  clock?: Clock;
  /** Per try, default 2000 ms. */
  timeoutMs?: number;
  /** Rounds through the server list, default 2. */
  tries?: number;
  /** Send EDNS0 (RFC 6891), default true. */
  edns?: boolean;
  /** EDNS0 UDP payload size, default 1232. */
  udpPayloadSize?: number;
  /** RD flag, default true. */
  recursionDesired?: boolean;
  /** Query over TCP only. */
  tcpOnly?: boolean;
}

/** An answer for a name we refused to send (invalid or too long); no query goes out. */
export function invalidNameAnswer(name: string, type: RRType, reason: string): DnsAnswer {
  return answerWithoutQuery(name, type, 'error', reason);
}

/**
 * A stub resolver over UDP and TCP (dns-packet wire format) that asks recursive servers and
 * follows CNAME chains. Every query sent, retries and TCP fallbacks included, is in the answer's
 * `exchanges`. Limits: timeout 1 ms to 60 s, tries 1 to 10 (so one lookup is bounded in time),
 * payload 512 to 4096 octets (RFC 6891 6.2.5).
 * @example const resolver = createStubResolver({ servers: ['1.1.1.1'] });
 *          const answer = await resolver.resolve('_dmarc.example.com', 'TXT');
 * @throws UsageError when a server address is invalid or the list is empty.
 */
export function createStubResolver(options: StubResolverOptions): Resolver {
  if (options.servers.length === 0) throw new UsageError('no DNS servers given');
  const servers = options.servers.map((s) => parseServerAddress(s));
  const clock = options.clock ?? systemClock;
  const rotation: RotationOptions = {
    clock,
    timeoutMs: checkLimit('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 1, 60_000),
    tries: checkLimit('tries', options.tries ?? 2, 1, 10),
    edns: options.edns ?? true,
    udpPayloadSize: checkLimit(
      'udpPayloadSize',
      options.udpPayloadSize ?? DEFAULT_UDP_PAYLOAD_SIZE,
      512,
      4096,
    ),
    recursionDesired: options.recursionDesired ?? true,
    tcpOnly: options.tcpOnly ?? false,
  };
  return {
    async resolve(input, type, resolveOptions = {}) {
      // The root is not a domain name normalizeQueryName accepts, but `. NS` is a valid question.
      const check =
        input.trim() === '.' ? { ok: true as const, name: '' } : normalizeQueryName(input);
      if (!check.ok) return invalidNameAnswer(input, type, check.reason);
      const sent: DnsExchange[] = [];
      const { signal } = resolveOptions;
      const answer = await resolveFollowingCnames(
        (name, qtype, sig) =>
          exchangeWithServers(servers, name, qtype, {
            ...rotation,
            ...(sig ? { signal: sig } : {}),
            onAttempt: (ex) => sent.push(ex),
          }),
        check.name,
        type,
        clock,
        signal,
      );
      return { ...answer, exchanges: sent };
    },
  };
}
