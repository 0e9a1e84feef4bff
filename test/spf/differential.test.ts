import { describe, expect, it } from 'vitest';
import { spf as mailauthSpf } from 'mailauth/lib/spf/index.js';
import { fixedClock } from '../../src/base/clock.ts';
import { createMemoryResolver } from '../../src/dns/memory-resolver.ts';
import type { Resolver } from '../../src/dns/types.ts';
import { zoneFromRecords } from '../../src/dns/zone/zone.ts';
import { checkHost, type SpfEvaluation, type SpfNode } from '../../src/spf/index.ts';
import { generatePolicy, seededRandom } from './differential-policies.ts';

const POLICIES = 200;
const clock = fixedClock(Date.UTC(2026, 0, 1));

/** mailauth's resolver contract: node's dns.promises.resolve shapes, errors with node's codes. */
function mailauthResolver(resolver: Resolver) {
  // Typed as mailauth declares it (string arrays); at run time MX answers are objects, as node gives.
  return async (name: string, type: string): Promise<string[]> => {
    const answer = await resolver.resolve(name, type as 'A');
    const fail = (code: string) => Object.assign(new Error(`${code} ${name} ${type}`), { code });
    switch (answer.status) {
      case 'ok':
        return answer.records.map((r): unknown => {
          const d = r.data;
          if (d.type === 'TXT' || d.type === 'SPF') return d.strings;
          if (d.type === 'MX') return { exchange: d.exchange, priority: d.preference };
          if (d.type === 'A' || d.type === 'AAAA') return d.address;
          if (d.type === 'PTR' || d.type === 'CNAME') return d.target;
          return '';
        }) as string[];
      case 'nxdomain':
        throw fail('ENOTFOUND');
      case 'nodata':
        throw fail('ENODATA');
      case 'timeout':
        throw fail('ETIMEOUT');
      default:
        throw fail('ESERVFAIL');
    }
  };
}

/** Every counted void A/AAAA lookup in the tree. */
function voidAddressSteps(node: SpfNode): Array<{ name: string; type: 'A' | 'AAAA' }> {
  const out: Array<{ name: string; type: 'A' | 'AAAA' }> = [];
  for (const term of node.terms) {
    for (const d of term.dns)
      if (d.void && (d.type === 'A' || d.type === 'AAAA')) out.push({ name: d.name, type: d.type });
    if (term.child) out.push(...voidAddressSteps(term.child));
  }
  return out;
}

function voidPtrSteps(node: SpfNode): number {
  let n = 0;
  for (const term of node.terms) {
    n += term.dns.filter((d) => d.void && d.type === 'PTR').length;
    if (term.child) n += voidPtrSteps(term.child);
  }
  return n;
}

function hasSyntaxError(node: SpfNode): boolean {
  return (
    node.syntaxError !== undefined ||
    node.terms.some((t) => t.child !== undefined && hasSyntaxError(t.child))
  );
}

/**
 * Why the two differ, when it is one of the known, deliberate differences; null otherwise.
 * - syntax: RFC 7208 4.6 makes a syntax error anywhere in a record a permerror before any
 *   evaluation; mailauth evaluates left to right and returns at the first match.
 * - single-stack: RFC 7208 4.6.4 counts a lookup with an empty answer as void; mxray asks only the
 *   client's family (A for IPv4) and counts NODATA, while mailauth asks A and AAAA and counts the
 *   lookup as void only when both are empty, so hosts with one family push mxray over 2 voids.
 * - ptr-reuse: mailauth queries PTR once per evaluation and reuses the answer for later `ptr`
 *   terms, so an NXDOMAIN reverse name counts as one void lookup; mxray counts it per term, as
 *   RFC 7208 4.6.4 counts terms whose queries come back empty.
 */
async function explain(
  ours: SpfEvaluation,
  theirs: string,
  resolver: Resolver,
): Promise<string | null> {
  if (ours.result === 'permerror' && hasSyntaxError(ours.tree) && theirs !== 'permerror')
    return 'syntax';
  if (ours.result === 'permerror' && /void lookups/.test(ours.reason)) {
    if (voidPtrSteps(ours.tree) >= 2) return 'ptr-reuse';
    for (const step of voidAddressSteps(ours.tree)) {
      const other = await resolver.resolve(step.name, step.type === 'A' ? 'AAAA' : 'A');
      if (other.status === 'ok') return 'single-stack';
    }
  }
  return null;
}

describe('differential: mxray vs mailauth 4.13 on generated policies', () => {
  it(`${POLICIES} seeded policies: agreement count and explained disagreements`, async () => {
    const random = seededRandom(7208);
    let agree = 0;
    const disagreements: string[] = [];
    const unexplained: string[] = [];
    const categories = new Map<string, number>();
    for (let i = 0; i < POLICIES; i++) {
      const policy = generatePolicy(i, random);
      const resolver = createMemoryResolver([zoneFromRecords('', policy.records)]);
      const ours = await checkHost(
        { ip: policy.ip, domain: policy.domain, sender: policy.sender, helo: 'client.example' },
        { resolver, clock },
      );
      const theirs = await mailauthSpf({
        sender: policy.sender,
        ip: policy.ip,
        helo: 'client.example',
        mta: 'mx.test',
        resolver: mailauthResolver(resolver),
      });
      const theirResult = theirs.status.result as string;
      if (theirResult === ours.result) agree++;
      else {
        const record = policy.records.find(
          (r) => r.name === `${policy.domain}.` && r.type === 'TXT',
        )?.data;
        const why = await explain(ours, theirResult, resolver);
        categories.set(why ?? 'unexplained', (categories.get(why ?? 'unexplained') ?? 0) + 1);
        (why === null ? unexplained : disagreements).push(
          `[${why ?? 'unexplained'}] #${i} ip ${policy.ip} "${String(record)}": mxray ${ours.result} (${ours.reason}); mailauth ${theirResult} (${theirs.status.comment ?? ''})`,
        );
      }
    }
    console.log(
      `differential mxray vs mailauth: ${agree}/${POLICIES} agree; disagreements: ${[...categories].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`,
    );
    for (const line of [...disagreements, ...unexplained]) console.log(`  ${line}`);
    expect(unexplained).toEqual([]);
    expect(agree + disagreements.length).toBe(POLICIES);
  });
});
