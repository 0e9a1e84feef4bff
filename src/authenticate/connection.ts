import ipaddr from 'ipaddr.js';
import { findResults, parseAuthenticationResults } from '../authres/index.ts';
import { registrableDomain } from '../dmarc/index.ts';
import { fieldValue, type RawMessage } from '../mail/index.ts';
import { parseReceived, plainAddress, type ReceivedTrace } from '../mail/received.ts';
import type { ConnectionFacts, FactSource, GivenConnection } from './types.ts';

/** Address ranges of relays inside one organisation: a hop from them is never the SMTP client. */
const INTERNAL_RANGES = new Set([
  'private',
  'loopback',
  'linkLocal',
  'uniqueLocal',
  'carrierGradeNat',
  'unspecified',
]);

/** Protocols of hand-offs inside a mail system (RFC 3848 names; Microsoft's HTTPS). */
const INTERNAL_PROTOCOL = /^(https?|lmtps?a?|local|mapi|imap)\b/i;

/**
 * Providers whose internal relays use several registrable domains: hops between them stay inside
 * one organisation (Microsoft 365 hands mail from protection.outlook.com to office365.com).
 */
const ORG_FAMILIES: ReadonlyMap<string, string> = new Map(
  [
    ['outlook.com', 'office365.com', 'office.com', 'hotmail.com', 'live.com', 'microsoft.com'],
    ['google.com', '1e100.net', 'gmail.com', 'googlemail.com'],
    ['yahoo.com', 'yahoodns.net', 'yahoo.net'],
  ].flatMap((family) => family.map((d) => [d, family[0] as string] as const)),
);

interface Hop {
  index: number;
  hop: number;
  trace: ReceivedTrace;
}

/**
 * The connection facts SPF needs. Given facts win; the missing ones come from the receiving hop:
 * the topmost Received field (RFC 5321 4.4) with a public client address and an SMTP hand-off,
 * preferring the one whose address the receiver's own Received-SPF or Authentication-Results
 * names, else the first that crosses from another organisation. MAIL FROM comes from that hop's
 * `envelope-from`, else the topmost Return-Path (RFC 5321 4.4: written at final delivery).
 * @example connectionFacts(parseMessage(bytes), { ip: '192.0.2.1' }).source.helo // 'received'
 */
export function connectionFacts(message: RawMessage, given: GivenConnection): ConnectionFacts {
  const hop =
    given.ip !== undefined && given.helo !== undefined && given.mailFrom !== undefined
      ? null
      : receivingHop(message);
  const returnPath = topReturnPath(message);
  const pick = <T>(option: T | undefined, fromHop: T | null | undefined, src: FactSource) =>
    option !== undefined
      ? { value: option, source: 'option' as const }
      : fromHop !== null && fromHop !== undefined
        ? { value: fromHop, source: src }
        : { value: null, source: 'none' as const };
  const ip = pick(given.ip, hop?.trace.fromIp, 'received');
  const helo = pick(given.helo, hop?.trace.helo, 'received');
  let mailFrom = pick(given.mailFrom, hop?.trace.envelopeFrom, 'received');
  if (mailFrom.source === 'none' && returnPath !== null) {
    mailFrom = { value: returnPath, source: 'return-path' };
  }
  const facts: ConnectionFacts = {
    ip: ip.value,
    helo: helo.value,
    mailFrom: mailFrom.value,
    source: { ip: ip.source, helo: helo.source, mailFrom: mailFrom.source },
  };
  if (hop && (ip.source === 'received' || helo.source === 'received')) {
    facts.received = { index: hop.index, hop: hop.hop, by: hop.trace.by, why: hop.why };
  }
  return facts;
}

function receivingHop(message: RawMessage): (Hop & { why: string }) | null {
  const hops: Hop[] = message.getAll('received').map((field, i) => ({
    index: field.index,
    hop: i + 1,
    trace: parseReceived(fieldValue(field)),
  }));
  const candidates = hops.filter((h) => isSmtpClientHop(h.trace));
  if (candidates.length === 0) return null;
  const named = ipNamedByReceiver(message);
  if (named) {
    const match = candidates.find((h) => h.trace.fromIp === named.ip);
    if (match) {
      return {
        ...match,
        why: `the topmost Received from ${named.ip}, the client address the receiver's ${named.header} names`,
      };
    }
  }
  const crossing = candidates.find((h) => crossesOrganisations(h.trace));
  if (crossing) {
    return {
      ...crossing,
      why: `the topmost Received from a host outside ${orgOf(crossing.trace.by) ?? 'the receiving system'} with a public address`,
    };
  }
  const first = candidates[0] as Hop;
  return { ...first, why: 'the topmost Received with a public client address' };
}

function isSmtpClientHop(trace: ReceivedTrace): boolean {
  if (trace.fromIp === null) return false;
  if (trace.with !== null && INTERNAL_PROTOCOL.test(trace.with)) return false;
  try {
    return !INTERNAL_RANGES.has(ipaddr.process(trace.fromIp).range());
  } catch {
    return false;
  }
}

function orgOf(host: string | null): string | null {
  if (host === null || plainAddress(host) !== null) return null;
  const org = registrableDomain(host.replace(/\.$/, ''));
  return org === null ? null : (ORG_FAMILIES.get(org) ?? org);
}

function crossesOrganisations(trace: ReceivedTrace): boolean {
  const byOrg = orgOf(trace.by);
  const fromOrg = orgOf(trace.reverseName) ?? orgOf(trace.helo);
  return byOrg !== null && fromOrg !== null && byOrg !== fromOrg;
}

/** The client IP that the topmost Received-SPF or Authentication-Results states. */
function ipNamedByReceiver(message: RawMessage): { ip: string; header: string } | null {
  const spfField = message.getAll('received-spf')[0];
  if (spfField) {
    const m = /client-ip=([0-9a-f.:]+)/i.exec(fieldValue(spfField));
    const ip = m ? plainAddress(m[1] as string) : null;
    if (ip) return { ip, header: 'Received-SPF' };
  }
  const arField = message.getAll('authentication-results')[0];
  if (arField) {
    const ar = parseAuthenticationResults(fieldValue(arField));
    for (const r of [...findResults(ar, 'spf'), ...findResults(ar, 'iprev')]) {
      const ip =
        r.get('smtp', 'remote-ip') ??
        r.get('policy', 'iprev') ??
        (r.comment ?? '').split(/[\s;,()]+/).find((w) => plainAddress(w) !== null);
      if (ip && plainAddress(ip))
        return { ip: plainAddress(ip) as string, header: 'Authentication-Results' };
    }
  }
  return null;
}

function topReturnPath(message: RawMessage): string | null {
  const field = message.getAll('return-path')[0];
  if (!field) return null;
  const value = fieldValue(field).trim();
  const m = /<([^<>]*)>/.exec(value);
  return (m ? (m[1] as string) : value).trim();
}
