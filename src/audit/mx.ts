import type { DnsAnswer, Resolver } from '../dns/types.ts';
import type { Finding } from '../findings/finding.ts';
import { makeFinding } from '../findings/make-finding.ts';
import { isTemporaryFailure, temperrorFinding } from './dns-failure.ts';

/** What the MX check learnt: the findings, the MX host names (for provider detection), the answer. */
export interface MxAudit {
  findings: Finding[];
  hosts: string[];
  answer: DnsAnswer;
}

/** MX presence, null MX (RFC 7505), and that every target has an address (RFC 5321 5.1). */
export async function auditMx(domain: string, resolver: Resolver): Promise<MxAudit> {
  const answer = await resolver.resolve(domain, 'MX');
  if (isTemporaryFailure(answer))
    return { findings: [temperrorFinding(answer, 'the MX records')], hosts: [], answer };
  if (answer.status !== 'ok') {
    return {
      findings: [
        makeFinding('MX_MISSING', {
          subject: domain,
          summary: `${domain} has no MX record.`,
          explanation:
            'RFC 5321 5.1: senders then try the address (A/AAAA) of the domain itself, which rarely runs a mail server. Mail to this domain is likely undeliverable; if the domain sends no mail and receives none, publish a null MX instead (RFC 7505).',
          fix: `Publish MX records for ${domain}, or "${domain}. MX 0 ." if it takes no mail.`,
          evidence: [answer],
        }),
      ],
      hosts: [],
      answer,
    };
  }
  const all = answer.records.flatMap((r) => (r.data.type === 'MX' ? [r.data] : []));
  const isNull = (m: { exchange: string }) => m.exchange === '' || m.exchange === '.';
  const mx = all.filter((m) => !isNull(m));
  if (mx.length === 0) {
    return {
      findings: [
        makeFinding('MX_NULL', {
          subject: domain,
          summary: `${domain} publishes a null MX: it accepts no mail.`,
          explanation:
            'RFC 7505: senders reject mail to this domain at once instead of queueing it. Receivers may also reject mail *from* it, since replies cannot be delivered.',
          evidence: [answer],
        }),
      ],
      hosts: [],
      answer,
    };
  }
  const hosts = [...new Set(mx.map((m) => m.exchange))];
  const findings = (await Promise.all(hosts.map((h) => auditTarget(h, resolver)))).flat();
  if (mx.length < all.length) {
    // RFC 7505 3: a domain that advertises a null MX MUST NOT advertise any other MX RR. The root
    // name "." has no address, so it is reported as such, not looked up (that would fail as a query).
    findings.unshift(
      makeFinding('MX_TARGET_UNRESOLVABLE', {
        subject: domain,
        summary: `${domain} mixes a null MX ("MX 0 .", no mail accepted) with ${hosts.length} other MX host(s).`,
        explanation:
          'RFC 7505 3: a domain that publishes a null MX must publish no other MX record. Senders may take the null MX to mean the domain accepts no mail and bounce it, or try the other hosts: the outcome depends on the sender.',
        fix: `Remove the "MX 0 ." record if ${domain} receives mail, or every other MX record if it does not.`,
        evidence: [answer],
      }),
    );
  }
  if (findings.every((f) => f.severity !== 'error')) {
    findings.push(
      makeFinding('MX_OK', {
        subject: domain,
        summary: `${domain} has ${hosts.length} MX host(s): ${mx
          .sort((a, b) => a.preference - b.preference)
          .map((m) => `${m.exchange} (${m.preference})`)
          .join(', ')}.`,
        explanation: 'Every MX target resolves to an address.',
        evidence: [answer],
      }),
    );
  }
  return { findings, hosts, answer };
}

async function auditTarget(host: string, resolver: Resolver): Promise<Finding[]> {
  if (looksLikeAddress(host)) {
    return [
      makeFinding('MX_TARGET_IS_IP', {
        subject: host,
        summary: `An MX record points to the IP address ${host} instead of a host name.`,
        explanation:
          'RFC 5321 5.1 and RFC 7505: MX targets are host names. Most senders treat an address here as a name that does not exist.',
        fix: `Point the MX at a host name whose A/AAAA record is ${host}.`,
      }),
    ];
  }
  const [a, aaaa] = await Promise.all([
    resolver.resolve(host, 'A'),
    resolver.resolve(host, 'AAAA'),
  ]);
  const findings: Finding[] = [];
  if (a.chain.length > 0) {
    findings.push(
      makeFinding('MX_TARGET_IS_CNAME', {
        subject: host,
        summary: `The MX target ${host} is a CNAME to ${a.finalName}.`,
        explanation:
          'RFC 2181 10.3: an MX must point to a name with an address record, not an alias. Most senders cope, some do not.',
        fix: `Point the MX at ${a.finalName} directly.`,
        evidence: [a],
      }),
    );
  }
  if (a.status === 'ok' || aaaa.status === 'ok') return findings;
  const failed = [a, aaaa].find(isTemporaryFailure);
  if (failed) return [...findings, temperrorFinding(failed, `the address of MX host ${host}`)];
  findings.push(
    makeFinding('MX_TARGET_UNRESOLVABLE', {
      subject: host,
      summary: `The MX host ${host} has no A or AAAA record.`,
      explanation:
        'Senders cannot connect to this MX; they try the next one, or bounce the mail if none works.',
      fix: `Publish an address for ${host}, or remove the MX record.`,
      evidence: [a, aaaa],
    }),
  );
  return findings;
}

/** An IPv4 dotted quad or an IPv6 literal where a host name belongs. */
function looksLikeAddress(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}
