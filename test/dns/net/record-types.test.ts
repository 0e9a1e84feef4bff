import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as dnsPacket from 'dns-packet';
import { createStubResolver } from '../../../src/dns/net/stub-resolver.ts';
import type { Resolver } from '../../../src/dns/types.ts';
import { questionOf, reply, startFakeDns, type FakeDns } from './fake-dns.ts';

/** Records of every shape we convert, as a server would send them. */
const byType: Record<string, dnsPacket.Answer[]> = {
  MX: [
    { type: 'MX', name: 'x.example', ttl: 1, data: { preference: 10, exchange: 'MX.Example.' } },
  ],
  SOA: [
    {
      type: 'SOA',
      name: 'x.example',
      ttl: 1,
      data: {
        mname: 'NS1.x.example',
        rname: 'h.x.example',
        serial: 7,
        refresh: 1,
        retry: 2,
        expire: 3,
        minimum: 4,
      },
    },
  ],
  CAA: [
    {
      type: 'CAA',
      name: 'x.example',
      ttl: 1,
      data: { flags: 0, tag: 'issue', value: 'ca.example' },
    },
  ],
  SRV: [
    {
      type: 'SRV',
      name: 'x.example',
      ttl: 1,
      data: { priority: 1, weight: 2, port: 443, target: 'T.example' },
    },
  ],
  TLSA: [
    {
      type: 'TLSA',
      name: 'x.example',
      ttl: 1,
      data: { usage: 3, selector: 1, matchingType: 1, certificate: Buffer.from('abcd', 'hex') },
    },
  ],
  // TXT bytes that are not UTF-8 survive as latin1, one character per byte.
  TXT: [{ type: 'TXT', name: 'x.example', ttl: 1, data: [Buffer.from([0x76, 0x3d, 0xe9, 0xff])] }],
};

let server: FakeDns;
let resolver: Resolver;
beforeAll(async () => {
  server = await startFakeDns((q) => {
    const { type } = questionOf(q);
    if (type === 'SPF') {
      // dns-packet has no SPF encoder: send the RDATA (two character-strings) as raw bytes.
      const rdata = Buffer.concat([
        Buffer.from([3]),
        Buffer.from('v=s'),
        Buffer.from([4]),
        Buffer.from('pf1 '),
      ]);
      return [
        reply(q, { answers: [{ type: 'SPF' as 'NULL', name: 'x.example', ttl: 1, data: rdata }] }),
      ];
    }
    return [reply(q, { answers: byType[type] ?? [] })];
  });
  resolver = createStubResolver({ servers: [server.address], timeoutMs: 300, tries: 1 });
});
afterAll(() => server.close());

describe('record conversion', () => {
  it.each([
    ['MX', { type: 'MX', preference: 10, exchange: 'mx.example' }],
    [
      'SOA',
      {
        type: 'SOA',
        mname: 'ns1.x.example',
        rname: 'h.x.example',
        serial: 7,
        refresh: 1,
        retry: 2,
        expire: 3,
        minimum: 4,
      },
    ],
    ['CAA', { type: 'CAA', flags: 0, tag: 'issue', value: 'ca.example' }],
    ['SRV', { type: 'SRV', priority: 1, weight: 2, port: 443, target: 't.example' }],
    ['TLSA', { type: 'OTHER', rrtype: 'TLSA', text: '3 1 1 ABCD' }],
    ['TXT', { type: 'TXT', strings: ['v=\u00e9\u00ff'] }],
    ['SPF', { type: 'SPF', strings: ['v=s', 'pf1 '] }],
  ] as const)('%s', async (type, data) => {
    const answer = await resolver.resolve('x.example', type);
    expect(answer.status).toBe('ok');
    expect(answer.records.map((r) => r.data)).toEqual([data]);
  });
});
