import type { DkimSignatureResult } from '../dkim/index.ts';
import type { ArcVerdict, DnsCause, DmarcVerdict, SpfVerdict } from './types.ts';

/**
 * The DNS names behind each failure, so a surface can run the domain check on them: a DKIM
 * failure about the key (every `key-*` reason: missing, dangling CNAME, DNS error, bad record) is
 * traced to `<selector>._domainkey.<domain>`; an SPF result other than pass to the SPF record; a
 * DMARC failure or error to the policy record.
 */
export function dnsCauses(
  spf: SpfVerdict,
  dkim: readonly DkimSignatureResult[],
  arc: ArcVerdict,
  dmarc: DmarcVerdict,
  ip: string | null,
): DnsCause[] {
  const causes: DnsCause[] = [];
  for (const sig of dkim) {
    if (!sig.reason.startsWith('key-') || !sig.domain || !sig.selector) continue;
    if (causes.some((c) => c.method === 'dkim' && c.name === sig.keyName)) continue;
    causes.push({
      method: 'dkim',
      domain: sig.domain,
      selector: sig.selector,
      name: sig.keyName,
      status: sig.dns?.status ?? 'error',
      summary: sig.message,
      answer: sig.dns,
    });
  }
  const arcCause = arcKeyCause(arc);
  if (arcCause) causes.push(arcCause);
  if (spf.evaluation && spf.result !== 'pass' && spf.domain) {
    causes.push({
      method: 'spf',
      domain: spf.domain,
      name: spf.domain,
      summary: spfSummary(spf, ip),
    });
  }
  const dmarcDomain = dmarc.evaluation?.policyDomain ?? dmarc.fromDomain;
  if (dmarc.evaluation && dmarc.result !== 'pass' && dmarcDomain) {
    causes.push({
      method: 'dmarc',
      domain: dmarcDomain,
      name: `_dmarc.${dmarcDomain}`,
      summary: dmarcSummary(dmarc, dmarcDomain),
    });
  }
  return causes;
}

function spfSummary(spf: SpfVerdict, ip: string | null): string {
  const matched = spf.evaluation?.mechanism ? `; it matched "${spf.evaluation.mechanism}"` : '';
  switch (spf.result) {
    case 'fail':
    case 'softfail':
    case 'neutral':
      return `the SPF record (TXT at ${spf.domain}) does not authorise ${ip ?? 'the client'}${matched}`;
    case 'none':
      return `${spf.domain} publishes no SPF record (no "v=spf1" TXT at ${spf.domain}): ${spf.reason}`;
    case 'pass':
    case 'temperror':
    case 'permerror':
      return `SPF ${spf.result} for ${spf.domain}: ${spf.reason}`;
  }
}

function dmarcSummary(dmarc: DmarcVerdict, domain: string): string {
  const requested = dmarc.evaluation?.requestedPolicy;
  if (dmarc.result === 'fail' && requested) {
    return `the DMARC record (TXT at _dmarc.${domain}) asks p=${requested}, and no SPF or DKIM pass aligned with ${dmarc.fromDomain ?? domain}`;
  }
  return `DMARC ${dmarc.result} for ${domain}: ${dmarc.reason}`;
}

/** An ARC chain that failed on a key (missing, unusable, DNS error) names the set's key record. */
function arcKeyCause(arc: ArcVerdict): DnsCause | null {
  const v = arc.verification;
  if (v.cv !== 'fail' || (v.failure !== 'key-unusable' && v.failure !== 'key-dns-error'))
    return null;
  const set = v.sets.find((s) => s.instance === v.failedInstance);
  if (!set) return null;
  const signer = v.failedPart === 'ARC-Seal' ? set.seal : set.messageSignature;
  const name = `${signer.selector}._domainkey.${signer.domain}`;
  const answer = [...v.answers].reverse().find((a) => a.name === name) ?? null;
  return {
    method: 'arc',
    domain: signer.domain,
    selector: signer.selector,
    name,
    status: answer?.status ?? 'error',
    summary: arc.reason,
    answer,
  };
}
