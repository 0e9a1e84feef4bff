import { assertNever } from '../../base/assert-never.ts';
import { normalizeDomain } from '../../dns/name.ts';
import type { Context } from '../../runtime/context.ts';
import { createContext } from '../../runtime/create-context.ts';
import { checkHost, parseClientIp, verifySpf, type SpfResult } from '../../spf/index.ts';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { renderSpfEvaluation } from '../render/spf.ts';

export interface SpfCommandOptions {
  ip?: string;
  mailFrom?: string;
  helo?: string;
  identity?: string;
  resolver?: string[];
  json?: boolean;
}

/**
 * `mxray spf --ip ADDR --mail-from ADDR --helo NAME [--identity mailfrom|helo]` or
 * `mxray spf <domain> --ip ADDR`: exit 0 for pass/none/neutral, 1 for fail/softfail/permerror/
 * temperror, 2 for bad input.
 */
export async function runSpf(
  args: string[],
  options: SpfCommandOptions,
  io: CliIo,
): Promise<number> {
  const problem = checkOptions(args, options);
  if (problem) return usage(io, problem);
  const ctx = await createContext(options.resolver ? { resolvers: options.resolver } : {});
  return runSpfWith(ctx, args, options, io);
}

/** {@link runSpf} with a given context (tests and the demo pass their own resolver). */
export async function runSpfWith(
  ctx: Context,
  args: string[],
  options: SpfCommandOptions,
  io: CliIo,
): Promise<number> {
  const problem = checkOptions(args, options);
  if (problem) return usage(io, problem);
  const ip = options.ip as string;
  const spfOptions = { resolver: ctx.resolver, clock: ctx.clock };
  const domainArg = args[0];
  let evaluation;
  if (domainArg !== undefined) {
    const domain = (normalizeDomain(domainArg) as { name: string }).name;
    const helo = options.helo ?? domain;
    evaluation = await checkHost(
      { ip, domain, sender: options.mailFrom || `postmaster@${domain}`, helo },
      spfOptions,
    );
  } else {
    evaluation = await verifySpf(
      {
        ip,
        mailFrom: options.mailFrom ?? '',
        helo: options.helo ?? '',
        ...(options.identity === 'helo' ? { identity: 'helo' as const } : {}),
      },
      spfOptions,
    );
  }
  if (options.json) io.out(`${JSON.stringify(evaluation)}\n`);
  else io.out(renderSpfEvaluation(evaluation, io.color));
  return exitCode(evaluation.result);
}

function checkOptions(args: string[], options: SpfCommandOptions): string | null {
  if (args.length > 1) return `expected at most one domain, got ${args.length} arguments`;
  if (!options.ip) return '--ip is required (the SMTP client address)';
  if (!parseClientIp(options.ip)) return `--ip "${options.ip}" is not an IPv4 or IPv6 address`;
  if (
    options.identity !== undefined &&
    options.identity !== 'mailfrom' &&
    options.identity !== 'helo'
  ) {
    return `--identity must be "mailfrom" or "helo", not "${options.identity}"`;
  }
  const domain = args[0];
  if (domain !== undefined) {
    const check = normalizeDomain(domain);
    return check.ok ? null : check.reason;
  }
  if (options.identity === 'helo' && !options.helo) return '--identity helo needs --helo';
  if (!options.mailFrom && !options.helo) return 'give a domain, or --mail-from and/or --helo';
  return null;
}

function usage(io: CliIo, message: string): number {
  io.err(`mxray spf: ${message}\n`);
  return EXIT_USAGE;
}

/** The exit status of a result: 0 when mail is not refused on SPF grounds, 1 otherwise. */
function exitCode(result: SpfResult): number {
  switch (result) {
    case 'pass':
    case 'none':
    case 'neutral':
      return EXIT_OK;
    case 'fail':
    case 'softfail':
    case 'permerror':
    case 'temperror':
      return EXIT_FINDINGS;
    default:
      return assertNever(result, 'SPF result');
  }
}
