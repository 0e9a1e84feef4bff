import { readFile } from 'node:fs/promises';
import { diagnoseDkimSelector } from '../../audit/index.ts';
import {
  authenticateMessage,
  type DnsCause,
  type MessageAuthentication,
} from '../../authenticate/index.ts';
import type { Finding } from '../../findings/finding.ts';
import { parseMessage } from '../../mail/index.ts';
import type { Context } from '../../runtime/context.ts';
import { createContext } from '../../runtime/create-context.ts';
import { parseClientIp } from '../../spf/index.ts';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { renderVerify, verifyJson, type CauseDiagnosis } from '../render/verify.ts';

export interface VerifyCommandOptions {
  ip?: string;
  helo?: string;
  mailFrom?: string;
  resolver?: string[];
  json?: boolean;
  /** The authserv-id of the Authentication-Results we print (default `mxray`). */
  authservId?: string;
  timeout?: number;
}

/**
 * `mxray verify <message.eml>`: SPF, every DKIM signature and DMARC, the disposition, the
 * Authentication-Results we would add, and a DNS diagnosis of each failure. Exit 0 when DMARC
 * passes or has no policy, 1 when it fails or errs, 2 for bad input.
 */
export async function runVerify(
  file: string,
  options: VerifyCommandOptions,
  io: CliIo,
): Promise<number> {
  const problem = checkOptions(options);
  if (problem) return usage(io, problem);
  const ctx = await createContext({
    ...(options.resolver ? { resolvers: options.resolver } : {}),
    ...(options.timeout !== undefined ? { dnsTimeoutMs: options.timeout } : {}),
  });
  return runVerifyWith(ctx, file, options, io);
}

/** {@link runVerify} with a given context (tests and the demo pass their own resolver). */
export async function runVerifyWith(
  ctx: Context,
  file: string,
  options: VerifyCommandOptions,
  io: CliIo,
): Promise<number> {
  const problem = checkOptions(options);
  if (problem) return usage(io, problem);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return usage(
      io,
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  const message = parseMessage(bytes);
  if (message.headers.length === 0 && !message.limitExceeded) {
    return usage(io, `${file} is not a message: it has no header fields`);
  }
  const auth = await authenticateMessage(message, {
    resolver: ctx.resolver,
    clock: ctx.clock,
    connection: {
      ...(options.ip !== undefined ? { ip: options.ip } : {}),
      ...(options.helo !== undefined ? { helo: options.helo } : {}),
      ...(options.mailFrom !== undefined ? { mailFrom: options.mailFrom } : {}),
    },
    ...(options.authservId ? { authservId: options.authservId } : {}),
  });
  const diagnoses = await diagnose(ctx, auth);
  if (options.json) io.out(`${JSON.stringify(verifyJson(file, auth, diagnoses))}\n`);
  else io.out(renderVerify(file, message, auth, diagnoses, io.color));
  return auth.dmarc.result === 'pass' || auth.dmarc.result === 'none' ? EXIT_OK : EXIT_FINDINGS;
}

/** The `mxray check` diagnosis of each DKIM key cause (the selector's CNAME chain and record). */
async function diagnose(ctx: Context, auth: MessageAuthentication): Promise<CauseDiagnosis[]> {
  const consequence = dmarcSentence(auth);
  return Promise.all(
    auth.dnsCauses.map(async (cause: DnsCause) => {
      const findings: Finding[] =
        cause.method === 'dkim' || cause.method === 'arc'
          ? await diagnoseDkimSelector(cause.domain, cause.selector, {
              resolver: ctx.resolver,
              dmarcConsequence: consequence,
            })
          : [];
      return { cause, findings };
    }),
  );
}

function dmarcSentence(auth: MessageAuthentication): string {
  const d = auth.dmarc;
  if (d.result === 'pass') {
    return `This message still passes DMARC through ${d.evaluation?.alignedIdentifiers.map((a) => a.method.toUpperCase()).join(' and ') ?? 'another identifier'}; forwarding breaks SPF, and then it depends on DKIM alone.`;
  }
  return `This message gets DMARC ${d.result}; a receiver would apply ${d.disposition}.`;
}

function checkOptions(options: VerifyCommandOptions): string | null {
  if (options.ip !== undefined && !parseClientIp(options.ip)) {
    return `--ip "${options.ip}" is not an IPv4 or IPv6 address`;
  }
  return null;
}

function usage(io: CliIo, message: string): number {
  io.err(`mxray verify: ${message}\n`);
  return EXIT_USAGE;
}
