import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/base/clock.ts';
import { createMemoryResolver } from '../../src/dns/memory-resolver.ts';
import { checkHost, verifySpf, type SpfNode } from '../../src/spf/index.ts';
import { startTestDns } from '../helpers/dns-server.ts';
import { zone } from '../helpers/zone.ts';

const clock = fixedClock(Date.UTC(2026, 0, 1));

const example = zone(`
  $ORIGIN example.com.
  $TTL 300
  @          TXT "v=spf1 ip4:192.0.2.0/24 include:_spf.example.net mx/30 -all"
  @          MX 10 mx1
  mx1        A 198.51.100.8
  mx1        AAAA 2001:db8:1::8
  helo       TXT "v=spf1 a -all"
  helo       A 203.0.113.5
  soft       TXT "v=spf1 ~all"
  redir      TXT "v=spf1 redirect=example.com"
  explained  TXT "v=spf1 -all exp=why.explained.example.com"
  why.explained TXT "%{i} may not send for %{d} (%{c})"
  dual       TXT "v=spf1 a:host.example.com/24//64 -all"
  host       A 192.0.2.200
  host       AAAA 2001:db8:2::1
  neutral    TXT "v=spf1 ?include:soft.example.com"
  perm       TXT "v=spf1 include:nothing-here.example.com"
  two        TXT "v=spf1 -all"
  two        TXT "v=spf1 +all"
`);
const net = zone(`
  $ORIGIN example.net.
  _spf       TXT "v=spf1 ip4:203.0.113.0/25 ip6:2001:db8:ff::/48 ~all"
`);
const resolver = createMemoryResolver([example, net]);
const options = { resolver, clock };

const check = (ip: string, domain: string, sender = `user@${domain}`) =>
  checkHost({ ip, domain, sender, helo: 'helo.example.com' }, options);

describe('checkHost', () => {
  it('passes on ip4, include and mx, and fails on -all', async () => {
    expect((await check('192.0.2.10', 'example.com')).result).toBe('pass');
    const viaInclude = await check('203.0.113.1', 'example.com');
    expect(viaInclude).toMatchObject({
      result: 'pass',
      mechanism: 'include:_spf.example.net',
      lookups: 1,
    });
    const viaMx = await check('198.51.100.9', 'example.com');
    expect(viaMx).toMatchObject({ result: 'pass', mechanism: 'mx/30', lookups: 2 });
    const fail = await check('203.0.113.200', 'example.com');
    expect(fail).toMatchObject({ result: 'fail', mechanism: '-all' });
    expect(fail.reason).toMatch(/-all/);
  });

  it('treats an IPv4-mapped IPv6 client as IPv4 and IPv6 clients by AAAA', async () => {
    expect((await check('::ffff:192.0.2.10', 'example.com')).result).toBe('pass');
    expect((await check('2001:db8:ff::1', 'example.com')).result).toBe('pass');
    expect((await check('2001:db8:1::9', 'example.com')).result).toBe('fail');
  });

  it('applies dual CIDR lengths per address family', async () => {
    expect((await check('192.0.2.1', 'dual.example.com')).result).toBe('pass');
    expect((await check('2001:db8:2::ffff', 'dual.example.com')).result).toBe('pass');
    expect((await check('2001:db8:3::1', 'dual.example.com')).result).toBe('fail');
  });

  it('maps include results (RFC 7208 5.2): softfail does not match, none is permerror', async () => {
    expect((await check('192.0.2.1', 'neutral.example.com')).result).toBe('neutral');
    const perm = await check('192.0.2.1', 'perm.example.com');
    expect(perm.result).toBe('permerror');
    expect(perm.reason).toMatch(/no SPF record/);
  });

  it('follows redirect and returns none / permerror for missing and multiple records', async () => {
    expect((await check('192.0.2.10', 'redir.example.com')).result).toBe('pass');
    expect((await check('192.0.2.10', 'nowhere.example.com')).result).toBe('none');
    const two = await check('192.0.2.10', 'two.example.com');
    expect(two.result).toBe('permerror');
    expect(two.reason).toMatch(/2 SPF records/);
  });

  it('expands exp= for a fail, with explanation-only macros', async () => {
    const r = await check('192.0.2.99', 'explained.example.com');
    expect(r.result).toBe('fail');
    expect(r.explanation).toBe('192.0.2.99 may not send for explained.example.com (192.0.2.99)');
  });

  it('returns the tree: every term, its DNS, lookups and where it matched', async () => {
    const r = await check('198.51.100.9', 'example.com');
    const tree = r.tree;
    expect(tree.record).toMatch(/^v=spf1/);
    expect(tree.terms.map((t) => [t.text, t.outcome])).toEqual([
      ['ip4:192.0.2.0/24', 'no-match'],
      ['include:_spf.example.net', 'no-match'],
      ['mx/30', 'match'],
      ['-all', 'skipped'],
    ]);
    const include = tree.terms[1];
    expect(include?.child?.domain).toBe('_spf.example.net');
    expect(include?.child?.result).toBe('softfail');
    expect(include?.lookups).toBe(1);
    const mx = tree.terms[2];
    expect(mx?.dns.map((d) => `${d.name} ${d.type} ${d.status}`)).toEqual([
      'example.com MX ok',
      'mx1.example.com A ok',
    ]);
    expect(mx?.cumulativeLookups).toBe(2);
    expect(r.exchanges.length).toBeGreaterThanOrEqual(4);
  });

  it('evaluates an internationalised domain as its A-label (RFC 7208 4.3)', async () => {
    const idn = zone(`
      $ORIGIN xn--bcher-kva.example.
      @   TXT "v=spf1 ip4:192.0.2.7 -all"
    `);
    const r = await checkHost(
      { ip: '192.0.2.7', domain: 'Bücher.example', sender: 'a@bücher.example' },
      { resolver: createMemoryResolver([idn]), clock },
    );
    expect(r).toMatchObject({ result: 'pass', domain: 'xn--bcher-kva.example' });
  });

  it('verifySpf checks HELO for the null sender and with identity helo (RFC 7208 2.4)', async () => {
    const nullSender = await verifySpf(
      { ip: '203.0.113.5', mailFrom: '', helo: 'helo.example.com' },
      options,
    );
    expect(nullSender).toMatchObject({
      identity: 'helo',
      domain: 'helo.example.com',
      result: 'pass',
    });
    const angle = await verifySpf(
      { ip: '203.0.113.6', mailFrom: '<>', helo: 'helo.example.com' },
      options,
    );
    expect(angle).toMatchObject({ identity: 'helo', result: 'fail' });
    const helo = await verifySpf(
      {
        ip: '203.0.113.5',
        mailFrom: 'a@soft.example.com',
        helo: 'helo.example.com',
        identity: 'helo',
      },
      options,
    );
    expect(helo.identity).toBe('helo');
    const mailfrom = await verifySpf(
      { ip: '203.0.113.5', mailFrom: 'a@soft.example.com', helo: 'helo.example.com' },
      options,
    );
    expect(mailfrom).toMatchObject({
      identity: 'mailfrom',
      domain: 'soft.example.com',
      result: 'softfail',
    });
    const literal = await verifySpf(
      { ip: '203.0.113.5', mailFrom: '', helo: '[203.0.113.5]' },
      options,
    );
    expect(literal.result).toBe('none');
  });
});

describe('checkHost DNS failures', () => {
  const failing = zone(`
    $ORIGIN fail.example.
    @        TXT "v=spf1 a:slow.fail.example include:broken.fail.example -all"
    inc      TXT "v=spf1 include:slow.fail.example -all"
  `);

  it('SERVFAIL on the record lookup is temperror (RFC 7208 4.4)', async () => {
    const r = createMemoryResolver([failing], {
      faults: [{ name: 'fail.example', type: 'TXT', fault: 'servfail' }],
    });
    const out = await checkHost(
      { ip: '192.0.2.1', domain: 'fail.example', sender: 'a@fail.example' },
      { resolver: r, clock },
    );
    expect(out.result).toBe('temperror');
    expect(out.reason).toMatch(/SERVFAIL/);
  });

  it('a server that does not answer gives temperror, through real sockets', async () => {
    const dns = await startTestDns([failing], {
      faults: [{ name: 'slow.fail.example', fault: 'timeout' }],
    });
    try {
      const direct = await checkHost(
        { ip: '192.0.2.1', domain: 'fail.example', sender: 'a@fail.example' },
        { resolver: dns.resolver, clock },
      );
      expect(direct.result).toBe('temperror');
      expect(direct.reason).toMatch(/timed out/);
      const nested = await checkHost(
        { ip: '192.0.2.1', domain: 'inc.fail.example', sender: 'a@fail.example' },
        { resolver: dns.resolver, clock },
      );
      expect(nested.result).toBe('temperror');
      const include = nested.tree.terms[0] as SpfNode['terms'][number];
      expect(include.child?.result).toBe('temperror');
      expect(include.child?.dns[0]?.status).toBe('timeout');
    } finally {
      await dns.close();
    }
  });
});
