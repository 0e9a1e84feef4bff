import { afterAll, describe, expect, it } from 'vitest';
import { demoZones } from '../demo/scenario.ts';
import { startDnsServer } from '../src/dns/server/index.ts';
import { authenticateMessage, checkDomain, createContext, FINDINGS } from '../src/index.ts';
import { storyMessage } from '../demo/story-message.ts';

const server = await startDnsServer({ zones: demoZones(), port: 0 });
afterAll(() => server.close());

describe('the public library API (README examples)', () => {
  it('checkDomain through createContext, as the README shows', async () => {
    const ctx = await createContext({ resolvers: [server.address] });
    const report = await checkDomain('contoso-demo.example', {
      resolver: ctx.resolver,
      clock: ctx.clock,
    });
    expect(report.verdict).toBe('fail');
    expect(report.findings.every((f) => f.id in FINDINGS)).toBe(true);
  });

  it('authenticateMessage gives SPF, DKIM, ARC and DMARC verdicts for one message', async () => {
    const ctx = await createContext({ resolvers: [server.address] });
    const result = await authenticateMessage(storyMessage(ctx.clock), {
      resolver: ctx.resolver,
      clock: ctx.clock,
      connection: {
        ip: '40.107.22.54',
        helo: 'mail.outbound.protection.outlook.com',
        mailFrom: 'bounce@contoso-demo.example',
      },
    });
    expect(result.spf.result).toBe('pass');
    expect(result.dkim[0]?.result).toBe('permerror');
    expect(result.dmarc.result).toBe('pass');
  });
});
