import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/base/clock.ts';
import { silentLogger } from '../../src/base/logger.ts';
import { runSpf, runSpfWith } from '../../src/cli/commands/spf.ts';
import { bufferIo } from '../../src/cli/io.ts';
import { renderSpfAnalysis } from '../../src/cli/render/spf.ts';
import { createMemoryResolver } from '../../src/dns/memory-resolver.ts';
import { analyzeSpfPolicy } from '../../src/spf/index.ts';
import { startTestDns } from '../helpers/dns-server.ts';
import { zone } from '../helpers/zone.ts';

const zones = [
  zone(`
    $ORIGIN example.com.
    @        TXT "v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all exp=why.example.com"
    why      TXT "%{i} is not one of our servers"
    mx1      TXT "v=spf1 a -all"
    mx1      A 198.51.100.7
  `),
  zone(`
    $ORIGIN example.net.
    _spf     TXT "v=spf1 ip4:203.0.113.0/24 ~all"
  `),
];
const clock = fixedClock(Date.UTC(2026, 0, 1));
const ctx = { resolver: createMemoryResolver(zones), clock, logger: silentLogger };

describe('mxray spf', () => {
  it('prints the result, reason, explanation and the tree; exit 1 on fail', async () => {
    const io = bufferIo();
    const code = await runSpfWith(
      ctx,
      [],
      { ip: '198.51.100.1', mailFrom: 'a@example.com', helo: 'mx1.example.com' },
      io,
    );
    expect(code).toBe(1);
    const out = io.stdout();
    expect(out).toMatch(/^SPF fail for example.com \(mailfrom identity\)/);
    expect(out).toContain('explanation: 198.51.100.1 is not one of our servers');
    expect(out).toContain('lookups:     1/10, void 0/2');
    expect(out).toMatch(/✗ include:_spf\.example\.net .*\(1 lookup, total 1\)/);
    expect(out).toMatch(
      /_spf\.example\.net "v=spf1 ip4:203\.0\.113\.0\/24 ~all" \[TXT ok\] → softfail/,
    );
    expect(out).toMatch(/✓ -all → fail/);
  });

  it('checks HELO for the null sender and with --identity helo; exit 0 on pass', async () => {
    const io = bufferIo();
    expect(
      await runSpfWith(ctx, [], { ip: '198.51.100.7', mailFrom: '', helo: 'mx1.example.com' }, io),
    ).toBe(0);
    expect(io.stdout()).toMatch(/^SPF pass for mx1.example.com \(helo identity\)/);
    const json = bufferIo();
    await runSpfWith(
      ctx,
      [],
      {
        ip: '198.51.100.7',
        mailFrom: 'a@example.com',
        helo: 'mx1.example.com',
        identity: 'helo',
        json: true,
      },
      json,
    );
    const parsed = JSON.parse(json.stdout()) as {
      result: string;
      identity: string;
      tree: { domain: string };
    };
    expect(parsed).toMatchObject({
      result: 'pass',
      identity: 'helo',
      tree: { domain: 'mx1.example.com' },
    });
  });

  it('evaluates a bare domain with --json as one object', async () => {
    const io = bufferIo();
    expect(await runSpfWith(ctx, ['example.com'], { ip: '203.0.113.9', json: true }, io)).toBe(0);
    const parsed = JSON.parse(io.stdout()) as {
      result: string;
      lookups: number;
      mechanism: string;
    };
    expect(parsed).toMatchObject({
      result: 'pass',
      lookups: 1,
      mechanism: 'include:_spf.example.net',
    });
  });

  it('exit 2 with one line for bad input', async () => {
    for (const [args, options, message] of [
      [[], { mailFrom: 'a@example.com' }, /--ip is required/],
      [[], { ip: '300.1.1.1', helo: 'x.example' }, /not an IPv4 or IPv6/],
      [[], { ip: '192.0.2.1' }, /--mail-from/],
      [[], { ip: '192.0.2.1', helo: 'x.example', identity: 'ehlo' }, /--identity/],
      [['bad domain'], { ip: '192.0.2.1' }, /not a domain name/],
    ] as const) {
      const io = bufferIo();
      expect(await runSpf([...args], { ...options }, io)).toBe(2);
      expect(io.stderr()).toMatch(message);
      expect(io.stdout()).toBe('');
    }
  });

  it('runSpf uses --resolver: the embedded DNS server on loopback', async () => {
    const dns = await startTestDns(zones);
    try {
      const io = bufferIo();
      const code = await runSpf(
        [],
        {
          ip: '192.0.2.55',
          mailFrom: 'a@example.com',
          helo: 'h.example',
          resolver: [dns.server.address],
        },
        io,
      );
      expect(code).toBe(0);
      expect(io.stdout()).toMatch(/^SPF pass for example.com/);
    } finally {
      await dns.close();
    }
  });

  it('renders the analysis with the overflow point and the fix', async () => {
    const many = zone(`
      $ORIGIN big.example.
      @   TXT "v=spf1 include:a.big.example include:b.big.example -all"
      a   TXT "v=spf1 a:x.big.example a:x.big.example a:x.big.example a:x.big.example a:x.big.example a:x.big.example ~all"
      b   TXT "v=spf1 include:c.big.example a:x.big.example a:x.big.example ~all"
      c   TXT "v=spf1 ip4:192.0.2.1 ~all"
      x   A 192.0.2.1
    `);
    const analysis = await analyzeSpfPolicy('big.example', {
      resolver: createMemoryResolver([many]),
      clock,
    });
    const text = renderSpfAnalysis(analysis, bufferIo().color);
    expect(text).toContain('SPF policy of big.example: ok, 11/10 lookups');
    expect(text).toMatch(/• a:x\.big\.example \(1 lookup, total 11\) ← lookup 11 happens here/);
    expect(text).toContain('lookup 11 happens at: big.example → b.big.example → a:x.big.example');
    expect(text).toContain(
      'fix: 1 lookup too many. Flatten (replace with its ip4/ip6 ranges) or drop: include:a.big.example (7 lookups).',
    );
  });
});
