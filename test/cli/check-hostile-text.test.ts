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
// TXT data chosen by the zone's owner: an ESC sequence that clears the screen, a newline that
// forges a report line, a C1 CSI byte and a right-to-left override.
const server = await startDnsServer({
  zones: [
    zone('test', ''),
    zone(
      'hostile.test',
      [
        '@ MX 10 mx',
        'mx A 192.0.2.1',
        '@ TXT "v=spf1 foo\\027[2J\\010\\010 -all"',
        '_dmarc TXT "v=DMARC1; p=reject"',
        's1._domainkey TXT "v=DKIM1; k=rsa\\010\\010\\013  \\226\\156 DKIM_KEY_OK\\155; p=abc"',
      ].join('\n'),
    ),
  ],
  port: 0,
});
afterAll(() => server.close());

const run = async (...args: string[]) => {
  const io = bufferIo();
  const code = await main(['check', 'hostile.test', '-r', server.address, '-s', 's1', ...args], io);
  return { code, out: io.stdout() };
};

// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

describe('mxray check: control characters from DNS never reach the terminal', () => {
  it('escapes them in summaries, the SPF tree and the --evidence transcript', async () => {
    for (const args of [[], ['--evidence']]) {
      const { code, out } = await run(...args);
      expect(code).toBe(1);
      expect(out).not.toMatch(CONTROL);
      expect(out).toContain('foo\\027[2J');
      // The forged "finding" stays inside the line of the real one: no line starts with it.
      expect(out).toMatch(/dkim_key_ok/i);
      expect(out).not.toMatch(/^\s*\S?\s*dkim_key_ok/im);
    }
  });

  it('--json keeps the data as it is (JSON escapes it)', async () => {
    const { code, out } = await run('--json');
    expect(code).toBe(1);
    const report = JSON.parse(out) as { findings: Array<{ id: string; summary: string }> };
    const spf = report.findings.find((f) => f.id === 'SPF_SYNTAX');
    expect(spf?.summary).toContain('foo\u001b[2J');
  });
});
