import type { Clock } from '../../base/clock.ts';
import { resolveFollowingCnames, type Exchanger } from '../follow-cnames.ts';
import { formatRecordData } from '../format-record.ts';
import { isSubdomainOf, normalizeQueryName } from '../name.ts';
import type { DnsAnswer, DnsExchange, Resolver, RRType } from '../types.ts';
import { findNameservers } from './find-nameservers.ts';
import { exchangeWithServers, type RotationOptions } from './rotation.ts';
import { parseServerAddress } from './server-address.ts';
import { lameCheck } from './zone-servers.ts';

/** What every nameserver of a zone says about one name and type. */
export interface AuthoritativeComparison {
  name: string;
  type: RRType;
  /** The zone apex, or null when the nameservers could not be found. */
  zone: string | null;
  /** One entry per nameserver address, in NS-name order. */
  answers: Array<{ nameserver: string; server: string; answer: DnsAnswer }>;
  /** True when every nameserver answered alike (records compared without TTLs). */
  consistent: boolean;
  /** One line per distinct answer when they differ, plus nameservers without an address. */
  differences: string[];
}

export interface CompareContext {
  recursive: Resolver;
  clock: Clock;
  port: number;
  rotation: RotationOptions;
  /** Asks the nameservers of other zones, for CNAME targets outside the compared zone. */
  elsewhere: (sent: DnsExchange[]) => Exchanger;
}

/** What an answer says, without TTLs or timings: equal keys mean the servers agree. */
function answerKey(answer: DnsAnswer): string {
  const records = answer.records.map((r) => `${r.name} ${formatRecordData(r.data)}`).sort();
  return JSON.stringify([answer.status, answer.rcode, answer.chain.map((h) => h.to), records]);
}

/** The answer in words, for a difference line. */
function describeAnswer(answer: DnsAnswer): string {
  const chain = answer.chain.map((h) => `CNAME ${h.to}; `).join('');
  switch (answer.status) {
    case 'ok':
      return `${chain}${answer.records
        .map((r) => formatRecordData(r.data))
        .sort()
        .join(' | ')}`;
    case 'nodata':
      return `${chain}no ${answer.type} records (NODATA)`;
    case 'nxdomain':
      return `${chain}${answer.finalName} does not exist (NXDOMAIN)`;
    default:
      return `${chain}${answer.status}: ${answer.error ?? answer.rcode ?? 'no answer'}`;
  }
}

/**
 * Asks every address of every nameserver of the zone holding `name`, each on its own, and
 * compares what they say. Different records, rcodes or a silent server make it inconsistent.
 */
export async function compareNameservers(
  input: string,
  type: RRType,
  ctx: CompareContext,
): Promise<AuthoritativeComparison> {
  const check = normalizeQueryName(input);
  const name = check.ok ? check.name : input;
  const failed = (reason: string): AuthoritativeComparison => ({
    name,
    type,
    zone: null,
    answers: [],
    consistent: false,
    differences: [reason],
  });
  if (!check.ok) return failed(check.reason);
  const set = await findNameservers(name, { recursive: ctx.recursive });
  if ('error' in set) return failed(set.error);
  const { zone } = set;

  const differences = set.nameservers
    .filter((ns) => ns.addresses.length === 0)
    .map((ns) => `${ns.name} has no address (no A or AAAA record)`);
  const targets = set.nameservers.flatMap((ns) =>
    ns.addresses.map((a) => ({ nameserver: ns.name, address: parseServerAddress(a, ctx.port) })),
  );
  const answers = await Promise.all(
    targets.map(async ({ nameserver, address }) => {
      const sent: DnsExchange[] = [];
      const direct: Exchanger = (qname, qtype, signal) =>
        isSubdomainOf(qname, zone)
          ? exchangeWithServers([address], qname, qtype, {
              ...ctx.rotation,
              reject: lameCheck(zone),
              onAttempt: (ex) => sent.push(ex),
              ...(signal ? { signal } : {}),
            })
          : ctx.elsewhere(sent)(qname, qtype, signal);
      const answer = await resolveFollowingCnames(direct, name, type, ctx.clock);
      return { nameserver, server: address.label, answer: { ...answer, exchanges: sent } };
    }),
  );

  const groups = new Map<string, typeof answers>();
  for (const entry of answers) {
    const key = answerKey(entry.answer);
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  if (groups.size > 1) {
    for (const group of groups.values()) {
      const who = group.map((e) => `${e.nameserver} (${e.server})`).join(', ');
      const first = group[0];
      if (first) differences.push(`${who}: ${describeAnswer(first.answer)}`);
    }
  }
  return {
    name,
    type,
    zone,
    answers,
    consistent: differences.length === 0 && answers.length > 0,
    differences,
  };
}
