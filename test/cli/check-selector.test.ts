import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { bufferIo } from '../../src/cli/io.ts';
import { startDnsServer } from '../../src/dns/server/index.ts';
import { parseZoneFile } from '../../src/dns/zone/zone.ts';

const zone = (origin: string, body: string) =>
  parseZoneFile(
    `$ORIGIN ${origin}.\n$TTL 300\n@ SOA ns1 hostmaster 1 3600 600 86400 60\n@ NS ns1\n${body}\n`,
    { origin },
  );
// A wildcard under _domainkey answers any selector, so a bad selector that were sent would "exist".
const server = await startDnsServer({
  zones: [
    zone('test', ''),
    zone(
      'sel.test',
      '@ MX 10 mx\nmx A 192.0.2.1\n@ TXT "v=spf1 -all"\n_dmarc TXT "v=DMARC1; p=none"\n*._domainkey TXT "v=DKIM1; p="',
    ),
  ],
  port: 0,
});
afterAll(() => server.close());

const check = async (...args: string[]) => {
  const io = bufferIo();
  const code = await main(['check', 'sel.test', '-r', server.address, '--json', ...args], io);
  return { code, io };
};

describe('mxray check --selector: a selector that is not a DNS label is bad input (exit 2)', () => {
  it.each([['a b'], ['s1,s2'], ['a..b'], [''], ['x/y'], ['sel$'], ['*']])(
    'refuses %j before any query is sent',
    async (selector) => {
      const before = server.queries();
      const { code, io } = await check('--selector', selector);
      expect(code).toBe(2);
      expect(io.stdout()).toBe('');
      expect(io.stderr()).toMatch(/is not a DKIM selector|selector is empty/);
      expect(server.queries()).toBe(before);
    },
  );

  it('accepts a valid selector given twice, with spaces around and in upper case, once', async () => {
    const { code, io } = await check('-s', ' S1 ', '-s', 's1');
    const report = JSON.parse(io.stdout()) as { findings: Array<{ id: string; subject: string }> };
    expect(code).toBe(1);
    const revoked = report.findings.filter((f) => f.id === 'DKIM_KEY_REVOKED');
    expect(revoked.map((f) => f.subject)).toEqual(['s1._domainkey.sel.test']);
  });
});
