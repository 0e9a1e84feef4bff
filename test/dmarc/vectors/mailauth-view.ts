import { formatAuthenticationResults } from '../../../src/authres/index.ts';
import {
  dmarcAuthResult,
  discoverDmarcPolicy,
  evaluateDmarc,
  extractAuthorDomain,
  type DiscoveryMode,
  type DmarcEvaluation,
} from '../../../src/dmarc/index.ts';
import { vectorResolver, type VectorDns, type VectorZone } from './vector-zone.ts';

/** One recorded call of a vector. */
export interface VectorCall {
  fn: 'verifyDmarc' | 'getDmarcRecord';
  input: Record<string, unknown>;
  dns?: VectorDns[];
}

type Domains = Array<string | { domain: string }> | undefined;
const domainsOf = (list: Domains): string[] =>
  (list ?? []).map((d) => (typeof d === 'string' ? d : d.domain));

/**
 * Runs one recorded mailauth call through mxray's public API and returns the answer in the shape
 * of mailauth's result object, so its assertions can be checked. Every field is read from mxray's
 * result; fields mxray does not have are left out (and their assertions are listed as not
 * applicable by the test).
 */
export async function runCall(
  call: VectorCall,
  zone: VectorZone | undefined,
  mode: DiscoveryMode,
): Promise<{ view: unknown; calls: string[]; error?: unknown }> {
  const { resolver, calls } = vectorResolver(zone, call.dns ?? []);
  const names = () => calls.map((c) => c.name);
  if (call.fn === 'getDmarcRecord') {
    const found = await discoverDmarcPolicy(String(call.input.domain), { resolver, mode });
    const last = found.answers[found.answers.length - 1];
    const error =
      found.status === 'temperror'
        ? { code: last?.status === 'timeout' ? 'ETIMEOUT' : 'ESERVFAIL' }
        : undefined;
    if (found.status !== 'found' || !found.record) return { view: false, calls: names(), error };
    const r = found.record;
    return {
      calls: names(),
      view: {
        v: r.v,
        p: r.p,
        sp: r.sp ?? r.p,
        pct: r.pct,
        adkim: r.adkim,
        aspf: r.aspf,
        fo: r.fo?.join(':'),
        rua: r.rua?.map((u) => u.uri).join(','),
        ruf: r.ruf?.map((u) => u.uri).join(','),
        ri: r.ri,
        rr: found.recordText,
        isOrgRecord: found.fromOrganizationalDomain,
      },
    };
  }

  const headerFrom = call.input.headerFrom as string | string[];
  const fromValues = Array.isArray(headerFrom) ? headerFrom : [headerFrom];
  const author =
    fromValues.length === 1 && !String(fromValues[0]).includes('@')
      ? { ok: true as const, domain: String(fromValues[0]) }
      : extractAuthorDomain(fromValues);
  if (!author.ok) return { view: false, calls: names() };
  const spf = domainsOf(call.input.spfDomains as Domains)[0];
  const evaluation = await evaluateDmarc(
    {
      fromDomain: author.domain,
      spf: spf ? { result: 'pass', domain: spf } : { result: 'none', domain: '' },
      dkim: domainsOf(call.input.dkimDomains as Domains).map((domain) => ({
        result: 'pass',
        domain,
      })),
    },
    { resolver, mode },
  );
  return { view: mailauthShape(evaluation), calls: names() };
}

function mailauthShape(e: DmarcEvaluation): Record<string, unknown> {
  const d = e.discovery;
  const record = d.record;
  const spfAligned = e.alignment.spf.aligned === true;
  const dkimAligned = e.alignment.dkim.find((a) => a.aligned === true);
  return {
    status: { result: e.result, header: { from: e.fromDomain, d: e.policyDomain } },
    domain: d.organizationalDomain,
    ...(d.status === 'found' && record
      ? { policy: e.policy, p: record.p, sp: record.sp ?? record.p }
      : {}),
    ...(e.pct !== undefined ? { pct: e.pct } : {}),
    rr: d.recordText,
    info: formatAuthenticationResults('mx.test', [dmarcAuthResult(e)]),
    alignment: {
      spf: {
        result: spfAligned
          ? (e.alignment.spf.organizationalDomain ?? e.alignment.spf.domain)
          : undefined,
        strict: e.alignment.spf.mode === 's',
      },
      dkim: {
        result: dkimAligned ? (dkimAligned.organizationalDomain ?? dkimAligned.domain) : undefined,
        strict: record?.adkim === 's',
      },
    },
  };
}
