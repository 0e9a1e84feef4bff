import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryResolver } from '../../../src/dns/memory-resolver.ts';
import { createStubResolver } from '../../../src/dns/net/stub-resolver.ts';
import { startDnsServer, type DnsServer } from '../../../src/dns/server/index.ts';
import type { DnsAnswer, RRType } from '../../../src/dns/types.ts';
import type { DnsFault } from '../../../src/dns/zone/fault.ts';
import { zone } from '../../helpers/zone.ts';

/**
 * The in-memory resolver promises the answers the stub resolver gets from the embedded server on
 * the same zones, so protocol tests can use it. This suite checks that promise question by question.
 */
const BIG = Array.from({ length: 12 }, () => `"${'k'.repeat(255)}"`).join(' ');
const zones = [
  zone(`
    $ORIGIN example.com.
    @  SOA ns1 hostmaster 1 3600 600 86400 90
       TXT "v=spf1 " "-all"
       SPF "v=spf1 -all"
       MX 10 mail
    mail A 192.0.2.2
    s1._domainkey TXT "v=DKIM1; p=abc"
    big TXT ${BIG}
    latin TXT "caf\\233"
    www CNAME mail
    out CNAME host.other.test.
    gone CNAME host.unserved.test.
    dangling CNAME missing
    loop1 CNAME loop2
    loop2 CNAME loop1
    c1 CNAME c2
    c2 CNAME c3
    c3 CNAME c4
    c4 CNAME c5
    c5 CNAME c6
    c6 CNAME c7
    c7 CNAME c8
    c8 CNAME c9
    c9 CNAME c10
    c10 A 192.0.2.10
    *.wild TXT "wild"
    sub NS ns.sub
    ns.sub A 192.0.2.53
  `),
  zone(`
    $ORIGIN other.test.
    host A 198.51.100.7
         CAA 0 issue "ca.example.net"
  `),
];
const faults: DnsFault[] = [
  { name: 'timeout.example.com', fault: 'timeout' },
  { name: 'servfail.example.com', fault: 'servfail' },
  { name: 'refused.example.com', fault: 'refused' },
  { name: 'formerr.example.com', fault: 'formerr' },
  { name: 'garbage.example.com', fault: 'garbage' },
  { name: 'mail.example.com', type: 'MX', fault: 'truncate-always' },
];

const questions: Array<[string, RRType]> = [
  ['example.com', 'TXT'],
  ['example.com', 'SPF'],
  ['example.com', 'MX'],
  ['example.com', 'SOA'],
  ['Mail.Example.com.', 'A'],
  ['mail.example.com', 'TXT'],
  ['mail.example.com', 'MX'],
  ['_domainkey.example.com', 'TXT'],
  ['s2._domainkey.example.com', 'TXT'],
  ['big.example.com', 'TXT'],
  ['latin.example.com', 'TXT'],
  ['www.example.com', 'A'],
  ['www.example.com', 'CNAME'],
  ['out.example.com', 'A'],
  ['out.example.com', 'CAA'],
  ['gone.example.com', 'A'],
  ['dangling.example.com', 'A'],
  ['loop1.example.com', 'A'],
  ['c1.example.com', 'A'],
  ['x.y.wild.example.com', 'TXT'],
  ['x.wild.example.com', 'A'],
  ['host.sub.example.com', 'A'],
  ['example.org', 'A'],
  ['timeout.example.com', 'A'],
  ['servfail.example.com', 'A'],
  ['refused.example.com', 'A'],
  ['formerr.example.com', 'A'],
  ['garbage.example.com', 'A'],
  ['bad..name', 'A'],
];

/** The parts of an answer that must not depend on the transport. */
function comparable(answer: DnsAnswer, server: string) {
  return {
    name: answer.name,
    status: answer.status,
    rcode: answer.rcode,
    records: answer.records,
    chain: answer.chain,
    finalName: answer.finalName,
    authoritative: answer.authoritative,
    negativeTtl: answer.negativeTtl,
    // Messages name the server; timeouts and garbage are described by the transport.
    error:
      answer.status === 'timeout' || answer.status === 'error'
        ? answer.error !== undefined
        : answer.error?.replaceAll(server, 'memory'),
    exchangeNames: [...new Set(answer.exchanges.map((e) => e.name))],
  };
}

let server: DnsServer;
beforeAll(async () => {
  server = await startDnsServer({ zones, faults });
});
afterAll(async () => {
  await server.close();
});

describe('memory resolver and stub resolver on the embedded server', () => {
  it.each(questions)('agree on %s %s', async (name, type) => {
    const stub = createStubResolver({ servers: [server.address], timeoutMs: 150, tries: 1 });
    const memory = createMemoryResolver(zones, { faults });
    const overWire = await stub.resolve(name, type);
    const fromMemory = await memory.resolve(name, type);
    expect(comparable(fromMemory, server.address)).toEqual(comparable(overWire, server.address));
  });

  it('fell back to TCP for the big TXT and the truncate-always fault', async () => {
    const stub = createStubResolver({ servers: [server.address] });
    for (const [name, type] of [
      ['big.example.com', 'TXT'],
      ['mail.example.com', 'MX'],
    ] as const) {
      const answer = await stub.resolve(name, type);
      expect(answer.exchanges.map((e) => e.transport)).toEqual(['udp', 'tcp']);
    }
  });
});
