import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server as TcpServer, type Socket } from 'node:net';
import type { DnsFault } from '../zone/fault.ts';
import type { Zone } from '../zone/zone.ts';
import { respond } from './respond.ts';

/** A running authoritative server on one UDP and one TCP socket with the same port. */
export interface DnsServer {
  host: string;
  port: number;
  /** `127.0.0.1:5353`, or `[::1]:5353` for IPv6: the form resolvers take as a server. */
  address: string;
  /** Replaces the zones served (takes effect for the next query). */
  setZones(zones: Zone[]): void;
  /** Replaces the faults injected. */
  setFaults(faults: DnsFault[]): void;
  /** How many query messages arrived so far, over UDP and TCP. */
  queries(): number;
  /** Closes both sockets and every open TCP connection. */
  close(): Promise<void>;
}

export interface DnsServerOptions {
  zones: Zone[];
  /** Default `127.0.0.1`; `::1` for IPv6. */
  host?: string;
  /** Default 0: a free port, the same number for UDP and TCP. */
  port?: number;
  faults?: DnsFault[];
}

/** Attempts at finding a port free for both UDP and TCP when the port is 0. */
const PORT_ATTEMPTS = 8;
/** An idle TCP connection is closed after this long (RFC 7766 6.2.3 suggests seconds, not minutes). */
const TCP_IDLE_MS = 10_000;
/** RFC 1035 4.2.2: a TCP message is prefixed by its 16-bit length. */
const MAX_TCP_MESSAGE = 65535;

/**
 * Starts the embedded authoritative DNS server: answers from `zones` through `answerFromZones`,
 * over UDP (EDNS0 payload sizes, truncation) and TCP (length-prefixed, several queries per
 * connection), with optional faults. For tests, the demo, and small delegated zones.
 * @example const server = await startDnsServer({ zones: [zone] }); // server.address '127.0.0.1:40123'
 */
export async function startDnsServer(options: DnsServerOptions): Promise<DnsServer> {
  const host = options.host ?? '127.0.0.1';
  let zones: readonly Zone[] = options.zones;
  let faults: readonly DnsFault[] = options.faults ?? [];
  let count = 0;
  const connections = new Set<Socket>();

  const answer = (message: Buffer, transport: 'udp' | 'tcp'): Buffer | null => {
    count++;
    try {
      return respond(message, { zones, faults, transport });
    } catch {
      // respond() is written not to throw; if it ever does, drop the query rather than the server.
      return null;
    }
  };

  const { udp, tcp, port } = await bindBoth(host, options.port ?? 0);

  udp.on('message', (message, rinfo) => {
    const reply = answer(message, 'udp');
    if (reply) udp.send(reply, rinfo.port, rinfo.address, () => {});
  });
  // A send error or an ICMP unreachable must not take the server down.
  udp.on('error', () => {});

  tcp.on('connection', (socket) => {
    connections.add(socket);
    socket.setTimeout(TCP_IDLE_MS, () => socket.destroy());
    socket.on('close', () => connections.delete(socket));
    socket.on('error', () => socket.destroy());
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2) {
        const length = pending.readUInt16BE(0);
        if (pending.length < 2 + length) break;
        const message = pending.subarray(2, 2 + length);
        pending = pending.subarray(2 + length);
        const reply = answer(message, 'tcp');
        if (reply && reply.length <= MAX_TCP_MESSAGE && !socket.destroyed) {
          const prefix = Buffer.alloc(2);
          prefix.writeUInt16BE(reply.length);
          socket.write(Buffer.concat([prefix, reply]));
        }
      }
    });
  });
  tcp.on('error', () => {});

  const address = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  let closed: Promise<void> | null = null;
  return {
    host,
    port,
    address,
    setZones(next) {
      zones = next;
    },
    setFaults(next) {
      faults = next;
    },
    queries: () => count,
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const socket of connections) socket.destroy();
        let open = 2;
        const done = () => {
          if (--open === 0) resolve();
        };
        tcp.close(() => done());
        udp.close(() => done());
      });
      return closed;
    },
  };
}

/** Binds UDP and then TCP on the same port; with port 0, retries when TCP finds it taken. */
async function bindBoth(
  host: string,
  port: number,
): Promise<{ udp: UdpSocket; tcp: TcpServer; port: number }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < (port === 0 ? PORT_ATTEMPTS : 1); attempt++) {
    const udp = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    await new Promise<void>((resolve, reject) => {
      udp.once('error', (error) => {
        udp.close();
        reject(error);
      });
      udp.bind(port, host, () => {
        udp.removeAllListeners('error');
        resolve();
      });
    });
    const bound = udp.address().port;
    const tcp = createServer();
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(bound, host, () => {
          tcp.off('error', reject);
          resolve();
        });
      });
      return { udp, tcp, port: bound };
    } catch (error) {
      lastError = error;
      await new Promise<void>((resolve) => udp.close(() => resolve()));
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') break;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(`cannot bind ${host}:${port}`);
}
