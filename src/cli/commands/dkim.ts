import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnoseDkimSelector } from '../../audit/dkim/diagnose-selector.ts';
import { systemClock } from '../../base/clock.ts';
import { UsageError } from '../../base/usage-error.ts';
import {
  generateDkimKey,
  signMessage,
  verifyDkim,
  type DkimSignOptions,
} from '../../dkim/index.ts';
import type { Finding } from '../../findings/finding.ts';
import type { Context } from '../../runtime/context.ts';
import { createContext } from '../../runtime/create-context.ts';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { DNS_CAUSED_REASONS, renderDkimJsonLine, renderDkimVerification } from '../render/dkim.ts';

export interface DkimVerifyCommandOptions {
  resolver?: string[];
  json?: boolean;
  /** Show the DNS transcript of each diagnosis. */
  evidence?: boolean;
}

/**
 * `mxray dkim verify <file|dir>... [--resolver ADDR] [--json]`: exit 0 when every message has a
 * passing signature and none failed, 1 otherwise, 2 for unreadable paths.
 */
export async function runDkimVerify(
  paths: string[],
  options: DkimVerifyCommandOptions,
  io: CliIo,
): Promise<number> {
  const ctx = await createContext(options.resolver ? { resolvers: options.resolver } : {});
  return runDkimVerifyWith(ctx, paths, options, io);
}

/** {@link runDkimVerify} with a given context (tests pass a resolver on the embedded server). */
export async function runDkimVerifyWith(
  ctx: Context,
  paths: string[],
  options: DkimVerifyCommandOptions,
  io: CliIo,
): Promise<number> {
  let files: string[];
  try {
    files = await expandPaths(paths);
  } catch (err) {
    io.err(`mxray dkim verify: ${(err as Error).message}\n`);
    return EXIT_USAGE;
  }
  let allPass = true;
  for (const file of files) {
    const verification = await verifyDkim(await readFile(file), {
      resolver: ctx.resolver,
      clock: ctx.clock,
    });
    const sigs = verification.signatures;
    if (sigs.length === 0 || sigs.some((s) => s.result !== 'pass' && s.reason !== 'not-checked'))
      allPass = false;
    if (options.json) {
      io.out(`${renderDkimJsonLine(file, verification)}\n`);
      continue;
    }
    const diagnoses = new Map<number, Finding[]>();
    for (const sig of sigs) {
      if (
        sig.result !== 'pass' &&
        DNS_CAUSED_REASONS.has(sig.reason) &&
        sig.domain &&
        sig.selector
      ) {
        diagnoses.set(
          sig.index,
          await diagnoseDkimSelector(sig.domain, sig.selector, { resolver: ctx.resolver }),
        );
      }
    }
    io.out(
      `${renderDkimVerification(file, verification, diagnoses, io.color, options.evidence)}\n`,
    );
  }
  return allPass ? EXIT_OK : EXIT_FINDINGS;
}

/** Files as given; a directory stands for every regular file in it (not recursive, no dotfiles). */
async function expandPaths(paths: string[]): Promise<string[]> {
  if (paths.length === 0) throw new UsageError('give at least one message file or directory');
  const out: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => null);
    if (!info) throw new UsageError(`${p}: no such file or directory`);
    if (!info.isDirectory()) {
      out.push(p);
      continue;
    }
    const entries = (await readdir(p, { withFileTypes: true }))
      .filter((e) => e.isFile() && !e.name.startsWith('.'))
      .map((e) => path.join(p, e.name))
      .sort();
    out.push(...entries);
  }
  return out;
}

export interface DkimSignCommandOptions {
  domain: string;
  selector: string;
  /** Path of the PEM private key. */
  key: string;
  canonicalization?: string;
  headers?: string;
  expiresIn?: number;
  output?: string;
  /** Print `{ file, domain, selector, signatures, output }`; the message goes only to --output. */
  json?: boolean;
}

/** `mxray dkim sign <file> --domain D --selector S --key FILE`: the signed message to stdout or --output. */
export async function runDkimSign(
  file: string,
  options: DkimSignCommandOptions,
  io: CliIo,
): Promise<number> {
  try {
    const [message, key] = await Promise.all([readFile(file), readFile(options.key)]);
    const canon = options.canonicalization ?? 'relaxed/relaxed';
    if (!/^(simple|relaxed)\/(simple|relaxed)$/.test(canon)) {
      throw new UsageError(
        `--canonicalization must be simple|relaxed/simple|relaxed, not ${canon}`,
      );
    }
    const signOptions: DkimSignOptions = {
      domain: options.domain,
      selector: options.selector,
      privateKey: key,
      canonicalization: canon as DkimSignOptions['canonicalization'] & string,
      ...(options.headers ? { headers: options.headers.split(':') } : {}),
      ...(options.expiresIn !== undefined ? { expiresIn: options.expiresIn } : {}),
    };
    const signed = signMessage(message, signOptions, { clock: systemClock });
    if (options.output) await writeFile(options.output, signed.message);
    if (options.json) {
      const result = {
        file,
        domain: options.domain,
        selector: options.selector,
        signatures: signed.signatures.map((s) => s.trimEnd()),
        output: options.output ?? null,
      };
      io.out(`${JSON.stringify(result)}\n`);
    } else if (!options.output) io.outBytes(signed.message);
    return EXIT_OK;
  } catch (err) {
    io.err(`mxray dkim sign: ${(err as Error).message}\n`);
    return EXIT_USAGE;
  }
}

export interface DkimKeygenCommandOptions {
  domain: string;
  selector: string;
  /** `rsa` (default) or `ed25519`. */
  type?: string;
  /** RSA modulus size: 2048 (default), 3072 or 4096. */
  bits?: number;
  /** Where to write the private key (default `<selector>.<domain>.pem`), mode 0600. */
  out?: string;
  json?: boolean;
}

/** `mxray dkim keygen --domain D --selector S [--type rsa|ed25519] [--bits N] [--out FILE]`. */
export async function runDkimKeygen(options: DkimKeygenCommandOptions, io: CliIo): Promise<number> {
  const type = options.type ?? 'rsa';
  const bits = options.bits ?? 2048;
  if (type !== 'rsa' && type !== 'ed25519')
    return usage(io, `--type must be rsa or ed25519, not ${type}`);
  if (type === 'rsa' && bits !== 2048 && bits !== 3072 && bits !== 4096) {
    return usage(io, `--bits must be 2048, 3072 or 4096, not ${bits}`);
  }
  const key = generateDkimKey(
    type === 'rsa' ? { type, bits: bits as 2048 | 3072 | 4096 } : { type },
    options.selector,
    options.domain,
  );
  const file = options.out ?? `${options.selector}.${options.domain}.pem`;
  try {
    await writeFile(file, key.privateKeyPem, { mode: 0o600, flag: 'wx' });
    await chmod(file, 0o600);
  } catch (err) {
    return usage(io, `cannot write ${file}: ${(err as Error).message}`);
  }
  if (options.json) {
    io.out(
      `${JSON.stringify({ privateKeyFile: file, recordName: key.recordName, txtValue: key.txtValue, zoneLine: key.zoneLine })}\n`,
    );
  } else {
    io.out(
      `private key written to ${file} (mode 0600)\n\npublish this TXT record at ${key.recordName}:\n\n` +
        `zone file:\n${key.zoneLine}\n\nTXT value (for a DNS provider's web form):\n${key.txtValue}\n`,
    );
  }
  return EXIT_OK;
}

function usage(io: CliIo, message: string): number {
  io.err(`mxray dkim: ${message}\n`);
  return EXIT_USAGE;
}
