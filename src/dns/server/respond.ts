import dnsPacket from 'dns-packet';
import type { Answer, DecodedPacket, OptAnswer, Packet, Question } from 'dns-packet';
import { assertNever } from '../../base/assert-never.ts';
import { findFault, type DnsFault } from '../zone/fault.ts';
import { answerQuery } from '../zone/lookup.ts';
import type { Zone } from '../zone/zone.ts';
import { RCODE_NUMBERS, toWireAnswers } from './wire.ts';
import type { Rcode } from '../types.ts';

/** RFC 1035 4.2.1: without EDNS a UDP message is at most 512 octets. */
const MIN_UDP_SIZE = 512;
/** Cap on the client's advertised UDP size (RFC 6891 6.2.5): larger answers go over TCP. */
const MAX_UDP_SIZE = 4096;
/** RFC 1035 4.2.2: the two-octet length prefix bounds a TCP message. */
const MAX_TCP_SIZE = 65535;
/** The size we advertise in our OPT record. */
const OUR_UDP_SIZE = 4096;

const QR = 0x8000;
const RD = dnsPacket.RECURSION_DESIRED;
const AA = dnsPacket.AUTHORITATIVE_ANSWER;
const TC = dnsPacket.TRUNCATED_RESPONSE;

/** What the server was asked to answer with, per query. */
export interface RespondContext {
  zones: readonly Zone[];
  faults: readonly DnsFault[];
  transport: 'udp' | 'tcp';
}

/**
 * Builds the response to one query message, or null when nothing must be sent (a response sent to
 * us, an unreadable message, a `timeout` fault). Never throws: any failure to decode becomes
 * FORMERR when the ID can be read (RFC 1035 4.1.1).
 */
export function respond(message: Buffer, ctx: RespondContext): Buffer | null {
  // Fewer than 2 octets: no ID to answer to. QR set: a response, never answered (avoids loops).
  if (message.length < 2) return null;
  const id = message.readUInt16BE(0);
  if (message.length >= 3 && ((message[2] as number) & 0x80) !== 0) return null;
  let query: DecodedPacket;
  try {
    query = dnsPacket.decode(message);
  } catch {
    return header(id, 0, 'FORMERR');
  }
  const rd = (query.flags ?? 0) & RD;
  const opcode = ((query.flags ?? 0) >> 11) & 0xf;
  const questions = query.questions ?? [];
  const opt = query.additionals?.find((a): a is OptAnswer => a.type === 'OPT');
  const ourOpt: OptAnswer[] = opt
    ? [
        {
          type: 'OPT',
          name: '.',
          udpPayloadSize: OUR_UDP_SIZE,
          extendedRcode: 0,
          ednsVersion: 0,
          flags: 0,
          flag_do: false,
          options: [],
        },
      ]
    : [];
  const reply = (rcode: Rcode, rest: Partial<Packet> = {}, flags = 0): Buffer =>
    dnsPacket.encode({
      type: 'response',
      id,
      flags: flags | rd | RCODE_NUMBERS[rcode] | (opcode << 11),
      questions,
      additionals: ourOpt,
      ...rest,
    });

  // RFC 1035 4.1.1: opcodes other than QUERY are not implemented here.
  if (opcode !== 0) return reply('NOTIMP');
  if (questions.length !== 1) return reply('FORMERR');
  if (opt && opt.ednsVersion > 0) {
    // RFC 6891 6.1.3: an unknown EDNS version gets BADVERS (extended rcode 1 << 4).
    const badvers = ourOpt.map((o) => ({ ...o, extendedRcode: 1 }));
    return reply('BADVERS', { questions, additionals: badvers });
  }
  const question = questions[0] as Question;
  if ((question.class ?? 'IN') !== 'IN') return reply('REFUSED');

  const fault = findFault(ctx.faults, question.name, question.type);
  const kind = fault?.fault;
  switch (kind) {
    case 'timeout':
      return null;
    case 'garbage':
      return garbage(id);
    case 'servfail':
      return reply('SERVFAIL');
    case 'refused':
      return reply('REFUSED');
    case 'formerr':
      return reply('FORMERR');
    case 'truncate-always': // applied below, once the answer is built
    case undefined:
      break;
    default:
      assertNever(kind, 'fault');
  }

  const answer = answerQuery(ctx.zones, question.name, question.type);
  const flags = answer.aa ? AA : 0;
  const full = reply(
    answer.rcode,
    {
      answers: toWireAnswers(answer.answers),
      authorities: toWireAnswers(answer.authority),
      additionals: [...toWireAnswers(answer.additional), ...ourOpt] as Answer[],
    },
    flags,
  );
  // RFC 1035 4.2.2: a TCP message is at most 65,535 octets (16-bit length prefix). An RRset too
  // large for that cannot be sent at all: say SERVFAIL rather than leave the client to time out.
  if (ctx.transport === 'tcp') return full.length <= MAX_TCP_SIZE ? full : reply('SERVFAIL');
  // RFC 6891 6.2.3: honour the requestor's payload size (never below 512).
  const limit = opt
    ? Math.min(Math.max(opt.udpPayloadSize, MIN_UDP_SIZE), MAX_UDP_SIZE)
    : MIN_UDP_SIZE;
  if (kind === 'truncate-always' || full.length > limit) {
    // RFC 2181 9 / RFC 7766 5: set TC and send no partial RRsets; the client retries over TCP.
    return reply(answer.rcode, {}, flags | TC);
  }
  return full;
}

/** A bare header (no question) for a message we could not decode. */
function header(id: number, flags: number, rcode: Rcode): Buffer {
  const buf = Buffer.alloc(12);
  buf.writeUInt16BE(id, 0);
  buf.writeUInt16BE(QR | flags | RCODE_NUMBERS[rcode], 2);
  return buf;
}

/**
 * Octets that are not a DNS message but carry the query's ID, so the client attributes them to
 * its query (RFC 5452 matching) and reports a malformed response: a header claiming one question
 * followed by a few bytes that cannot be one.
 */
function garbage(id: number): Buffer {
  const buf = header(id, 0, 'NOERROR');
  buf.writeUInt16BE(1, 4);
  return Buffer.concat([buf, Buffer.from([0xc0, 0xff, 0xee])]);
}
