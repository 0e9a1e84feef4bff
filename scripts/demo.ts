/**
 * `npm run demo`: the story, end to end, on the embedded defaults. Starts the embedded DNS server
 * on a free loopback port with the demo world, runs `mxray check` on each domain, then ingests the
 * sample DMARC reports into a temporary SQLite database and prints the summary.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCheckWith } from '../src/cli/commands/check.ts';
import { runDemoReports } from '../src/cli/commands/reports.ts';
import { runExplainWith } from '../src/cli/commands/explain.ts';
import { runVerifyWith } from '../src/cli/commands/verify.ts';
import { storyMessage } from '../demo/story-message.ts';
import { processIo } from '../src/cli/io.ts';
import { startDnsServer } from '../src/dns/server/index.ts';
import { createContext } from '../src/runtime/create-context.ts';
import { DEMO_DOMAINS, demoZones } from '../demo/scenario.ts';

/** The Authentication-Results Gmail added to the story's mail. */
const GMAIL_HEADER = `Authentication-Results: mx.google.com;
       dkim=temperror (no key for signature) header.i=@contoso-demo.example header.s=selector1 header.b=Kq3v9GzX;
       spf=pass (google.com: domain of bounce@contoso-demo.example designates 40.107.22.51 as permitted sender) smtp.mailfrom=bounce@contoso-demo.example;
       dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=contoso-demo.example
`;

const io = processIo();
const c = io.color;
const server = await startDnsServer({
  zones: demoZones(),
  host: '127.0.0.1',
  port: 0,
});
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
  const tmp = mkdtempSync(path.join(tmpdir(), 'mxray-demo-'));
  const eml = path.join(tmp, 'q4-invoice.eml');
  writeFileSync(eml, storyMessage(ctx.clock));
  io.out(`\n${c.cyan('━'.repeat(100))}\n${c.cyan('$ mxray verify q4-invoice.eml')}\n`);
  io.out(
    c.dim(
      'A message Microsoft 365 signed for contoso-demo.example with s=selector1, verified like a receiver would.\n\n',
    ),
  );
  await runVerifyWith(ctx, eml, {}, io);
  rmSync(tmp, { recursive: true, force: true });
  io.out(`\n${c.cyan('━'.repeat(100))}\n${c.cyan('$ mxray explain < gmail-header.txt')}\n`);
  io.out(
    c.dim(
      'What Gmail wrote in the story, explained, with a live look at the selector it names.\n\n',
    ),
  );
  await runExplainWith(ctx, '-', {}, io, async () => GMAIL_HEADER);
  // The reports' sources have their own DNS data (demo/reports/senders.zone), served from memory.
  process.exitCode = await runDemoReports(io);
} finally {
  await server.close();
}
