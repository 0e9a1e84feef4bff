import type { ZoneRecordInput } from '../../src/dns/zone/zone.ts';
export { seededRandom } from '../helpers/seeded-random.ts';

/** One generated case: the zone records, the domain, the client and the sender. */
export interface GeneratedPolicy {
  index: number;
  domain: string;
  ip: string;
  sender: string;
  records: ZoneRecordInput[];
}

const CLIENTS = [
  '192.0.2.10',
  '192.0.2.200',
  '198.51.100.7',
  '203.0.113.99',
  '2001:db8::10',
  '2001:db8:1::7',
];

/**
 * Generates policy `index` under `p<index>.diff.example`: a record of 1-7 random terms (every
 * mechanism, qualifiers, CIDR lengths, macros, include/redirect to generated sub-records, names
 * without records), the hosts they name, and a client picked from a small pool so matches happen.
 */
export function generatePolicy(index: number, random: () => number): GeneratedPolicy {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const domain = `p${index}.diff.example`;
  const records: ZoneRecordInput[] = [];
  const qualifier = () => pick(['', '', '', '-', '~', '?', '+']);
  const hostAddresses = (name: string) => {
    if (random() < 0.8)
      records.push({
        name: `${name}.`,
        type: 'A',
        data: pick(['192.0.2.10', '198.51.100.7', '192.0.2.77']),
      });
    if (random() < 0.5)
      records.push({
        name: `${name}.`,
        type: 'AAAA',
        data: pick(['2001:db8::10', '2001:db8:1::1']),
      });
  };
  const term = (owner: string, depth: number): string => {
    const kind = pick([
      'ip4',
      'ip4',
      'ip6',
      'a',
      'a',
      'mx',
      'mx',
      'include',
      'include',
      'exists',
      'ptr',
      'void',
      'bad',
    ]);
    switch (kind) {
      case 'ip4':
        return `${qualifier()}ip4:${pick(['192.0.2.0/24', '192.0.2.10', '198.51.100.0/25', '203.0.113.0/24', '10.0.0.0/8'])}`;
      case 'ip6':
        return `${qualifier()}ip6:${pick(['2001:db8::/32', '2001:db8:1::/48', '2001:db8::10'])}`;
      case 'a': {
        const host = `h${Math.floor(random() * 1000)}.${owner}`;
        hostAddresses(host);
        return `${qualifier()}a:${host}${pick(['', '', '/24', '//64', '/16//48'])}`;
      }
      case 'mx': {
        const count = 1 + Math.floor(random() * 3);
        for (let i = 0; i < count; i++) {
          const host = `mx${i}.${owner}`;
          records.push({ name: `${owner}.`, type: 'MX', data: `${10 * i} ${host}.` });
          hostAddresses(host);
        }
        return `${qualifier()}mx${pick(['', '', '/24'])}`;
      }
      case 'include': {
        if (depth > 1) return `${qualifier()}ip4:192.0.2.10`;
        const sub = `i${Math.floor(random() * 1000)}.${domain}`;
        const body = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
          term(sub, depth + 1),
        );
        records.push({
          name: `${sub}.`,
          type: 'TXT',
          data: `v=spf1 ${body.join(' ')} ${pick(['-all', '~all', '?all', ''])}`.trim(),
        });
        return `${qualifier()}include:${sub}`;
      }
      case 'exists': {
        if (random() < 0.5)
          records.push({ name: `192.0.2.10.rbl.${domain}.`, type: 'A', data: '127.0.0.2' });
        return `${qualifier()}exists:%{i}.rbl.${domain}`;
      }
      case 'ptr':
        return `${qualifier()}ptr${pick(['', ':diff.example'])}`;
      case 'void':
        return `${qualifier()}a:nothing${Math.floor(random() * 100)}.${domain}`;
      default:
        return pick([
          'ip4:192.0.2.0/33',
          'a:',
          'foo:bar',
          'mx/99',
          'exp=',
          `redirect=${domain} redirect=${domain}`,
        ]);
    }
  };
  const terms = Array.from({ length: 1 + Math.floor(random() * 7) }, () => term(domain, 0));
  let tail = pick(['-all', '~all', '?all', '', 'redirect']);
  if (tail === 'redirect') {
    const target = `r.${domain}`;
    records.push({
      name: `${target}.`,
      type: 'TXT',
      data: `v=spf1 ${term(target, 1)} ${pick(['-all', '~all'])}`,
    });
    tail = `redirect=${target}`;
  }
  records.push({
    name: `${domain}.`,
    type: 'TXT',
    data: `v=spf1 ${terms.join(' ')} ${tail}`.trim(),
  });
  // Reverse names for ptr: one client validates, one does not.
  records.push({ name: '10.2.0.192.in-addr.arpa.', type: 'PTR', data: `h.${domain}.` });
  records.push({ name: `h.${domain}.`, type: 'A', data: '192.0.2.10' });
  return { index, domain, ip: pick(CLIENTS), sender: `user@${domain}`, records };
}
