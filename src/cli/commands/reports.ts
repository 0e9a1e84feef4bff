import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { systemClock, type Clock } from '../../base/clock.ts';
import { UsageError } from '../../base/usage-error.ts';
import { createMemoryResolver } from '../../dns/memory-resolver.ts';
import type { Resolver } from '../../dns/types.ts';
import { parseZoneFile } from '../../dns/zone/zone.ts';
import { ingestReports } from '../../reports/ingest.ts';
import { createReverseNamer } from '../../reports/rdns.ts';
import { fileSource } from '../../reports/sources/files.ts';
import { imapSource, parseImapUrl } from '../../reports/sources/imap.ts';
import { summarizeReports } from '../../reports/summary.ts';
import { createContext } from '../../runtime/create-context.ts';
import { defaultStoreUrl, openStore } from '../../store/open-store.ts';
import { EXIT_OK, EXIT_USAGE } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import {
  ingestJson,
  renderIngestProgress,
  renderIngestResult,
  renderSummary,
  summaryCsv,
} from '../render/reports.ts';

export interface ReportsIngestOptions {
  /** `imap[s]://user@host[:port]/FOLDER?archive=A&invalid=I` instead of paths. */
  imap?: string;
  /** `sqlite:PATH` or `postgres://...`; default {@link defaultStoreUrl}. */
  db?: string;
  json?: boolean;
}

export interface ReportsSummaryOptions {
  db?: string;
  domain?: string;
  /** `30d`, `12h`, `2w` back from now, or a date `YYYY-MM-DD`. */
  since?: string;
  json?: boolean;
  csv?: boolean;
  /** Top sources to list (default 20). */
  top?: number;
  /** DNS servers for reverse DNS (default /etc/resolv.conf). */
  resolver?: string[];
  /** Skip reverse DNS of sources. */
  dns?: boolean;
}

/** Parses `--since`: a duration back from `clock.now()` or a UTC date; epoch seconds. */
export function parseSince(text: string, clock: Clock): number {
  const duration = /^(\d{1,5})([hdw])$/.exec(text.trim());
  if (duration) {
    const unit = { h: 3600, d: 86_400, w: 604_800 }[duration[2] as 'h' | 'd' | 'w'];
    return Math.floor(clock.now() / 1000) - Number(duration[1]) * unit;
  }
  if (/^\d{4}-\d\d-\d\d$/.test(text.trim())) {
    const ms = Date.parse(`${text.trim()}T00:00:00Z`);
    // Date.parse rolls 2026-02-31 over to March 3rd: only a date that reads back the same is one.
    if (!Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text.trim()) {
      return ms / 1000;
    }
  }
  throw new UsageError(
    `--since "${text}" is neither a duration (30d, 12h, 2w) nor a date (YYYY-MM-DD)`,
  );
}

/**
 * `mxray reports ingest <path>... | --imap URL`: unpack, parse and store every report; print a
 * progress bar on a terminal and the final count. Exit 0 when the batch ran (refusals are listed,
 * not fatal), 2 for bad usage.
 */
export async function runReportsIngest(
  paths: string[],
  options: ReportsIngestOptions,
  io: CliIo,
  clock?: Clock,
): Promise<number> {
  if (paths.length === 0 && !options.imap)
    throw new UsageError('give at least one path or --imap URL');
  if (paths.length > 0 && options.imap) throw new UsageError('give paths or --imap, not both');
  // A path typed on the command line that is not there is a typo: say so before ingesting anything.
  // (Unreadable files found inside a folder are refusals, listed, and the batch goes on.)
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length > 0) throw new UsageError(`no such file or folder: ${missing.join(', ')}`);
  const source = options.imap ? imapSource(parseImapUrl(options.imap)) : fileSource(paths);
  const store = await openStore(options.db ?? defaultStoreUrl());
  const showProgress = io.isTTY && !options.json;
  try {
    const result = await ingestReports(store, source, {
      clock: clock ?? systemClock,
      ...(showProgress ? { onProgress: (p) => io.err(renderIngestProgress(p, io.color)) } : {}),
    });
    if (showProgress) io.err('\n');
    io.out(
      options.json
        ? `${JSON.stringify(ingestJson(result))}\n`
        : renderIngestResult(result, io.color),
    );
    return EXIT_OK;
  } finally {
    await store.close();
  }
}

/** `mxray reports summary`: see {@link runReportsSummaryWith}; builds the context from options. */
export async function runReportsSummary(
  options: ReportsSummaryOptions,
  io: CliIo,
): Promise<number> {
  const ctx = await createContext(options.resolver ? { resolvers: options.resolver } : {});
  return runReportsSummaryWith({ resolver: ctx.resolver, clock: ctx.clock }, options, io);
}

/**
 * The summary with a given resolver and clock: volume, pass rates, per day, top sources with
 * reverse DNS and provider, DKIM results per selector, new sources, reporters; `--json` prints one
 * object, `--csv` the sources as CSV.
 */
export async function runReportsSummaryWith(
  ctx: { resolver: Resolver; clock: Clock },
  options: ReportsSummaryOptions,
  io: CliIo,
): Promise<number> {
  if (options.json && options.csv) throw new UsageError('--json and --csv exclude each other');
  const since = options.since ? parseSince(options.since, ctx.clock) : undefined;
  const store = await openStore(options.db ?? defaultStoreUrl());
  try {
    const summary = await summarizeReports(store.db, {
      ...(options.domain ? { domain: options.domain.toLowerCase().replace(/\.$/, '') } : {}),
      ...(since !== undefined ? { since } : {}),
      ...(options.top !== undefined ? { top: options.top } : {}),
      ...(options.dns === false
        ? {}
        : { reverse: createReverseNamer(ctx.resolver, { concurrency: 8, timeoutMs: 2000 }) }),
    });
    if (options.json) io.out(`${JSON.stringify(summary)}\n`);
    else if (options.csv) io.out(summaryCsv(summary));
    else io.out(renderSummary(summary, io.color));
    return EXIT_OK;
  } finally {
    await store.close();
  }
}

/** The folder of the demo's sample reports (its PTR zone is one level up). */
export const DEMO_REPORTS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../demo/reports/inbox',
);

/**
 * The reports half of `npm run demo`: ingests `dir` (default demo/reports/inbox) into a temporary
 * SQLite, twice (the second run shows nothing is double counted), and prints the summaries. Reverse
 * DNS comes from `resolver`, else from the demo's own sender zone (`senders.zone` next to `dir`:
 * PTR and A records, so names are forward-confirmed).
 */
export async function runDemoReports(
  io: CliIo,
  dir = DEMO_REPORTS_DIR,
  resolver?: Resolver,
): Promise<number> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'mxray-demo-'));
  const db = `sqlite:${path.join(tmp, 'mxray.sqlite')}`;
  const c = io.color;
  try {
    const inputs = [dir];
    io.out(
      `\n${c.cyan('━'.repeat(100))}\n${c.cyan(`$ mxray reports ingest ${path.relative(process.cwd(), dir) || dir} --db ${db}`)}\n`,
    );
    await runReportsIngest(inputs, { db }, io);
    io.out(
      `\n${c.cyan(`$ mxray reports ingest ${path.relative(process.cwd(), dir) || dir} --db ${db}   # again: idempotent`)}\n`,
    );
    await runReportsIngest(inputs, { db }, io);
    const ptr =
      resolver ??
      createMemoryResolver([
        parseZoneFile(readFileSync(path.join(dir, '..', 'senders.zone'), 'utf8'), {
          origin: '',
        }),
      ]);
    io.out(`\n${c.cyan(`$ mxray reports summary --domain contoso-demo.example --db ${db}`)}\n`);
    await runReportsSummaryWith(
      { resolver: ptr, clock: systemClock },
      { db, domain: 'contoso-demo.example' },
      io,
    );
    io.out(`\n${c.cyan(`$ mxray reports summary --domain fabrikam-demo.example --db ${db}`)}\n`);
    await runReportsSummaryWith(
      { resolver: ptr, clock: systemClock },
      { db, domain: 'fabrikam-demo.example' },
      io,
    );
    return EXIT_OK;
  } catch (err) {
    io.err(`demo reports: ${(err as Error).message}\n`);
    return EXIT_USAGE;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
