import { txtValue, type DnsAnswer, type Resolver } from '../../dns/types.ts';
import { checkKeyRecord, type KeyCheck } from './key-check.ts';

/** Why a selector was probed: named by the user, known for a provider, or a common guess. */
export type SelectorSource = 'given' | 'provider' | 'common';

/** What DNS says about one DKIM selector of a domain, every CNAME hop included. */
export interface SelectorProbe {
  selector: string;
  /** `<selector>._domainkey.<domain>` */
  name: string;
  source: SelectorSource;
  /** The TXT lookup, with its CNAME chain and exchanges. */
  answer: DnsAnswer;
  /** What the customer published at `name`: a CNAME, a TXT record, or nothing. */
  publishedAs: 'cname' | 'txt' | 'nothing' | 'unknown';
  /** The first CNAME target, when `publishedAs` is `cname`. */
  target?: string;
  /** Joined TXT values at the end of the chain. */
  records: string[];
  /** The key record check, when exactly one record exists. */
  key?: KeyCheck;
}

/** Looks up one selector, following every CNAME hop, and checks the key record found. */
export async function probeSelector(
  domain: string,
  selector: string,
  resolver: Resolver,
  source: SelectorSource,
): Promise<SelectorProbe> {
  const name = `${selector}._domainkey.${domain}`;
  const answer = await resolver.resolve(name, 'TXT');
  const records = answer.status === 'ok' ? answer.records.map(txtValue) : [];
  const first = answer.chain[0];
  let publishedAs: SelectorProbe['publishedAs'];
  if (first) publishedAs = 'cname';
  else if (answer.status === 'ok') publishedAs = 'txt';
  else if (answer.status === 'nxdomain' || answer.status === 'nodata') publishedAs = 'nothing';
  else publishedAs = 'unknown';
  const probe: SelectorProbe = { selector, name, source, answer, publishedAs, records };
  if (first) probe.target = first.to;
  const only = records.length === 1 ? records[0] : undefined;
  if (only !== undefined) probe.key = checkKeyRecord(only);
  return probe;
}

/** True when the probe found one usable (valid, not revoked) key. */
export function hasUsableKey(probe: SelectorProbe): boolean {
  return probe.key?.ok === true && !probe.key.revoked;
}
