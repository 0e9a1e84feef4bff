import { createSocket } from 'node:dgram';
import ipaddr from 'ipaddr.js';
import { checkResponse, type EncodedQuery } from './packet.ts';
import type { ServerAddress } from './server-address.ts';
import { withDeadline, type TransportResult } from './transport.ts';

/** One text per address (`2001:0DB8::1` = `2001:db8::1`), zone ids dropped, for RFC 5452 matching. */
function addressKey(text: string): string {
  const bare = text.split('%')[0] ?? text;
  return ipaddr.isValid(bare) ? ipaddr.parse(bare).toNormalizedString() : bare.toLowerCase();
}
const sameHost = (a: string, b: string) => addressKey(a) === addressKey(b);

/**
 * Sends one query over UDP from a fresh socket (a new random source port each time, RFC 5452 9.2)
 * and waits for the response. Datagrams from another address or port, or with another ID or
 * question, are ignored and the wait goes on (RFC 5452 9.1), so a spoofed or late packet cannot
 * end the wait early.
 */
export function queryUdp(
  server: ServerAddress,
  query: EncodedQuery,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<TransportResult> {
  let garbage: string | undefined;
  return withDeadline(
    timeoutMs,
    signal,
    (done) => {
      const socket = createSocket(server.family === 6 ? 'udp6' : 'udp4');
      socket.on('error', (err) => done({ kind: 'error', message: `UDP: ${err.message}` }));
      socket.on('message', (message, rinfo) => {
        if (!sameHost(rinfo.address, server.host) || rinfo.port !== server.port) return;
        const check = checkResponse(query, message);
        switch (check.kind) {
          case 'response':
            done({ kind: 'response', response: check.response });
            return;
          case 'malformed':
            done({ kind: 'malformed', reason: check.reason });
            return;
          case 'mismatch':
            if (check.garbage) garbage = check.reason;
            return;
        }
      });
      socket.send(query.message, server.port, server.host, (err) => {
        if (err) done({ kind: 'error', message: `UDP send: ${err.message}` });
      });
      return () => socket.close();
    },
    () => ({ kind: 'timeout', timeoutMs, ...(garbage === undefined ? {} : { garbage }) }),
  );
}
