import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import dnsPacket from 'dns-packet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type DnsServer } from '../../../src/dns/server/index.ts';
import { zone } from '../../helpers/zone.ts';
import {
  decodeReply,
  query,
  tcpQuery,
  tcpRaw,
  txtOf,
  udpQuery,
  udpRaw,
  type Reply,
} from './wire-client.ts';

/** 12 strings of 255 octets: a TXT answer of about 3 KB. */
const BIG = Array.from({ length: 12 }, (_, i) => `"${String(i % 10).repeat(255)}"`).join(' ');

const example = zone(`
  $ORIGIN example.com.
  $TTL 300
  @   SOA ns1 hostmaster 7 3600 600 86400 60
      NS ns1
      MX 10 mail
      TXT "v=spf1 -all"
      SPF "v=spf1 -all"
      CAA 0 issue "ca.example.net"
  ns1  A 192.0.2.1
  mail A 192.0.2.2
       AAAA 2001:db8::2
  www  CNAME mail
  big  TXT ${BIG}
  latin TXT "caf\\233"
  _sip._tcp SRV 1 2 5060 mail
  s1._domainkey TXT "v=DKIM1; p=abc"
  sub  NS ns.sub
  ns.sub A 192.0.2.53
`);

let server: DnsServer;
beforeAll(async () => {
  server = await startDnsServer({ zones: [example] });
});
afterAll(async () => {
  await server.close();
});

describe('startDnsServer over UDP', () => {
  it('listens on loopback and reports its address', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    expect(server.address).toBe(`127.0.0.1:${server.port}`);
  });

  it('answers with the question and ID echoed, AA set, RD copied, RA clear', async () => {
    const reply = await udpQuery(server, query('MaIl.Example.COM', 'A', { id: 4242 }));
    expect(reply).toMatchObject({
      id: 4242,
      type: 'response',
      rcode: 'NOERROR',
      flag_aa: true,
      flag_rd: true,
      flag_ra: false,
      flag_tc: false,
    });
    expect(reply.questions).toEqual([{ name: 'MaIl.Example.COM', type: 'A', class: 'IN' }]);
    expect(reply.answers).toMatchObject([
      { name: 'mail.example.com', type: 'A', ttl: 300, data: '192.0.2.2' },
    ]);
    const noRd = await udpQuery(server, query('mail.example.com', 'A', { flags: 0 }));
    expect(noRd.flag_rd).toBe(false);
  });

  it('encodes every record type it serves', async () => {
    const data = async (name: string, type: string) =>
      (await udpQuery(server, query(name, type))).answers?.map((a) =>
        'data' in a ? a.data : null,
      );
    expect(await data('example.com', 'MX')).toEqual([
      { preference: 10, exchange: 'mail.example.com' },
    ]);
    expect(await data('mail.example.com', 'AAAA')).toEqual(['2001:db8::2']);
    expect(await data('example.com', 'NS')).toEqual(['ns1.example.com']);
    expect(await data('example.com', 'CAA')).toMatchObject([
      { flags: 0, tag: 'issue', value: 'ca.example.net' },
    ]);
    expect(await data('_sip._tcp.example.com', 'SRV')).toEqual([
      { priority: 1, weight: 2, port: 5060, target: 'mail.example.com' },
    ]);
    expect(await data('example.com', 'SOA')).toMatchObject([
      { mname: 'ns1.example.com', serial: 7, minimum: 60 },
    ]);
    // dns-packet has no SPF codec: the RDATA is TXT-format character-strings (RFC 7208 3.1).
    const [spf] = (await data('example.com', 'SPF')) as [Buffer];
    expect(spf.toString('latin1')).toBe('\x0bv=spf1 -all');
    // TXT octets round-trip (\233 is one octet, 0xE9).
    expect(txtOf(await udpQuery(server, query('latin.example.com', 'TXT')))).toEqual(['caf\xe9']);
  });

  it('answers CNAME chains, MX glue in additional, NXDOMAIN and NODATA with the SOA', async () => {
    const www = await udpQuery(server, query('www.example.com', 'A'));
    expect(www.answers?.map((a) => a.type)).toEqual(['CNAME', 'A']);
    const mx = await udpQuery(server, query('example.com', 'MX'));
    expect(mx.additionals?.map((a) => a.type)).toEqual(['A', 'AAAA']);
    const nx = await udpQuery(server, query('nope.example.com', 'A'));
    expect(nx).toMatchObject({ rcode: 'NXDOMAIN', flag_aa: true, answers: [] });
    expect(nx.authorities).toMatchObject([{ type: 'SOA', name: 'example.com', ttl: 60 }]);
    const nodata = await udpQuery(server, query('_domainkey.example.com', 'TXT'));
    expect(nodata).toMatchObject({ rcode: 'NOERROR', answers: [] });
    expect(nodata.authorities?.[0]?.type).toBe('SOA');
  });

  it('refers below a delegation without AA, and refuses names outside its zones', async () => {
    const referral = await udpQuery(server, query('host.sub.example.com', 'A'));
    expect(referral).toMatchObject({ rcode: 'NOERROR', flag_aa: false, answers: [] });
    expect(referral.authorities).toMatchObject([{ type: 'NS', data: 'ns.sub.example.com' }]);
    expect(referral.additionals).toMatchObject([{ type: 'A', data: '192.0.2.53' }]);
    const refused = await udpQuery(server, query('example.org', 'A'));
    expect(refused).toMatchObject({ rcode: 'REFUSED', flag_aa: false });
  });

  it('answers NODATA for a type it does not hold, including unknown types', async () => {
    const hinfo = await udpQuery(server, query('mail.example.com', 'HINFO'));
    expect(hinfo).toMatchObject({ rcode: 'NOERROR', answers: [] });
    expect(hinfo.questions?.[0]?.type).toBe('HINFO');
    const unknown = await udpQuery(server, query('mail.example.com', 'UNKNOWN_65400'));
    expect(unknown.questions?.[0]?.type).toBe('UNKNOWN_65400');
    expect(unknown.rcode).toBe('NOERROR');
  });
});

describe('EDNS0 and truncation', () => {
  it('truncates a 3 KB answer without EDNS (512 octets) and sends it whole over TCP', async () => {
    const udp = await udpQuery(server, query('big.example.com', 'TXT'));
    expect(udp).toMatchObject({ flag_tc: true, answers: [], rcode: 'NOERROR', flag_aa: true });
    expect(udp.questions?.[0]?.name).toBe('big.example.com');
    const [tcp] = await tcpQuery(server, query('big.example.com', 'TXT'));
    expect(tcp?.flag_tc).toBe(false);
    expect(txtOf(tcp as Reply)[0]).toHaveLength(12 * 255);
  });

  it('honours the EDNS payload size and echoes an OPT record', async () => {
    const small = await udpQuery(server, query('big.example.com', 'TXT', { udpPayloadSize: 1232 }));
    expect(small.flag_tc).toBe(true);
    expect(small.additionals).toMatchObject([
      { type: 'OPT', udpPayloadSize: 4096, ednsVersion: 0 },
    ]);
    const large = await udpQuery(server, query('big.example.com', 'TXT', { udpPayloadSize: 4096 }));
    expect(large.flag_tc).toBe(false);
    expect(txtOf(large)[0]).toHaveLength(12 * 255);
    // Above 4096 is capped, not trusted: a 3 KB answer still fits, so no truncation.
    const huge = await udpQuery(server, query('big.example.com', 'TXT', { udpPayloadSize: 65000 }));
    expect(huge.flag_tc).toBe(false);
    // Below 512 counts as 512 (RFC 6891 6.2.5): a small answer is not truncated.
    const tiny = await udpQuery(server, query('mail.example.com', 'A', { udpPayloadSize: 100 }));
    expect(tiny).toMatchObject({ flag_tc: false, answers: [{ data: '192.0.2.2' }] });
    const plain = await udpQuery(server, query('mail.example.com', 'A'));
    expect(plain.additionals).toEqual([]);
  });

  it('answers BADVERS to an unknown EDNS version (RFC 6891 6.1.3)', async () => {
    const reply = await udpQuery(
      server,
      query('mail.example.com', 'A', { udpPayloadSize: 1232, ednsVersion: 1 }),
    );
    expect(reply.answers).toEqual([]);
    expect(reply.additionals).toMatchObject([{ type: 'OPT', extendedRcode: 1 }]);
  });
});

describe('TCP', () => {
  it('answers several queries on one connection, in order', async () => {
    const replies = await tcpQuery(
      server,
      query('mail.example.com', 'A', { id: 1 }),
      query('example.com', 'TXT', { id: 2 }),
      query('nope.example.com', 'A', { id: 3 }),
    );
    expect(replies.map((r) => [r.id, r.rcode])).toEqual([
      [1, 'NOERROR'],
      [2, 'NOERROR'],
      [3, 'NXDOMAIN'],
    ]);
    expect(txtOf(replies[1] as Reply)).toEqual(['v=spf1 -all']);
  });

  it('answers a query split across TCP segments', async () => {
    const message = dnsPacket.encode(query('mail.example.com', 'A', { id: 77 }));
    const framed = Buffer.concat([Buffer.from([0, message.length]), message]);
    const reply = await new Promise<Buffer>((resolve, reject) => {
      const socket = connect(server.port, server.host);
      socket.on('error', reject);
      socket.on('data', (chunk) => {
        socket.destroy();
        resolve(chunk.subarray(2));
      });
      socket.write(framed.subarray(0, 1));
      setTimeout(() => socket.write(framed.subarray(1, 10)), 20);
      setTimeout(() => socket.write(framed.subarray(10)), 40);
    });
    expect(decodeReply(reply)).toMatchObject({ id: 77, rcode: 'NOERROR' });
  });
});

describe('robustness', () => {
  it('survives garbage: FORMERR when an ID can be read, silence otherwise', async () => {
    expect(await udpRaw(server, Buffer.from([0x01]), 200)).toBeNull();
    const formerr = await udpRaw(server, Buffer.from([0x12, 0x34, 0x01, 0x00, 0x00]));
    expect(formerr).not.toBeNull();
    expect(decodeReply(formerr as Buffer)).toMatchObject({ id: 0x1234, rcode: 'FORMERR' });
    for (let i = 0; i < 200; i++) {
      const junk = randomBytes(1 + (i % 80));
      junk[2] = (junk[2] ?? 0) & 0x7f; // a query, so the server considers it
      await udpRaw(server, junk, 2);
    }
    // A header claiming two questions is FORMERR; a response sent to us is ignored.
    const two = dnsPacket.encode({
      type: 'query',
      id: 9,
      questions: [
        { type: 'A', name: 'a.example.com' },
        { type: 'A', name: 'b.example.com' },
      ],
    });
    expect(decodeReply((await udpRaw(server, two)) as Buffer).rcode).toBe('FORMERR');
    const response = dnsPacket.encode({
      type: 'response',
      id: 10,
      questions: [{ type: 'A', name: 'example.com' }],
    });
    expect(await udpRaw(server, response, 200)).toBeNull();
    // TCP garbage: a nonsense frame, then a real query on the same connection.
    const [bad, good] = await tcpRaw(server, [
      // A query header claiming one question whose name is a pointer past the end.
      Buffer.from([0, 5, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 0xff]),
      dnsPacket.encode(query('mail.example.com', 'A')),
    ]);
    expect(decodeReply(bad as Buffer).rcode).toBe('FORMERR');
    expect(decodeReply(good as Buffer).rcode).toBe('NOERROR');
    // Still alive.
    expect((await udpQuery(server, query('mail.example.com', 'A'))).rcode).toBe('NOERROR');
  });

  it('answers NOTIMP to an opcode other than QUERY', async () => {
    const status = query('example.com', 'A', { flags: 2 << 11 });
    const reply = await udpQuery(server, status);
    expect(reply).toMatchObject({ rcode: 'NOTIMP', opcode: 'STATUS' });
  });

  it('answers 100 concurrent queries and counts them', async () => {
    const before = server.queries();
    const names = Array.from({ length: 100 }, (_, i) =>
      i % 2 === 0 ? 'mail.example.com' : `n${i}.example.com`,
    );
    const replies = await Promise.all(
      names.map((n, i) => udpQuery(server, query(n, 'A', { id: 1000 + i }))),
    );
    replies.forEach((reply, i) => {
      expect(reply.id).toBe(1000 + i);
      expect(reply.rcode).toBe(i % 2 === 0 ? 'NOERROR' : 'NXDOMAIN');
    });
    expect(server.queries() - before).toBe(100);
  });
});

describe('faults and live changes', () => {
  it('injects timeout, servfail, refused, formerr, garbage and truncate-always', async () => {
    const s = await startDnsServer({
      zones: [example],
      faults: [
        { name: 'mail.example.com', type: 'A', fault: 'timeout' },
        { name: 'example.com', type: 'TXT', fault: 'servfail' },
        { name: 'www.example.com', fault: 'refused' },
        { name: 'ns1.example.com', fault: 'formerr' },
        { name: 's1._domainkey.example.com', fault: 'garbage' },
        { name: 'example.com', type: 'MX', fault: 'truncate-always' },
      ],
    });
    try {
      expect(await udpRaw(s, dnsPacket.encode(query('mail.example.com', 'A')), 300)).toBeNull();
      expect(await tcpRaw(s, [dnsPacket.encode(query('mail.example.com', 'A'))], 1, 300)).toEqual(
        [],
      );
      // The type filter: AAAA at the same name still answers.
      expect((await udpQuery(s, query('mail.example.com', 'AAAA'))).rcode).toBe('NOERROR');
      expect((await udpQuery(s, query('example.com', 'TXT'))).rcode).toBe('SERVFAIL');
      expect((await udpQuery(s, query('www.example.com', 'A'))).rcode).toBe('REFUSED');
      expect((await udpQuery(s, query('ns1.example.com', 'A'))).rcode).toBe('FORMERR');
      const garbage = await udpRaw(
        s,
        dnsPacket.encode(query('s1._domainkey.example.com', 'TXT', { id: 0xbeef })),
      );
      expect(garbage?.readUInt16BE(0)).toBe(0xbeef);
      expect(() => dnsPacket.decode(garbage as Buffer)).toThrow();
      const truncated = await udpQuery(s, query('example.com', 'MX', { udpPayloadSize: 4096 }));
      expect(truncated).toMatchObject({ flag_tc: true, answers: [] });
      const [overTcp] = await tcpQuery(s, query('example.com', 'MX'));
      expect(overTcp).toMatchObject({ flag_tc: false, answers: [{ type: 'MX' }] });

      s.setFaults([]);
      expect((await udpQuery(s, query('example.com', 'TXT'))).rcode).toBe('NOERROR');
    } finally {
      await s.close();
    }
  });

  it('serves new zones after setZones', async () => {
    const s = await startDnsServer({ zones: [] });
    try {
      expect((await udpQuery(s, query('mail.example.com', 'A'))).rcode).toBe('REFUSED');
      s.setZones([example]);
      expect((await udpQuery(s, query('mail.example.com', 'A'))).rcode).toBe('NOERROR');
    } finally {
      await s.close();
    }
  });

  it('closes open TCP connections on close()', async () => {
    const s = await startDnsServer({ zones: [example] });
    const socket = connect(s.port, s.host);
    await new Promise((resolve) => socket.once('connect', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.on('error', () => {});
    await s.close();
    await closed;
    await s.close(); // idempotent
    await expect(
      new Promise((resolve, reject) =>
        connect(s.port, s.host).once('connect', resolve).once('error', reject),
      ),
    ).rejects.toThrow(/ECONNREFUSED/);
  });

  it('uses the same port for UDP and TCP when one is given, and fails when it is taken', async () => {
    const first = await startDnsServer({ zones: [example] });
    try {
      await expect(startDnsServer({ zones: [example], port: first.port })).rejects.toThrow(
        /EADDRINUSE/,
      );
    } finally {
      await first.close();
    }
    const again = await startDnsServer({ zones: [example], port: first.port });
    try {
      expect(again.port).toBe(first.port);
      expect((await tcpQuery(again, query('mail.example.com', 'A')))[0]?.rcode).toBe('NOERROR');
    } finally {
      await again.close();
    }
  });
});

const hasIpv6Loopback = Object.values(networkInterfaces()).some((list) =>
  (list ?? []).some((i) => i.family === 'IPv6' && i.internal),
);

describe.skipIf(!hasIpv6Loopback)('IPv6', () => {
  it('serves on ::1 over UDP and TCP', async () => {
    const s = await startDnsServer({ zones: [example], host: '::1' });
    try {
      expect(s.address).toBe(`[::1]:${s.port}`);
      expect((await udpQuery(s, query('mail.example.com', 'A'))).rcode).toBe('NOERROR');
      expect((await tcpQuery(s, query('mail.example.com', 'AAAA')))[0]?.answers?.[0]).toMatchObject(
        {
          data: '2001:db8::2',
        },
      );
    } finally {
      await s.close();
    }
  });
});
