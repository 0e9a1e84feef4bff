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
      "audit a domain's MX, SPF, DMARC and DKIM (with provider rules) and print findings",
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
    .action(async (domain: string, opts) => {
      const { runCheck } = await import('./commands/check.ts');
      setExit(await runCheck(domain, opts, io));
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
