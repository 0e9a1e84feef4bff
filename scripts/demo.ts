/**
 * `npm run demo`: the story, end to end, on the embedded defaults. Starts the embedded DNS server
 * on a free loopback port with the demo world, runs `mxray check` on each domain, then ingests the
 * sample DMARC reports into a temporary SQLite database and prints the summary.
 */
import { runCheckWith } from '../src/cli/commands/check.ts';
import { processIo } from '../src/cli/io.ts';
import { startDnsServer } from '../src/dns/server/index.ts';
import { createContext } from '../src/runtime/create-context.ts';
import { DEMO_DOMAINS, demoZones } from '../demo/scenario.ts';
import { runDemoReports } from './demo-reports.ts';

const io = processIo();
const c = io.color;
const server = await startDnsServer({ zones: demoZones(), host: '127.0.0.1', port: 0 });
try {
  io.out(c.bold(`Embedded DNS server on ${server.address} serving the demo zones.\n`));
  const ctx = await createContext({ resolvers: [server.address] });
  for (const demo of DEMO_DOMAINS) {
    io.out(
      `\n${c.cyan('━'.repeat(100))}\n${c.cyan(`$ mxray check ${demo.domain} --resolver ${server.address}`)}\n${c.dim(demo.story)}\n\n`,
    );
    await runCheckWith(ctx, demo.domain, demo.selectors ? { selector: demo.selectors } : {}, io);
  }
  io.out(
    `\n${c.cyan('━'.repeat(100))}\n${c.cyan(`$ mxray check contoso-demo.example --selector selector1 --evidence`)}\n`,
  );
  io.out(
    c.dim(
      'The evidence a provider cannot argue with: what each server answered, when, with TTLs.\n\n',
    ),
  );
  await runCheckWith(ctx, 'contoso-demo.example', { selector: ['selector1'], evidence: true }, io);
  await runDemoReports(io);
} finally {
  await server.close();
}
