import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/base/clock.ts';
import { UsageError } from '../../src/base/usage-error.ts';
import {
  DEMO_REPORTS_DIR,
  parseSince,
  runDemoReports,
  runReportsIngest,
  runReportsSummaryWith,
} from '../../src/cli/commands/reports.ts';
import { bufferIo } from '../../src/cli/io.ts';
import { createMemoryResolver } from '../../src/dns/memory-resolver.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'mxray-cli-reports-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const resolver = createMemoryResolver([]);
const clock = fixedClock(Date.UTC(2026, 10, 8));

describe('mxray reports ingest / summary', () => {
  const db = `sqlite:${path.join(tmp, 'cli.sqlite')}`;

  it('ingests the demo folder, prints the JSON count, and a second run only finds duplicates', async () => {
    const io = bufferIo();
    expect(await runReportsIngest([DEMO_REPORTS_DIR], { db, json: true }, io)).toBe(0);
    expect(JSON.parse(io.stdout())).toMatchObject({ ingested: 15, duplicates: 0, refused: [] });
    const again = bufferIo();
    await runReportsIngest([DEMO_REPORTS_DIR], { db }, again);
    expect(again.stdout()).toMatch(
      /^0 reports ingested \(0 records, 0 messages\), 15 duplicates skipped, 0 refused from 15 inputs/,
    );
  });

  it('draws a progress bar on a terminal only (stderr, carriage returns) and ends with the count', async () => {
    const io = { ...bufferIo(), isTTY: true };
    await runReportsIngest(
      [DEMO_REPORTS_DIR],
      { db: `sqlite:${path.join(tmp, 'tty.sqlite')}` },
      io,
    );
    const frames = io.stderr().split('\r').filter(Boolean);
    expect(frames.length).toBe(15);
    expect(frames.at(-1)).toMatch(/15 inputs · 15 ingested · 0 duplicates · 0 refused\n$/);
    expect(io.stdout()).toMatch(/^15 reports ingested/);
  });

  it('prints a summary JSON with totals, sources and selectors (counts per DKIM result)', async () => {
    const io = bufferIo();
    await runReportsSummaryWith(
      { resolver, clock },
      { db, domain: 'contoso-demo.example', json: true },
      io,
    );
    const summary = JSON.parse(io.stdout());
    expect(Object.keys(summary.totals)).toEqual(
      expect.arrayContaining(['messages', 'dmarcPass', 'dkimAlignedPass', 'spfAlignedPass']),
    );
    expect(summary.totals.messages).toBe(7578);
    const selector1 = summary.selectors.find(
      (s: { selector: string }) => s.selector === 'selector1',
    );
    expect(selector1).toMatchObject({
      domain: 'contoso-demo.example',
      results: { pass: 1797, fail: 4095, temperror: 555 },
      failingSince: '2026-11-03',
    });
    expect(summary.sources[0]).toMatchObject({ ip: '40.107.22.54', messages: 2968 });
  });

  it('makes the failing selector stand out in the human summary, and exports CSV', async () => {
    const io = bufferIo();
    await runReportsSummaryWith(
      { resolver, clock },
      { db, domain: 'contoso-demo.example', dns: false },
      io,
    );
    expect(io.stdout()).toContain(
      '⚠ DKIM selector "selector1" of contoso-demo.example has failed since 2026-11-03',
    );
    const csv = bufferIo();
    await runReportsSummaryWith({ resolver, clock }, { db, csv: true, since: '2026-11-05' }, csv);
    const lines = csv.stdout().trim().split('\n');
    expect(lines[0]).toBe(
      'ip,ptr,base_domain,sender,messages,dmarc_pass,dkim_aligned_pass,spf_aligned_pass,first_seen,new',
    );
    expect(lines.length).toBeGreaterThan(3);
  });

  it('parses --since as a duration from the injected clock or as a date, and refuses the rest', () => {
    expect(parseSince('30d', clock)).toBe(Date.UTC(2026, 10, 8) / 1000 - 30 * 86_400);
    expect(parseSince('2026-11-01', clock)).toBe(Date.UTC(2026, 10, 1) / 1000);
    expect(() => parseSince('last tuesday', clock)).toThrow(UsageError);
    expect(() => parseSince('2026-02-31', clock)).toThrow(UsageError);
    expect(() => parseSince('2026-13-01', clock)).toThrow(UsageError);
  });

  it('refuses bad usage with a UsageError', async () => {
    await expect(runReportsIngest([], {}, bufferIo())).rejects.toThrow(UsageError);
    await expect(runReportsIngest(['.'], { db: 'mysql://nope' }, bufferIo())).rejects.toThrow(
      /unknown database URL/,
    );
    await expect(runReportsIngest(['no/such/reports'], {}, bufferIo())).rejects.toThrow(
      /no such file or folder: no\/such\/reports/,
    );
    await expect(runReportsIngest([], { imap: 'http://host/' }, bufferIo())).rejects.toThrow(
      /imap:\/\/ or imaps:\/\//,
    );
  });

  it('runs the demo: ingest twice into a temporary SQLite and summaries', async () => {
    const io = bufferIo();
    expect(await runDemoReports(io)).toBe(0);
    expect(io.stdout()).toContain('15 duplicates skipped');
    expect(io.stdout()).toContain('FAILING since 2026-11-03');
    expect(io.stdout()).toContain('[Microsoft 365]');
  });
});
