import type { DnsAnswer, DnsExchange, Resolver, RRType } from '../dns/types.ts';
import type { SpfDnsStep, SpfLimits } from './types.ts';

/**
 * The DNS budget of one SPF evaluation, as a resolver decorator: every query goes through it, it
 * keeps the exchanges as evidence, counts the terms that cause lookups (RFC 7208 4.6.4) and the void
 * lookups, and refuses queries past a hard cap so a hostile record tree cannot run away.
 */
export interface SpfBudget {
  readonly limits: SpfLimits;
  /** Terms charged so far (include, a, mx, ptr, exists, redirect). */
  readonly lookups: number;
  readonly voidLookups: number;
  readonly exchanges: DnsExchange[];
  /** Charges one term; false once the count is over `maxLookups` (RFC 7208 4.6.4 permerror). */
  chargeTerm(): boolean;
  /** Counts one void lookup; false once the count is over `maxVoidLookups`. */
  chargeVoid(): boolean;
  /** Resolves through the budget; null when the query cap is spent. */
  query(name: string, type: RRType): Promise<DnsAnswer | null>;
}

/** Wraps `resolver` in a fresh budget for one evaluation. */
export function createSpfBudget(resolver: Resolver, limits: SpfLimits): SpfBudget {
  let lookups = 0;
  let voidLookups = 0;
  let queries = 0;
  const exchanges: DnsExchange[] = [];
  return {
    limits,
    get lookups() {
      return lookups;
    },
    get voidLookups() {
      return voidLookups;
    },
    exchanges,
    chargeTerm() {
      lookups++;
      return lookups <= limits.maxLookups;
    },
    chargeVoid() {
      voidLookups++;
      return voidLookups <= limits.maxVoidLookups;
    },
    async query(name, type) {
      if (queries >= limits.maxQueries) return null;
      queries++;
      const answer = await resolver.resolve(name, type);
      exchanges.push(...answer.exchanges);
      return answer;
    },
  };
}

/** True for an answer that RFC 7208 4.6.4 calls void: NXDOMAIN, or NOERROR with no answers. */
export function isVoidAnswer(answer: DnsAnswer): boolean {
  return answer.status === 'nxdomain' || answer.status === 'nodata';
}

/** The short form of an answer for the evaluation tree. */
export function dnsStep(answer: DnsAnswer, counted = false): SpfDnsStep {
  return {
    name: answer.name,
    type: answer.type,
    status: answer.status,
    answers: answer.records.map((r) => {
      const d = r.data;
      switch (d.type) {
        case 'A':
        case 'AAAA':
          return d.address;
        case 'MX':
          return `${d.preference} ${d.exchange}`;
        case 'TXT':
        case 'SPF':
          return d.strings.join('');
        case 'PTR':
        case 'CNAME':
        case 'NS':
          return d.target;
        default:
          return d.type;
      }
    }),
    void: counted && isVoidAnswer(answer),
  };
}
