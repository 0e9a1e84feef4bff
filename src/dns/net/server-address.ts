import { isIP } from 'node:net';
import { UsageError } from '../../base/usage-error.ts';

/** The DNS port (RFC 1035 4.2). */
export const DNS_PORT = 53;

/** A DNS server to send queries to. */
export interface ServerAddress {
  host: string;
  port: number;
  family: 4 | 6;
  /** `host:port`, or `[v6]:port` for IPv6: how evidence names the server. */
  label: string;
}

/**
 * Parses a server given as `host`, `host:port`, `v6`, or `[v6]:port`. Only IP addresses are
 * accepted: resolving a resolver's own name would need a resolver. IPv6 zone ids (`fe80::1%eth0`)
 * are kept in `host` for the socket but left out of the label.
 * @example parseServerAddress('[::1]:5300') // { host: '::1', port: 5300, family: 6, label: '[::1]:5300' }
 * @throws UsageError for anything else.
 */
export function parseServerAddress(text: string, defaultPort = DNS_PORT): ServerAddress {
  const input = text.trim();
  let host = input;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(input);
  if (bracketed) {
    host = bracketed[1] ?? '';
    portText = bracketed[2];
  } else if ((input.match(/:/g) ?? []).length === 1) {
    const at = input.indexOf(':');
    host = input.slice(0, at);
    portText = input.slice(at + 1);
  }
  const family = isIP(host.split('%')[0] ?? '');
  if (family !== 4 && family !== 6) {
    throw new UsageError(
      `"${text}" is not a DNS server address (expected an IP address, optionally with a port: 192.0.2.1:53, [2001:db8::1]:53)`,
    );
  }
  if (bracketed && family !== 6) {
    throw new UsageError(`"${text}": brackets are for IPv6 addresses only`);
  }
  let port = defaultPort;
  if (portText !== undefined) {
    port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
    if (!(port >= 1 && port <= 65535)) {
      throw new UsageError(`"${text}" has an invalid port (1 to 65535)`);
    }
  }
  const bare = host.split('%')[0] ?? host;
  const label = family === 6 ? `[${bare.toLowerCase()}]:${port}` : `${host}:${port}`;
  return { host, port, family, label };
}
