import { spf as mailauthSpf } from 'mailauth/lib/spf/index.js';
import { fixedClock } from '../src/base/clock.ts';
import { withCache } from '../src/dns/cache.ts';
import { createMemoryResolver } from '../src/dns/memory-resolver.ts';
import type { Resolver } from '../src/dns/types.ts';
import { zoneFromRecords, type ZoneRecordInput } from '../src/dns/zone/zone.ts';
import { checkHost } from '../src/spf/index.ts';

/** A mailauth resolver (dns.promises.resolve shapes and error codes) backed by our resolver. */
function mailauthResolver(resolver: Resolver) {
  return async (name: string, type: string): Promise<string[]> => {
    const answer = await resolver.resolve(name, type as 'TXT');
    if (answer.status !== 'ok') {
      const code =
        answer.status === 'nxdomain'
          ? 'ENOTFOUND'
          : answer.status === 'nodata'
            ? 'ENODATA'
            : 'ESERVFAIL';
      throw Object.assign(new Error(`${name}: ${answer.status}`), { code });
    }
    return answer.records.map((r): unknown => {
      const d = r.data;
      if (d.type === 'TXT') return d.strings;
      if (d.type === 'MX') return { exchange: d.exchange, priority: d.preference };
      if (d.type === 'A' || d.type === 'AAAA') return d.address;
      if (d.type === 'PTR') return d.target;
      return '';
    }) as string[];
  };
}

/** A typical corporate policy: two provider includes (one nested), mx, a and a -all. */
function corpus(): { resolver: Resolver; clients: string[] } {
  const records: ZoneRecordInput[] = [
    {
      name: 'corp.example.',
      type: 'TXT',
      data: 'v=spf1 mx a:out.corp.example include:_spf.crm.example include:_spf.mail.example -all',
    },
    { name: 'corp.example.', type: 'MX', data: '10 mx1.corp.example.' },
    { name: 'mx1.corp.example.', type: 'A', data: '192.0.2.10' },
    { name: 'out.corp.example.', type: 'A', data: '192.0.2.20' },
    {
      name: '_spf.crm.example.',
      type: 'TXT',
      data: 'v=spf1 ip4:198.51.100.0/24 include:_net.crm.example ~all',
    },
    {
      name: '_net.crm.example.',
      type: 'TXT',
      data: 'v=spf1 ip4:203.0.113.0/25 ip6:2001:db8::/32 ~all',
    },
    { name: '_spf.mail.example.', type: 'TXT', data: 'v=spf1 ip4:203.0.113.128/25 ~all' },
  ];
  const resolver = withCache(createMemoryResolver([zoneFromRecords('', records)]), {
    clock: fixedClock(0),
  });
  return {
    resolver,
    clients: [
      '192.0.2.10',
      '192.0.2.20',
      '198.51.100.5',
      '203.0.113.200',
      '2001:db8::1',
      '192.0.2.99',
    ],
  };
}

/** `npm run bench -- spf [--checks N]`: SPF checks per second, mxray vs mailauth 4.13, same cached zones. */
export async function benchSpf(args: string[]): Promise<void> {
  const nArg = args.indexOf('--checks');
  const n = nArg >= 0 ? Number(args[nArg + 1]) : 5000;
  const { resolver, clients } = corpus();
  const clock = fixedClock(0);
  const resolve = mailauthResolver(resolver);
  const run = async (name: string, check: (ip: string) => Promise<string>) => {
    for (let i = 0; i < 200; i++) await check(clients[i % clients.length] as string);
    const counts = new Map<string, number>();
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      const r = await check(clients[i % clients.length] as string);
      counts.set(r, (counts.get(r) ?? 0) + 1);
    }
    const ms = performance.now() - start;
    console.log(
      `${name.padEnd(18)} ${((n / ms) * 1000).toFixed(0).padStart(7)} checks/s  ${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')}`,
    );
  };
  await run(
    'mxray checkHost',
    async (ip) =>
      (
        await checkHost(
          { ip, domain: 'corp.example', sender: 'a@corp.example', helo: 'h.example' },
          { resolver, clock },
        )
      ).result,
  );
  await run(
    'mailauth spf',
    async (ip) =>
      (
        await mailauthSpf({
          sender: 'a@corp.example',
          ip,
          helo: 'h.example',
          mta: 'mx.test',
          resolver: resolve,
        })
      ).status.result as string,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchSpf(process.argv.slice(2));
