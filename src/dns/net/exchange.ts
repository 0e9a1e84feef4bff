import { systemClock, type Clock } from '../../base/clock.ts';
import type { DnsExchange, RRType } from '../types.ts';
import { encodeQuery, type QuerySpec } from './packet.ts';
import { parseServerAddress, type ServerAddress } from './server-address.ts';
import { queryTcp } from './tcp.ts';
import type { TransportResult } from './transport.ts';
import { queryUdp } from './udp.ts';

/** Defaults shared by the stub and authoritative mode. */
export const DEFAULT_TIMEOUT_MS = 2000;
/** RFC 6891 6.2.5 and the DNS Flag Day 2020 advice: 1232 octets avoids IP fragmentation. */
export const DEFAULT_UDP_PAYLOAD_SIZE = 1232;

export interface ExchangeOptions {
  clock?: Clock;
  /** Per send, UDP and TCP each; default 2000 ms. */
  timeoutMs?: number;
  /** Send an EDNS0 OPT record (RFC 6891); default true. */
  edns?: boolean;
  udpPayloadSize?: number;
  /** RD flag; authoritative mode sends false. Default true. */
  recursionDesired?: boolean;
  /** Skip UDP. */
  tcpOnly?: boolean;
  signal?: AbortSignal;
  /** Called with every exchange sent, in order, the returned one included (for evidence). */
  onAttempt?: (exchange: DnsExchange) => void;
}

function describe(result: TransportResult): string {
  switch (result.kind) {
    case 'response':
      return 'response';
    case 'timeout':
      return result.garbage === undefined
        ? `timed out after ${result.timeoutMs} ms`
        : `malformed response: ${result.garbage} (and no valid response within ${result.timeoutMs} ms)`;
    case 'malformed':
      return `malformed response: ${result.reason}`;
    case 'error':
      return result.message;
  }
}

/**
 * Sends one query to one server and returns what came back, never rejecting for a DNS or network
 * outcome (only for an abort). UDP first; a truncated response (TC=1) is retried over TCP
 * (RFC 7766 5); a FORMERR to an EDNS query is retried once without EDNS (RFC 6891 7). Every send
 * is reported through `onAttempt`; the returned exchange is the last one.
 * @example const ex = await exchangeOnce('127.0.0.1:5300', 'example.com', 'TXT', { timeoutMs: 300 });
 */
export async function exchangeOnce(
  server: string | ServerAddress,
  name: string,
  type: RRType,
  options: ExchangeOptions = {},
): Promise<DnsExchange> {
  const address = typeof server === 'string' ? parseServerAddress(server) : server;
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const spec: QuerySpec = {
    name,
    type,
    edns: options.edns ?? true,
    udpPayloadSize: options.udpPayloadSize ?? DEFAULT_UDP_PAYLOAD_SIZE,
    recursionDesired: options.recursionDesired ?? true,
  };

  const send = async (transport: 'udp' | 'tcp', query: QuerySpec): Promise<DnsExchange> => {
    const sentAt = clock.now();
    const start = clock.monotonic();
    const encoded = encodeQuery(query);
    const result =
      transport === 'udp'
        ? await queryUdp(address, encoded, timeoutMs, options.signal)
        : await queryTcp(address, encoded, timeoutMs, options.signal);
    const exchange: DnsExchange = {
      name,
      type,
      server: address.label,
      transport,
      sentAt,
      elapsedMs: clock.monotonic() - start,
      rcode: null,
      flags: null,
      answers: [],
      authority: [],
    };
    if (result.kind === 'response') {
      const r = result.response;
      exchange.flags = r.flags;
      exchange.answers = r.answers;
      exchange.authority = r.authority;
      if (r.rcode === null) exchange.error = `unsupported rcode ${r.rcodeNumber}`;
      else exchange.rcode = r.rcode;
    } else {
      exchange.error = describe(result);
    }
    options.onAttempt?.(exchange);
    return exchange;
  };

  let current = spec;
  let exchange = await send(options.tcpOnly ? 'tcp' : 'udp', current);
  if (exchange.rcode === 'FORMERR' && current.edns) {
    // RFC 6891 7: a responder without EDNS may answer FORMERR; ask again without the OPT record.
    current = { ...current, edns: false };
    exchange = await send(exchange.transport === 'tcp' ? 'tcp' : 'udp', current);
  }
  if (exchange.transport === 'udp' && exchange.flags?.tc) {
    exchange = await send('tcp', current);
  }
  return exchange;
}
