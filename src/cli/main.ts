import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from '../base/usage-error.ts';
import { EXIT_INTERNAL, EXIT_USAGE } from './exit-codes.ts';
import { processIo, type CliIo } from './io.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

const collect = (value: string, previous: string[] = []) => [...previous, value];
const int = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`"${value}" is not a whole number`);
  return n;
};

/**
 * Builds the `mxray` program. Each action imports its command lazily, so `mxray --version` loads
 * no DNS, crypto or database code. Actions set the exit code; they never call process.exit.
 */
export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('mxray')
    .description(
      'Email authentication toolkit: audit SPF, DKIM, DMARC and MX with evidence; verify messages; ingest reports.',
    )
    .version(pkg.version, '-V, --version')
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();

  program
    .command('check')
    .description(
      "audit a domain's MX, SPF, DMARC, DKIM (with provider rules), MTA-STS, TLS-RPT and BIMI",
    )
    .argument('<domain>', 'the domain to audit (IDN allowed)')
    .option(
      '-s, --selector <selector>',
      'a DKIM selector the domain signs with (repeatable)',
      collect,
    )
    .option(
      '-r, --resolver <addr>',
      'DNS server: host, host:port or [v6]:port (repeatable; default /etc/resolv.conf)',
      collect,
    )
    .option(
      '--authoritative',
      "ask each zone's authoritative nameservers directly and compare them",
    )
    .addOption(
      new Option('--authoritative-port <port>', 'port of the authoritative nameservers')
        .argParser(int)
        .hideHelp(),
    )
    .option('--timeout <ms>', 'DNS timeout per try in milliseconds', int)
    .option('--json', 'print one JSON object')
    .option('--evidence', 'print a dig-style transcript of every query behind each finding')
    .option(
      '--db <url>',
      'also probe the DKIM selectors seen in the DMARC reports of this store (sqlite:PATH, postgres://…)',
    )
    .action(async (domain: string, opts) => {
      const { runCheck } = await import('./commands/check.ts');
      setExit(await runCheck(domain, opts, io));
    });

  program
    .command('spf')
    .description(
      'evaluate SPF (RFC 7208) for a client IP: MAIL FROM (HELO for the null sender), HELO, or a bare domain',
    )
    .argument('[domain]', "evaluate this domain's policy directly")
    .option('--ip <address>', 'SMTP client IP (IPv4, IPv6 or IPv4-mapped IPv6); required')
    .option('--mail-from <address>', 'MAIL FROM address; empty for the null sender')
    .option('--helo <name>', 'HELO/EHLO name')
    .option('--identity <identity>', 'mailfrom (default) or helo')
    .option(
      '-r, --resolver <addr>',
      'DNS server: host, host:port or [v6]:port (repeatable)',
      collect,
    )
    .option('--json', 'print one JSON object')
    .action(async (domain: string | undefined, opts) => {
      const { runSpf } = await import('./commands/spf.ts');
      setExit(await runSpf(domain ? [domain] : [], opts, io));
    });

  program
    .command('verify')
    .description(
      'verify a message like a receiver: SPF, every DKIM signature, ARC and DMARC, the disposition and the Authentication-Results we would add',
    )
    .argument('<message>', 'the message file (.eml)')
    .option('--ip <addr>', 'SMTP client IP (default: from the receiving Received header)')
    .option('--helo <name>', 'HELO/EHLO name (default: from the receiving Received header)')
    .option(
      '--mail-from <addr>',
      'MAIL FROM address, "" for the null sender (default: envelope-from or Return-Path)',
    )
    .option(
      '-r, --resolver <addr>',
      'DNS server: host, host:port or [v6]:port (repeatable)',
      collect,
    )
    .option('--authserv-id <id>', 'authserv-id of the Authentication-Results we print', 'mxray')
    .option('--timeout <ms>', 'DNS timeout per try in milliseconds', int)
    .option('--json', 'print one JSON object')
    .action(async (file: string, opts) => {
      const { runVerify } = await import('./commands/verify.ts');
      setExit(await runVerify(file, opts, io));
    });

  program
    .command('explain')
    .description(
      'explain pasted Authentication-Results / ARC-Authentication-Results (or a whole message), with a live DNS diagnosis of named DKIM selectors',
    )
    .argument('[file]', 'a file with the headers or message (default: stdin; "-" for stdin)')
    .option(
      '-r, --resolver <addr>',
      'DNS server: host, host:port or [v6]:port (repeatable)',
      collect,
    )
    .option('--no-live', 'no DNS lookups: print the mxray check command instead')
    .option('--timeout <ms>', 'DNS timeout per try in milliseconds', int)
    .option('--json', 'print one JSON object')
    .action(async (file: string | undefined, opts) => {
      const { runExplain } = await import('./commands/explain.ts');
      setExit(await runExplain(file, opts, io));
    });

  const dkim = program.command('dkim').description('verify and sign messages, generate DKIM keys');
  dkim
    .command('verify')
    .description(
      'verify every DKIM signature of messages, explaining each failure and its DNS cause',
    )
    .argument('<paths...>', 'message files, or directories (every file in them)')
    .option(
      '-r, --resolver <addr>',
      'DNS server: host, host:port or [v6]:port (repeatable)',
      collect,
    )
    .option('--json', 'one JSON line per message')
    .option('--evidence', 'print the DNS transcript of each diagnosis')
    .action(async (paths: string[], opts) => {
      const { runDkimVerify } = await import('./commands/dkim.ts');
      setExit(await runDkimVerify(paths, opts, io));
    });
  dkim
    .command('sign')
    .description('sign a message (RSA or Ed25519 key)')
    .argument('<file>', 'the message to sign')
    .requiredOption('--domain <d>', 'signing domain (d=)')
    .requiredOption('--selector <s>', 'selector (s=)')
    .requiredOption('--key <file>', 'PEM private key')
    .option('--canonicalization <c>', 'header/body canonicalization', 'relaxed/relaxed')
    .option('--headers <list>', 'colon-separated header names to sign')
    .option('--expires-in <seconds>', 'x= this many seconds after t=', int)
    .option('--output <file>', 'write the signed message here instead of stdout')
    .option('--json', 'print the signatures as JSON (the message goes only to --output)')
    .action(async (file: string, opts) => {
      const { runDkimSign } = await import('./commands/dkim.ts');
      setExit(await runDkimSign(file, opts, io));
    });
  dkim
    .command('keygen')
    .description('generate a DKIM key pair: the private key (PEM, mode 0600) and the DNS record')
    .requiredOption('--domain <d>', 'domain')
    .requiredOption('--selector <s>', 'selector')
    .option('--type <t>', 'rsa or ed25519', 'rsa')
    .option('--bits <n>', 'RSA size: 2048, 3072 or 4096', int, 2048)
    .option('--out <file>', 'private key file (default <selector>.<domain>.pem)')
    .option('--json', 'print one JSON object')
    .action(async (opts) => {
      const { runDkimKeygen } = await import('./commands/dkim.ts');
      setExit(await runDkimKeygen(opts, io));
    });

  const reports = program
    .command('reports')
    .description('DMARC aggregate/failure and SMTP TLS reports: ingest and summarise');
  reports
    .command('ingest')
    .description(
      'read reports from files, folders (recursive), mbox, Maildir or an IMAP folder into the store',
    )
    .argument(
      '[paths...]',
      'files or folders (.xml, .gz, .zip, .json, .json.gz, .eml, mbox, Maildir)',
    )
    .option(
      '--imap <url>',
      'imap[s]://user[:password]@host[:port]/FOLDER?archive=A&invalid=I (password also from MXRAY_IMAP_PASSWORD)',
    )
    .option(
      '--db <url>',
      'sqlite:PATH or postgres://... (default $MXRAY_DB or $XDG_DATA_HOME/mxray/mxray.sqlite)',
    )
    .option(
      '--json',
      'print one JSON object: { ingested, duplicates, refused: [{ source, reason }] }',
    )
    .action(async (paths: string[], opts) => {
      const { runReportsIngest } = await import('./commands/reports.ts');
      setExit(await runReportsIngest(paths, opts, io));
    });
  reports
    .command('summary')
    .description(
      'pass rates per day, top sources with provider, DKIM results per selector, new sources, reporters',
    )
    .option('--db <url>', 'sqlite:PATH or postgres://...')
    .option('-d, --domain <domain>', 'only this policy domain')
    .option('--since <when>', 'a duration back from now (30d, 12h, 2w) or a date (YYYY-MM-DD)')
    .option('--top <n>', 'top sources to list (default 20)', int)
    .option('-r, --resolver <addr>', 'DNS server for reverse DNS (repeatable)', collect)
    .option('--no-dns', 'skip reverse DNS of sources')
    .option('--json', 'print one JSON object')
    .option('--csv', 'print the top sources as CSV')
    .action(async (opts) => {
      const { runReportsSummary } = await import('./commands/reports.ts');
      setExit(await runReportsSummary(opts, io));
    });

  return program;
}

/** Runs the CLI with `argv` and returns the exit status (see exit-codes.ts). */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      io.err(`mxray: ${error.message}\n`);
      return EXIT_USAGE;
    }
    io.err(`mxray: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.MXRAY_DEBUG && error instanceof Error) io.err(`${error.stack}\n`);
    return EXIT_INTERNAL;
  }
}
