import type { IngestResult } from '../../reports/ingest.ts';
import type { ReportsSummary, SelectorSummary, SourceSummary } from '../../reports/summary.ts';
import type { Colors } from '../io.ts';

const n = (v: number): string => v.toLocaleString('en-US');
const pct = (part: number, of: number): string =>
  of === 0 ? '-' : `${Math.round((part / of) * 1000) / 10}%`;
const pad = (s: string, w: number): string => (s.length >= w ? s : s + ' '.repeat(w - s.length));
const padStart = (s: string, w: number): string =>
  s.length >= w ? s : ' '.repeat(w - s.length) + s;

/** One progress line for a terminal (written with a leading \r, no newline). */
export function renderIngestProgress(p: IngestResult, c: Colors, width = 24): string {
  const done = p.ingested + p.duplicates + p.refused.length;
  const filled = Math.min(width, done === 0 ? 0 : Math.round((p.ingested / done) * width));
  const bar = c.green('█'.repeat(filled)) + c.dim('░'.repeat(width - filled));
  return `\r${bar} ${n(p.items)} inputs · ${n(p.ingested)} ingested · ${n(p.duplicates)} duplicates · ${n(p.refused.length)} refused`;
}

/** The final count of `mxray reports ingest`, with every refusal and its reason. */
export function renderIngestResult(r: IngestResult, c: Colors): string {
  const lines = [
    `${c.bold(n(r.ingested))} reports ingested (${n(r.records)} records, ${n(r.messages)} messages), ` +
      `${n(r.duplicates)} duplicates skipped, ${r.refused.length > 0 ? c.yellow(`${n(r.refused.length)} refused`) : '0 refused'}` +
      ` from ${n(r.items)} inputs`,
  ];
  for (const f of r.refused) lines.push(`  ${c.yellow('refused')} ${f.source}: ${f.reason}`);
  return `${lines.join('\n')}\n`;
}

/** The `--json` object of an ingest: `{ ingested, duplicates, refused: [{ source, reason }] }` and totals. */
export function ingestJson(r: IngestResult): object {
  return {
    ingested: r.ingested,
    duplicates: r.duplicates,
    refused: r.refused,
    items: r.items,
    records: r.records,
    messages: r.messages,
  };
}

function selectorLine(s: SelectorSummary, c: Colors): string {
  const counts = Object.entries(s.results)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${n(v)}`)
    .join('  ');
  const failing = s.failingSince !== null;
  const mark = failing ? c.red('✗') : s.pass > 0 ? c.green('✓') : c.yellow('?');
  const name = `${s.selector || '(no selector)'}._domainkey.${s.domain}`;
  const state = failing
    ? c.red(
        c.bold(`FAILING since ${s.failingSince}`) +
          (s.lastPass ? ` (last pass ${s.lastPass})` : ''),
      )
    : c.dim(`${s.firstDay} → ${s.lastDay}`);
  return `  ${mark} ${pad(failing ? c.bold(name) : name, 44)} ${pad(counts, 40)} ${state}`;
}

function sourceLines(s: SourceSummary, c: Colors): string[] {
  const who = [s.ptr ?? c.dim('(no PTR)'), s.sender ? c.cyan(`[${s.sender}]`) : '']
    .filter(Boolean)
    .join(' ');
  const rates = `dmarc ${pct(s.dmarcPass, s.messages)}  dkim ${pct(s.dkimAlignedPass, s.messages)}  spf ${pct(s.spfAlignedPass, s.messages)}`;
  const lines = [
    `  ${pad(s.ip, 16)} ${padStart(n(s.messages), 8)}  ${pad(rates, 36)} ${who}${s.isNew ? c.yellow(' NEW') : ''}`,
  ];
  const failing: string[] = [];
  if (s.fails.dkimAligned > 0) {
    const dk = s.dkimDomains
      .map(
        (d) =>
          `${d.domain}: ${Object.entries(d.results)
            .map(([k, v]) => `${k} ${n(v)}`)
            .join(', ')}`,
      )
      .join('; ');
    failing.push(
      `DKIM not aligned/pass for ${n(s.fails.dkimAligned)}${dk ? ` (${dk})` : ' (unsigned)'}`,
    );
  }
  if (s.fails.spfAligned > 0) failing.push(`SPF not aligned/pass for ${n(s.fails.spfAligned)}`);
  if (failing.length > 0)
    lines.push(`  ${' '.repeat(16)} ${c.dim('fails:')} ${failing.join(' · ')}`);
  return lines;
}

/** The human summary: headline problems first, then days, selectors, sources, reporters, TLS. */
export function renderSummary(s: ReportsSummary, c: Colors): string {
  const t = s.totals;
  const scope = `${s.domain ?? 'all domains'}${s.since !== null ? ` since ${new Date(s.since * 1000).toISOString().slice(0, 10)}` : ''}`;
  const out: string[] = [c.bold(`DMARC aggregate reports: ${scope}`)];
  if (t.messages === 0)
    return `${out[0]}\nNo aggregate report data in this window. Ingest some with: mxray reports ingest <folder>\n`;
  out.push(
    `${n(t.reports)} reports · ${n(t.messages)} messages · DMARC pass ${c.bold(pct(t.dmarcPass, t.messages))} · ` +
      `DKIM aligned ${pct(t.dkimAlignedPass, t.messages)} · SPF aligned ${pct(t.spfAlignedPass, t.messages)}`,
  );
  const failing = s.selectors.filter((x) => x.failingSince !== null);
  for (const f of failing) {
    const bad = f.messages - f.pass - f.none;
    out.push(
      c.red(
        c.bold(
          `⚠ DKIM selector "${f.selector}" of ${f.domain} has failed since ${f.failingSince}: `,
        ),
      ) +
        c.red(
          `${n(bad)} of ${n(f.messages)} signatures failed (${Object.entries(f.results)
            .filter(([k]) => k !== 'pass')
            .map(([k, v]) => `${k} ${n(v)}`)
            .join(', ')})`,
        ),
    );
  }
  out.push(
    '',
    c.bold('Per day'),
    `  ${pad('date', 12)}${padStart('messages', 9)}  dmarc    dkim     spf`,
  );
  for (const d of s.days) {
    out.push(
      `  ${pad(d.date, 12)}${padStart(n(d.messages), 9)}  ${pad(pct(d.dmarcPass, d.messages), 8)} ${pad(pct(d.dkimAlignedPass, d.messages), 8)} ${pct(d.spfAlignedPass, d.messages)}`,
    );
  }
  out.push('', c.bold('DKIM selectors (d=, s=) as receivers saw them'));
  for (const sel of s.selectors) out.push(selectorLine(sel, c));
  out.push('', c.bold('Top sources'));
  for (const src of s.sources) out.push(...sourceLines(src, c));
  if (s.newSources.length > 0) {
    out.push('', c.bold('New sources'));
    for (const ns of s.newSources)
      out.push(
        `  ${pad(ns.ip, 16)} ${ns.ptr ?? '(no PTR)'}${ns.sender ? ` [${ns.sender}]` : ''} first seen ${new Date(ns.firstSeen * 1000).toISOString().slice(0, 10)}`,
      );
  }
  out.push('', c.bold('Reporters'));
  for (const r of s.reporters)
    out.push(
      `  ${pad(r.reporter, 32)} ${padStart(n(r.reports), 5)} reports ${padStart(n(r.messages), 10)} messages`,
    );
  if (s.tls.length > 0) {
    out.push('', c.bold('SMTP TLS reports'));
    for (const x of s.tls) {
      const line = `  ${pad(x.domain, 32)} ${pad(x.policyType, 16)} ${n(x.success)} ok, ${n(x.failure)} failed`;
      out.push(x.failure > 0 ? c.yellow(line) : line);
    }
  }
  return `${out.join('\n')}\n`;
}

const csvCell = (v: string | number | null): string => {
  const s = v === null ? '' : String(v);
  // A leading = + - @, tab or CR would run as a formula in a spreadsheet (CSV injection, OWASP):
  // quote it with '. A PTR name is anyone's text, so any of these may arrive.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  // RFC 4180 2.6: a field with a quote, comma or line break (CR too: spreadsheets end rows on it).
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** `--csv`: one row per top source, for spreadsheets. */
export function summaryCsv(s: ReportsSummary): string {
  const head = [
    'ip',
    'ptr',
    'base_domain',
    'sender',
    'messages',
    'dmarc_pass',
    'dkim_aligned_pass',
    'spf_aligned_pass',
    'first_seen',
    'new',
  ];
  const rows = s.sources.map((x) =>
    [
      x.ip,
      x.ptr,
      x.baseDomain,
      x.sender,
      x.messages,
      x.dmarcPass,
      x.dkimAlignedPass,
      x.spfAlignedPass,
      new Date(x.firstSeen * 1000).toISOString().slice(0, 10),
      x.isNew ? 'yes' : 'no',
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[head.join(','), ...rows].join('\n')}\n`;
}
