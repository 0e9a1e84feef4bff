import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import dnsPacket from 'dns-packet';
import type { DecodedPacket, Packet } from 'dns-packet';
import type { DnsServer } from '../../../src/dns/server/index.ts';

/** A raw client for server tests: dns-packet and sockets, nothing of ours in between. */

let nextId = 1;

/** A decoded reply: dns-packet sets `rcode` and `opcode`, which its typings leave out. */
export type Reply = DecodedPacket & { rcode: string; opcode: string };

/** Decodes a reply (throws for bytes that are not a DNS message). */
export function decodeReply(message: Buffer): Reply {
  return dnsPacket.decode(message) as Reply;
}

/** A query packet; `udpPayloadSize` adds an EDNS0 OPT record. */
export function query(
  name: string,
  type: string,
  options: { udpPayloadSize?: number; ednsVersion?: number; id?: number; flags?: number } = {},
): Packet {
  const packet: Packet = {
    type: 'query',
    id: options.id ?? nextId++ % 65536,
    flags: options.flags ?? dnsPacket.RECURSION_DESIRED,
    questions: [{ name, type: type as 'A', class: 'IN' }],
  };
  if (options.udpPayloadSize !== undefined) {
    packet.additionals = [
      {
        type: 'OPT',
        name: '.',
        udpPayloadSize: options.udpPayloadSize,
        extendedRcode: 0,
        ednsVersion: options.ednsVersion ?? 0,
        flags: 0,
        flag_do: false,
        options: [],
      },
    ];
  }
  return packet;
}

/** Sends raw bytes over UDP and resolves with the first datagram back, or null after `waitMs`. */
export function udpRaw(server: DnsServer, message: Buffer, waitMs = 1000): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const socket = createSocket(server.host.includes(':') ? 'udp6' : 'udp4');
    const timer = setTimeout(() => {
      socket.close();
      resolve(null);
    }, waitMs);
    socket.on('message', (reply) => {
      clearTimeout(timer);
      socket.close();
      resolve(reply);
    });
    socket.send(message, server.port, server.host);
  });
}

/** One query over UDP, decoded. */
export async function udpQuery(server: DnsServer, packet: Packet): Promise<Reply> {
  const reply = await udpRaw(server, dnsPacket.encode(packet));
  if (!reply) throw new Error('no UDP reply');
  return decodeReply(reply);
}

/**
 * Sends messages on one TCP connection (length-prefixed, all in one write) and collects `expect`
 * replies, or what arrived before `waitMs`.
 */
export function tcpRaw(
  server: DnsServer,
  messages: Buffer[],
  expect = messages.length,
  waitMs = 2000,
): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, server.host);
    const replies: Buffer[] = [];
    let pending = Buffer.alloc(0);
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(replies);
    };
    const timer = setTimeout(finish, waitMs);
    socket.on('error', reject);
    socket.on('close', finish);
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        replies.push(pending.subarray(2, 2 + pending.readUInt16BE(0)));
        pending = pending.subarray(2 + pending.readUInt16BE(0));
      }
      if (replies.length >= expect) finish();
    });
    socket.write(
      Buffer.concat(
        messages.flatMap((m) => {
          const prefix = Buffer.alloc(2);
          prefix.writeUInt16BE(m.length);
          return [prefix, m];
        }),
      ),
    );
  });
}

/** Several queries on one TCP connection, decoded. */
export async function tcpQuery(server: DnsServer, ...packets: Packet[]): Promise<Reply[]> {
  const replies = await tcpRaw(
    server,
    packets.map((p) => dnsPacket.encode(p)),
  );
  return replies.map(decodeReply);
}

/** TXT answer data as text. */
export function txtOf(packet: DecodedPacket): string[] {
  return (packet.answers ?? []).flatMap((a) =>
    a.type === 'TXT' ? [(a.data as Buffer[]).map((b) => b.toString('latin1')).join('')] : [],
  );
}
