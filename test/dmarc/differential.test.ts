import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { evaluateDmarc, type DiscoveryMode, type DmarcEvaluation } from '../../src/dmarc/index.ts';
import type { Resolver } from '../../src/dns/types.ts';
import { txtValue } from '../../src/dns/types.ts';
import { memoryResolver } from '../helpers/zone.ts';
import {
  DIFFERENTIAL_ZONE,
  differentialCases,
  type DifferentialCase,
} from './differential/corpus.ts';

interface MailauthDmarc {
  status: { result: string; header?: { d?: string } };
  policy?: string;
}
const require = createRequire(import.meta.url);
const mailauthVerifyDmarc = require('mailauth/lib/dmarc/verify.js') as (
  opts: unknown,
) => Promise<MailauthDmarc | false>;

/** mailauth's resolver shape over the same zone: TXT as arrays of strings, errors by code. */
function mailauthResolver(resolver: Resolver) {
  return async (name: string, type: 'TXT') => {
    const answer = await resolver.resolve(name, type);
    if (answer.status === 'ok') return answer.records.map((r) => [txtValue(r)]);
    const code = { nxdomain: 'ENOTFOUND', nodata: 'ENODATA', timeout: 'ETIMEOUT' }[
      answer.status as string
    ];
    throw Object.assign(new Error(answer.status), { code: code ?? 'ESERVFAIL' });
  };
}

/**
 * Why mxray and mailauth 4.13 may differ on a case, each a known difference of behaviour or
 * standard. Returns the first cause that explains the difference, or null.
 */
function explain(
  ours: DmarcEvaluation,
  theirs: MailauthDmarc,
  pslView: DmarcEvaluation,
): string | null {
  const record = ours.discovery.record;
  if (
    ours.discovery.mode === 'rfc9989' &&
    (ours.result !== pslView.result || ours.requestedPolicy !== pslView.requestedPolicy) &&
    (ours.discovery.organizationalDomain !== pslView.discovery.organizationalDomain ||
      ours.policyDomain !== pslView.policyDomain)
  ) {
    return 'tree walk: RFC 9989 finds the organizational domain and policy in the DNS (blogspot.com’s record covers myblog.blogspot.com; a subdomain of an organization without a record is its own organizational domain); mailauth 4.13 uses the PSL';
  }
  if (ours.discovery.status === 'multiple') {
    return 'multiple records: RFC 7489 6.6.3 step 2 ends discovery (none); mailauth 4.13 falls back to the organizational domain';
  }
  if (
    (record?.adkim === 's' || record?.aspf === 's') &&
    ours.result === 'fail' &&
    theirs.status.result === 'pass'
  ) {
    return 'strict alignment: mailauth 4.13 passes an options object as getAlignment’s boolean "strict", so adkim=s/aspf=s are never enforced (fixed in mailauth 5)';
  }
  if (ours.policyTag === 'np' && ours.result === theirs.status.result) {
    return 'np: mailauth 4.13 does not implement np (RFC 9989; RFC 9091)';
  }
  if (
    theirs.policy &&
    theirs.policy.toLowerCase() === ours.requestedPolicy &&
    ours.result === theirs.status.result
  ) {
    return 'policy case: mailauth 4.13 returns the p/sp value as written (Reject); RFC 9989 4.7 makes literals case-insensitive';
  }
  return null;
}

async function runBoth(c: DifferentialCase, mode: DiscoveryMode) {
  const resolver = memoryResolver(DIFFERENTIAL_ZONE);
  const input = {
    fromDomain: c.from,
    spf: c.spf ? { result: 'pass', domain: c.spf } : { result: 'none', domain: '' },
    dkim: c.dkim ? [{ result: 'pass', domain: c.dkim }] : [],
  };
  const ours = await evaluateDmarc(input, { resolver, mode, random: () => 0 });
  // mxray's own RFC 7489 view of the case, to tell tree-walk differences from the others.
  const pslView = await evaluateDmarc(input, { resolver, mode: 'rfc7489', random: () => 0 });
  const theirs = await mailauthVerifyDmarc({
    headerFrom: `user@${c.from}`,
    spfDomains: c.spf ? [{ domain: c.spf }] : [],
    dkimDomains: c.dkim ? [{ domain: c.dkim }] : [],
    resolver: mailauthResolver(resolver),
  });
  return { ours, theirs, pslView };
}

describe('differential: mxray vs mailauth 4.13 on a generated corpus', () => {
  const cases = differentialCases();
  for (const mode of ['rfc7489', 'rfc9989'] as const) {
    it(`agrees, or the difference has a known cause (${mode})`, async () => {
      let agreed = 0;
      const causes = new Map<string, number>();
      const unexplained: string[] = [];
      for (const c of cases) {
        const { ours, theirs, pslView } = await runBoth(c, mode);
        if (theirs === false) throw new Error(`mailauth returned false for ${JSON.stringify(c)}`);
        const samePolicy =
          theirs.policy === undefined
            ? ours.discovery.status !== 'found'
            : theirs.policy === ours.requestedPolicy;
        if (theirs.status.result === ours.result && samePolicy) {
          agreed++;
          continue;
        }
        const cause = explain(ours, theirs, pslView);
        if (cause) causes.set(cause, (causes.get(cause) ?? 0) + 1);
        else {
          unexplained.push(
            `${JSON.stringify(c)}: mxray ${ours.result}/${ours.requestedPolicy ?? '-'}, mailauth ${theirs.status.result}/${theirs.policy ?? '-'}`,
          );
        }
      }
      console.log(
        `dmarc differential (${mode}): ${agreed}/${cases.length} agree with mailauth 4.13`,
      );
      for (const [cause, n] of causes) console.log(`  ${n} x ${cause}`);
      expect(unexplained).toEqual([]);
      expect(agreed).toBeGreaterThan(cases.length / 2);
    });
  }
});
