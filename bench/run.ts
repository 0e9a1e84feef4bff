/**
 * `npm run bench -- <name> [args]`: runs one benchmark against its anchor in the same process and
 * run (mxray vs mailauth for dkim and spf; parse and ingest throughput for reports). With no name,
 * lists them. Speed is only ever measured here, never asserted in unit tests.
 */
const BENCHES: Record<string, { what: string; run: (args: string[]) => Promise<void> }> = {
  dkim: {
    what: 'DKIM verification: mxray vs mailauth 4.13 vs the node:crypto limit (--small, --messages N, --no-cache)',
    run: async (args) => (await import('./dkim.ts')).benchDkim(args),
  },
  reports: {
    what: 'DMARC reports: parse and ingest throughput (SQLite, PostgreSQL), peak RSS on a 100 MB report (--small, --repeat N)',
    run: async (args) => (await import('./reports.ts')).benchReports(args),
  },
  spf: {
    what: 'SPF check_host: mxray vs mailauth 4.13 on the same policies',
    run: async (args) => (await import('./spf.ts')).benchSpf(args),
  },
};

const [name, ...args] = process.argv.slice(2);
const bench = name ? BENCHES[name] : undefined;
if (!bench) {
  console.log('usage: npm run bench -- <name> [options]\n');
  for (const [key, b] of Object.entries(BENCHES)) console.log(`  ${key.padEnd(8)} ${b.what}`);
  process.exitCode = name ? 2 : 0;
} else {
  await bench.run(args);
}
