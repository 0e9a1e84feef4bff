import { connect } from 'node:net';
import { checkResponse, type EncodedQuery } from './packet.ts';
import type { ServerAddress } from './server-address.ts';
import { withDeadline, type TransportResult } from './transport.ts';

/**
 * Sends one query over TCP: RFC 1035 4.2.2 / RFC 7766 8, each message prefixed by its length in two
 * octets. One query per connection; a message with another ID is skipped and reading goes on.
 * A message is at most 65,535 octets by construction of the prefix, so the buffer is bounded.
 */
export function queryTcp(
  server: ServerAddress,
  query: EncodedQuery,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<TransportResult> {
  return withDeadline(
    timeoutMs,
    signal,
    (done) => {
      const socket = connect({ host: server.host, port: server.port });
      socket.setNoDelay(true);
      let buffered = Buffer.alloc(0);
      socket.on('connect', () => {
        const length = Buffer.alloc(2);
        length.writeUInt16BE(query.message.length);
        socket.write(Buffer.concat([length, query.message]));
      });
      socket.on('data', (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        while (buffered.length >= 2) {
          const length = buffered.readUInt16BE(0);
          if (buffered.length < 2 + length) return;
          const message = buffered.subarray(2, 2 + length);
          buffered = buffered.subarray(2 + length);
          const check = checkResponse(query, message);
          if (check.kind === 'response') {
            done({ kind: 'response', response: check.response });
            return;
          }
          if (check.kind === 'malformed' || check.garbage) {
            done({ kind: 'malformed', reason: check.reason });
            return;
          }
        }
      });
      socket.on('error', (err) => done({ kind: 'error', message: `TCP: ${err.message}` }));
      socket.on('close', () =>
        done({ kind: 'error', message: 'TCP: connection closed before a complete response' }),
      );
      return () => socket.destroy();
    },
    () => ({ kind: 'timeout', timeoutMs }),
  );
}
