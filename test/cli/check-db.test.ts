import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoZones } from '../../demo/scenario.ts';
import { runCheckWith } from '../../src/cli/commands/check.ts';
import { DEMO_REPORTS_DIR, runReportsIngest } from '../../src/cli/commands/reports.ts';
import { bufferIo } from '../../src/cli/io.ts';
import { startDnsServer } from '../../src/dns/server/index.ts';
import { createContext } from '../../src/runtime/create-context.ts';

const server = await startDnsServer({ zones: demoZones(), port: 0 });
const dir = mkdtempSync(path.join(tmpdir(), 'mxray-check-db-'));
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('mxray check --db: the selectors DMARC reports saw are probed as signing selectors', () => {
  it('probes selector1 and google from the demo reports and judges selector1 as signing', async () => {
    const db = `sqlite:${path.join(dir, 'reports.sqlite')}`;
    expect(await runReportsIngest([DEMO_REPORTS_DIR], { db }, bufferIo())).toBe(0);
    const io = bufferIo();
    const ctx = await createContext({ resolvers: [server.address] });
    const code = await runCheckWith(ctx, 'contoso-demo.example', { db, json: true }, io);
    const report = JSON.parse(io.stdout());
    expect(code).toBe(1);
    const byName = new Map(report.selectors.map((s: { selector: string }) => [s.selector, s]));
    expect([...byName.keys()]).toEqual(expect.arrayContaining(['selector1', 'google']));
    const ids = report.findings.map((f: { id: string; subject: string }) => `${f.id} ${f.subject}`);
    expect(ids).toContain('DKIM_KEY_OK google._domainkey.contoso-demo.example');
    expect(ids).toContain('DKIM_CNAME_DANGLING selector1._domainkey.contoso-demo.example');
  });
});
