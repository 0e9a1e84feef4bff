import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoZoneTexts } from '../../demo/scenario.ts';
import { nsdAvailable, startNsd } from '../helpers/nsd.ts';

const run = promisify(execFile);
const hasNsd = nsdAvailable();

/** Runs the real CLI as a new user would, against NSD serving the demo zone files. */
async function mxray(args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run('node', ['bin/mxray.js', ...args], { encoding: 'utf8' });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

describe.skipIf(!hasNsd)('mxray check against NSD (an independent authoritative server)', () => {
  let nsd: Awaited<ReturnType<typeof startNsd>>;
  beforeAll(async () => {
    nsd = await startNsd(demoZoneTexts());
  });
  afterAll(async () => nsd?.stop());

  it('reports both Microsoft 365 selectors dangling, exit 1, JSON as documented', async () => {
    const { code, stdout } = await mxray([
      'check',
      'contoso-demo.example',
      '--resolver',
      nsd.address,
      '--json',
    ]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.verdict).toBe('fail');
    expect(report.provider).toBe('Microsoft 365');
    const dangling = report.findings.filter((f: { id: string }) => f.id === 'DKIM_CNAME_DANGLING');
    expect(dangling).toHaveLength(2);
    const [ev] = dangling[0].evidence;
    expect(ev).toMatchObject({ server: nsd.address, rcode: 'NXDOMAIN', flags: { aa: true } });
    expect(ev.answers[0]).toMatchObject({ type: 'CNAME', ttl: 3600 });
  });

  it('treats the inactive selector as expected when only the active key is published, exit 0', async () => {
    const { code, stdout } = await mxray([
      'check',
      'northwind-demo.example',
      '-r',
      nsd.address,
      '--json',
    ]);
    expect(code).toBe(0);
    const ids = JSON.parse(stdout).findings.map((f: { id: string }) => f.id);
    expect(ids).toContain('M365_SELECTOR_INACTIVE');
    expect(ids).not.toContain('DKIM_CNAME_DANGLING');
  });

  it('prints a dig-style transcript with --evidence', async () => {
    const { stdout } = await mxray([
      'check',
      'contoso-demo.example',
      '-r',
      nsd.address,
      '-s',
      'selector1',
      '--evidence',
    ]);
    expect(stdout).toContain(`;; SERVER: ${nsd.address} (udp)`);
    expect(stdout).toContain('status: NXDOMAIN, flags: qr aa');
  });

  it('exits 2 with one line for an invalid domain name', async () => {
    const { code, stdout } = await mxray(['check', 'not a domain', '-r', nsd.address]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
  });
});
