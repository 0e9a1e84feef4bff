/**
 * A purpose-built DNS responder on real loopback sockets for stub-resolver tests: UDP and TCP on
 * the same port, each query handed to a function that crafts the reply bytes (or none). It is a
 * test fixture, not a DNS server: it lets a test send truncated, wrong-ID or garbage responses.
 */
import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import * as dnsPacket from 'dns-packet';
import type { Answer, DecodedPacket } from 'dns-packet';

export interface FakeQuery {
  transport: 'udp' | 'tcp';
  packet: DecodedPacket;
  raw: Buffer;
}

/** Replies to send back: encoded messages, or a `{ fromOtherPort }` datagram; [] for silence. */
export type FakeReply = Buffer | { fromOtherPort: Buffer };
export type FakeHandler = (query: FakeQuery) => FakeReply[];

export interface FakeDns {
  host: string;
  port: number;
  /** `host:port` or `[v6]:port`. */
  address: string;
  queries: FakeQuery[];
  close(): Promise<void>;
}

async function listenPair(host: string, port: number): Promise<{ udp: Socket; tcp: Server }> {
  const udp = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind(port, host, () => resolve());
  });
  const tcp = createServer();
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(udp.address().port, host, () => resolve());
  });
  return { udp, tcp };
}

/** Starts a fake server on `host` (a free port, or `port` when given: same port on other hosts). */
export async function startFakeDns(
  handler: FakeHandler,
  options: { host?: string; port?: number } = {},
): Promise<FakeDns> {
  const host = options.host ?? '127.0.0.1';
  let pair: { udp: Socket; tcp: Server } | undefined;
  for (let i = 0; !pair; i++) {
    try {
      pair = await listenPair(host, options.port ?? 0);
    } catch (err) {
      if (i > 10 || options.port) throw err;
    }
  }
  const { udp, tcp } = pair;
  const other = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  const queries: FakeQuery[] = [];
  udp.on('message', (raw, rinfo) => {
    const query: FakeQuery = { transport: 'udp', packet: dnsPacket.decode(raw), raw };
    queries.push(query);
    for (const reply of handler(query)) {
      if (Buffer.isBuffer(reply)) udp.send(reply, rinfo.port, rinfo.address);
      else other.send(reply.fromOtherPort, rinfo.port, rinfo.address);
    }
  });
  tcp.on('connection', (conn) => {
    let buffered = Buffer.alloc(0);
    conn.on('error', () => {});
    conn.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
        const raw = buffered.subarray(2, 2 + buffered.readUInt16BE(0));
        buffered = buffered.subarray(2 + raw.length);
        const query: FakeQuery = { transport: 'tcp', packet: dnsPacket.decode(raw), raw };
        queries.push(query);
        for (const reply of handler(query)) {
          const body = Buffer.isBuffer(reply) ? reply : reply.fromOtherPort;
          const length = Buffer.alloc(2);
          length.writeUInt16BE(body.length);
          conn.write(Buffer.concat([length, body]));
        }
      }
    });
  });
  const port = udp.address().port;
  return {
    host,
    port,
    address: host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`,
    queries,
    close: async () => {
      udp.close();
      other.close();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
    },
  };
}

/**
 * The reply a plain authoritative server would send: same ID and question, the given rcode,
 * answers and authority. Over UDP, a reply larger than the query's EDNS payload size (512 without
 * EDNS) is cut to the header and question with TC=1 (RFC 2181 9).
 */
export function reply(
  query: FakeQuery,
  options: {
    rcode?: string;
    answers?: Answer[];
    authorities?: Answer[];
    aa?: boolean;
    id?: number;
  } = {},
): Buffer {
  const rcodes = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED'];
  const rcode = rcodes.indexOf(options.rcode ?? 'NOERROR');
  const flags =
    dnsPacket.RECURSION_AVAILABLE |
    (options.aa ? dnsPacket.AUTHORITATIVE_ANSWER : 0) |
    ((query.packet.flags ?? 0) & dnsPacket.RECURSION_DESIRED) |
    rcode;
  const packet: dnsPacket.Packet = {
    type: 'response',
    id: options.id ?? query.packet.id ?? 0,
    flags: flags & ~dnsPacket.TRUNCATED_RESPONSE,
    questions: query.packet.questions ?? [],
    answers: options.answers ?? [],
    authorities: options.authorities ?? [],
  };
  const full = dnsPacket.encode(packet);
  if (query.transport === 'tcp') return full;
  const opt = query.packet.additionals?.find((a) => a.type === 'OPT');
  const limit = opt && 'udpPayloadSize' in opt ? opt.udpPayloadSize : 512;
  if (full.length <= limit) return full;
  return dnsPacket.encode({
    ...packet,
    flags: (packet.flags ?? 0) | dnsPacket.TRUNCATED_RESPONSE,
    answers: [],
    authorities: [],
  });
}

/** The first question of a query. */
export function questionOf(query: FakeQuery): { name: string; type: string } {
  const q = query.packet.questions?.[0];
  return { name: q?.name ?? '', type: q?.type ?? '' };
}
