import { MAX_CNAME_HOPS } from '../follow-cnames.ts';
import { canonicalName, isSubdomainOf } from '../name.ts';
import type { DnsRecord, Rcode, RRType } from '../types.ts';
import { negativeSoa, recordsWithSoa } from './soa.ts';
import type { Zone } from './zone.ts';

/** What an authoritative server answers for one question. */
export interface ZoneResponse {
  rcode: Rcode;
  /** Authoritative Answer flag: false for referrals and for names outside every zone. */
  aa: boolean;
  answers: DnsRecord[];
  authority: DnsRecord[];
  additional: DnsRecord[];
}

/** The outcome of looking one name up inside one zone (RFC 1034 4.3.2 step 3). */
type InZone =
  | { kind: 'answer'; records: DnsRecord[] }
  | { kind: 'cname'; record: DnsRecord }
  | { kind: 'nodata' }
  | { kind: 'nxdomain' }
  | { kind: 'referral'; ns: DnsRecord[] };

/**
 * Answers one question from the zones we serve, as an authoritative server would (RFC 1034
 * 4.3.2): the closest enclosing zone answers; CNAMEs are followed while their targets are in our
 * zones; empty non-terminals are NODATA (RFC 8020); wildcards per RFC 4592; delegations become
 * referrals; names outside every zone are REFUSED. Pure: the one implementation behind both the
 * embedded server and the in-memory resolver.
 * @example answerFromZones([zone], 'example.com', 'MX').answers
 */
export function answerFromZones(zones: Zone[], name: string, type: RRType): ZoneResponse {
  return answerQuery(zones, name, type);
}

/** {@link answerFromZones} for any type mnemonic a client may send (`ANY`, `HINFO`, …). */
export function answerQuery(zones: readonly Zone[], name: string, type: string): ZoneResponse {
  const qname = canonicalName(name);
  const zone = closestZone(zones, qname);
  if (!zone) return { rcode: 'REFUSED', aa: false, answers: [], authority: [], additional: [] };

  const first = lookupInZone(zone, qname, type);
  if (first.kind === 'referral') {
    return {
      rcode: 'NOERROR',
      aa: false,
      answers: [],
      authority: first.ns,
      additional: addressesOf(zones, first.ns),
    };
  }
  const answers: DnsRecord[] = [];
  const seen = new Set([qname]);
  let current: InZone = first;
  let currentZone = zone;
  for (;;) {
    switch (current.kind) {
      case 'answer':
        answers.push(...current.records);
        return ok(answers, [], addressesOf(zones, answers));
      case 'nodata':
        return ok(answers, [negativeSoa(currentZone)], []);
      case 'nxdomain':
        // RFC 6604 3: after a CNAME the rcode describes the last name of the chain.
        return { ...ok(answers, [negativeSoa(currentZone)], []), rcode: 'NXDOMAIN' };
      case 'referral':
        return ok(answers, current.ns, addressesOf(zones, current.ns));
      case 'cname': {
        answers.push(current.record);
        const target = current.record.data.type === 'CNAME' ? current.record.data.target : '';
        const targetZone = closestZone(zones, target);
        // Like NSD and BIND: follow in-zone targets, stop at a loop, the hop limit, or a target
        // we do not serve (the resolver asks for it itself).
        if (!targetZone || seen.has(target) || answers.length >= MAX_CNAME_HOPS) {
          return ok(answers, [], []);
        }
        seen.add(target);
        currentZone = targetZone;
        current = lookupInZone(targetZone, target, type);
        break;
      }
    }
  }
}

const ok = (
  answers: DnsRecord[],
  authority: DnsRecord[],
  additional: DnsRecord[],
): ZoneResponse => ({
  rcode: 'NOERROR',
  aa: true,
  answers,
  authority,
  additional,
});

/** The zone with the longest origin that contains `name`. */
function closestZone(zones: readonly Zone[], name: string): Zone | undefined {
  let best: Zone | undefined;
  for (const zone of zones) {
    if (isSubdomainOf(name, zone.origin) && (!best || zone.origin.length > best.origin.length)) {
      best = zone;
    }
  }
  return best;
}

/** True when a record exists at `name` or below it (an empty non-terminal exists, RFC 8020). */
function nameExists(records: DnsRecord[], name: string): boolean {
  return name === '' || records.some((r) => r.name === name || r.name.endsWith(`.${name}`));
}

/** `name` and its ancestors down to (excluding) `origin`, nearest the origin first. */
function namesBelowOrigin(name: string, origin: string): string[] {
  const labels = name.split('.');
  const depth = origin === '' ? 0 : origin.split('.').length;
  const names: string[] = [];
  for (let i = labels.length - depth - 1; i >= 0; i--) names.push(labels.slice(i).join('.'));
  return names;
}

function lookupInZone(zone: Zone, qname: string, type: string): InZone {
  const records = recordsWithSoa(zone);
  // RFC 1034 4.3.2 3b: a zone cut above or at the name means a referral (DS lives in the parent).
  for (const cut of namesBelowOrigin(qname, zone.origin)) {
    const ns = records.filter((r) => r.name === cut && r.data.type === 'NS');
    if (ns.length > 0 && !(cut === qname && type === 'DS')) return { kind: 'referral', ns };
  }
  let here = records.filter((r) => r.name === qname);
  if (here.length === 0) {
    if (nameExists(records, qname)) return { kind: 'nodata' };
    here = wildcardRecords(records, qname, zone.origin);
    if (here.length === 0) return { kind: 'nxdomain' };
  }
  const matches = type === 'ANY' ? here : here.filter((r) => r.data.type === type);
  if (matches.length > 0) return { kind: 'answer', records: matches };
  const cname = here.find((r) => r.data.type === 'CNAME');
  if (cname) return { kind: 'cname', record: cname };
  return { kind: 'nodata' };
}

/**
 * RFC 4592 3.3.1: find the closest encloser (the longest existing ancestor) and, if
 * `*.<closest encloser>` has records, synthesise them with the owner rewritten to `qname`.
 */
function wildcardRecords(records: DnsRecord[], qname: string, origin: string): DnsRecord[] {
  let encloser = qname;
  while (encloser !== origin) {
    const dot = encloser.indexOf('.');
    encloser = dot === -1 ? '' : encloser.slice(dot + 1);
    if (nameExists(records, encloser)) break;
  }
  const source = encloser === '' ? '*' : `*.${encloser}`;
  return records.filter((r) => r.name === source).map((r) => ({ ...r, name: qname }));
}

/** A and AAAA records we serve for the hosts named by MX, NS and SRV records (additional section). */
function addressesOf(zones: readonly Zone[], records: DnsRecord[]): DnsRecord[] {
  const hosts = new Set<string>();
  for (const r of records) {
    if (r.data.type === 'MX') hosts.add(r.data.exchange);
    else if (r.data.type === 'NS' || r.data.type === 'SRV') hosts.add(r.data.target);
  }
  const out: DnsRecord[] = [];
  for (const host of hosts) {
    const zone = closestZone(zones, host);
    if (!zone) continue;
    for (const r of zone.records) {
      if (r.name === host && (r.data.type === 'A' || r.data.type === 'AAAA')) out.push(r);
    }
  }
  return out;
}
