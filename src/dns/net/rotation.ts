import type { DnsExchange, RRType } from '../types.ts';
import { DEFAULT_TIMEOUT_MS, exchangeOnce, type ExchangeOptions } from './exchange.ts';
import type { ServerAddress } from './server-address.ts';

export interface RotationOptions extends ExchangeOptions {
  /** Rounds through the server list; default 2. */
  tries?: number;
  /**
   * Returns why an otherwise valid response must not be used (authoritative mode: no AA flag),
   * or null to accept it. A rejected server is not asked again, like one that said SERVFAIL.
   */
  reject?: (exchange: DnsExchange) => string | null;
}

/** Rcodes that say "ask someone else" rather than anything about the name (RFC 1034 5.3.3). */
const MOVE_ON = new Set(['SERVFAIL', 'REFUSED']);

/**
 * Asks the servers in order, `tries` rounds, like resolv.conf(5) `attempts`: a timeout or network
 * error moves on and is retried in the next round; SERVFAIL or REFUSED moves on for good. The
 * first usable response wins. When none comes, the last SERVFAIL/REFUSED response is returned as
 * it is; otherwise a summary exchange (rcode null) says what went wrong with each server.
 */
export async function exchangeWithServers(
  servers: readonly ServerAddress[],
  name: string,
  type: RRType,
  options: RotationOptions,
): Promise<DnsExchange> {
  const tries = options.tries ?? 2;
  const given = new Set<string>();
  const failures = new Map<string, DnsExchange>();
  let lastRcode: DnsExchange | undefined;
  let lastRejected: { exchange: DnsExchange; reason: string } | undefined;
  let first: DnsExchange | undefined;
  let last: DnsExchange | undefined;
  for (let round = 0; round < tries; round++) {
    for (const server of servers) {
      if (given.has(server.label)) continue;
      const exchange = await exchangeOnce(server, name, type, options);
      first ??= exchange;
      last = exchange;
      if (exchange.rcode === null) {
        failures.set(server.label, exchange);
        continue;
      }
      if (MOVE_ON.has(exchange.rcode)) {
        given.add(server.label);
        failures.delete(server.label);
        lastRcode = exchange;
        continue;
      }
      const reason = options.reject?.(exchange) ?? null;
      if (reason !== null) {
        given.add(server.label);
        failures.delete(server.label);
        lastRejected = { exchange, reason };
        continue;
      }
      return exchange;
    }
  }
  if (lastRcode) return lastRcode;
  if (!first || !last) throw new Error('exchangeWithServers needs at least one server');
  const summary: DnsExchange = {
    ...last,
    rcode: null,
    flags: null,
    answers: [],
    authority: [],
    sentAt: first.sentAt,
    error: summarize(failures, lastRejected?.reason, tries, options.timeoutMs),
  };
  return summary;
}

function summarize(
  failures: Map<string, DnsExchange>,
  rejected: string | undefined,
  tries: number,
  timeoutMs: number | undefined,
): string {
  const unanswered = [...failures.entries()];
  const timedOut = unanswered.filter(([, ex]) => ex.error?.startsWith('timed out'));
  if (rejected === undefined && timedOut.length === unanswered.length) {
    const labels = unanswered.map(([label]) => label).join(', ');
    const plural = tries === 1 ? 'try' : 'tries';
    return `timed out: no response from ${labels} after ${tries} ${plural} of ${timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`;
  }
  // Mixed failures: name each server's problem without the words that would mean "timeout".
  const parts = unanswered.map(([label, ex]) =>
    ex.error?.startsWith('timed out')
      ? `${label}: no response`
      : `${label}: ${ex.error ?? 'no usable response'}`,
  );
  if (rejected !== undefined) parts.unshift(rejected);
  return parts.join('; ');
}
