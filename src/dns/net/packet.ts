import { randomInt } from 'node:crypto';
import * as dnsPacket from 'dns-packet';
import type { DecodedPacket, OptAnswer, Question } from 'dns-packet';
import type { DnsFlags, DnsRecord, Rcode, RRType } from '../types.ts';
import { toDnsRecords } from './records.ts';

/** What goes into one query message. */
export interface QuerySpec {
  name: string;
  type: RRType;
  edns: boolean;
  udpPayloadSize: number;
  recursionDesired: boolean;
}

/** A query ready to send, with what a response must echo back. */
export interface EncodedQuery {
  id: number;
  message: Buffer;
  question: { name: string; type: RRType };
}

/** RFC 5452 9.2: the ID must be unpredictable, so it comes from the CSPRNG. */
export function encodeQuery(spec: QuerySpec): EncodedQuery {
  const id = randomInt(0, 0x10000);
  const packet: dnsPacket.Packet = {
    type: 'query',
    id,
    flags: spec.recursionDesired ? dnsPacket.RECURSION_DESIRED : 0,
    questions: [{ name: spec.name, type: spec.type as Question['type'], class: 'IN' }],
  };
  if (spec.edns) {
    // RFC 6891 6.1.2: an OPT pseudo-RR in the additional section; DO bit off (no DNSSEC records).
    const opt: OptAnswer = {
      type: 'OPT',
      name: '.',
      udpPayloadSize: spec.udpPayloadSize,
      extendedRcode: 0,
      ednsVersion: 0,
      flags: 0,
      flag_do: false,
      options: [],
    };
    packet.additionals = [opt];
  }
  return { id, message: dnsPacket.encode(packet), question: { name: spec.name, type: spec.type } };
}

/** A response that matched our query and decoded cleanly. */
export interface ParsedResponse {
  rcode: Rcode | null;
  /** Set when the rcode is outside our {@link Rcode} list. */
  rcodeNumber: number;
  flags: DnsFlags;
  answers: DnsRecord[];
  authority: DnsRecord[];
}

export type ResponseCheck =
  | { kind: 'response'; response: ParsedResponse }
  /**
   * Not ours (RFC 5452 9.1: wrong ID or question): ignore it and keep waiting. `garbage` marks
   * bytes that were not a DNS message at all, so a timeout can say the server sent garbage.
   */
  | { kind: 'mismatch'; reason: string; garbage: boolean }
  | { kind: 'malformed'; reason: string };

const RCODES: readonly (Rcode | null)[] = [
  'NOERROR',
  'FORMERR',
  'SERVFAIL',
  'NXDOMAIN',
  'NOTIMP',
  'REFUSED',
  'YXDOMAIN',
  'YXRRSET',
  'NXRRSET',
  'NOTAUTH',
  'NOTZONE',
  null,
  null,
  null,
  null,
  null,
  'BADVERS',
];

/** RFC 1035 4.1.1: the header is 12 octets. */
const HEADER_LENGTH = 12;

/**
 * Decodes a datagram or TCP message and checks it answers `query`: QR set, same ID, same question
 * (names compared case-insensitively). A response without a question section is accepted only
 * for an error rcode, which some servers send that way (FORMERR from servers without EDNS).
 */
export function checkResponse(query: EncodedQuery, message: Buffer): ResponseCheck {
  if (message.length < HEADER_LENGTH) {
    return {
      kind: 'mismatch',
      reason: `${message.length} bytes, shorter than a DNS header`,
      garbage: true,
    };
  }
  const id = message.readUInt16BE(0);
  let decoded: DecodedPacket;
  try {
    decoded = dnsPacket.decode(message);
  } catch (err) {
    if (id !== query.id) {
      return { kind: 'mismatch', reason: `undecodable (${(err as Error).message})`, garbage: true };
    }
    return { kind: 'malformed', reason: (err as Error).message };
  }
  // dns-packet reads past the end of a short buffer as `undefined` instead of failing; a message
  // whose records claim more octets than arrived is truncated garbage, not a response.
  if (dnsPacket.decode.bytes > message.length) {
    if (id !== query.id) return { kind: 'mismatch', reason: 'truncated message', garbage: true };
    return {
      kind: 'malformed',
      reason: `the message claims ${dnsPacket.decode.bytes} octets but ${message.length} arrived`,
    };
  }
  if (decoded.id !== query.id)
    return { kind: 'mismatch', reason: `ID ${decoded.id}`, garbage: false };
  if (!decoded.flag_qr)
    return { kind: 'mismatch', reason: 'a query, not a response', garbage: false };
  const opt = decoded.additionals?.find((a) => a.type === 'OPT');
  // RFC 6891 6.1.3: the OPT record carries the upper 8 bits of a 12-bit rcode.
  const rcodeNumber =
    ((opt && 'extendedRcode' in opt ? opt.extendedRcode : 0) << 4) | ((decoded.flags ?? 0) & 0xf);
  const rcode = RCODES[rcodeNumber] ?? null;
  const questions = decoded.questions ?? [];
  if (questions.length === 0) {
    if (rcode === 'NOERROR')
      return { kind: 'mismatch', reason: 'no question section', garbage: false };
  } else {
    const q = questions[0];
    if (
      questions.length !== 1 ||
      q === undefined ||
      q.name.toLowerCase().replace(/\.$/, '') !== query.question.name.toLowerCase() ||
      q.type !== query.question.type
    ) {
      return {
        kind: 'mismatch',
        reason: `question ${q?.name ?? '?'} ${q?.type ?? '?'}`,
        garbage: false,
      };
    }
  }
  try {
    return {
      kind: 'response',
      response: {
        rcode,
        rcodeNumber,
        flags: {
          aa: decoded.flag_aa,
          tc: decoded.flag_tc,
          rd: decoded.flag_rd,
          ra: decoded.flag_ra,
        },
        answers: toDnsRecords(decoded.answers),
        authority: toDnsRecords(decoded.authorities),
      },
    };
  } catch (err) {
    return { kind: 'malformed', reason: (err as Error).message };
  }
}
