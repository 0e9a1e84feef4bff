import { readFile } from 'node:fs/promises';
import { diagnoseDkimSelector } from '../../audit/index.ts';
import {
  explainAuthResults,
  extractPastedFields,
  MAX_EXPLAIN_INPUT_CHARS,
  type ExplainedHeader,
} from '../../authenticate/index.ts';
import type { Context } from '../../runtime/context.ts';
import { createContext } from '../../runtime/create-context.ts';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { explainJson, renderExplain, type SelectorDiagnosis } from '../render/explain.ts';

export interface ExplainCommandOptions {
  resolver?: string[];
  json?: boolean;
  /** Run the live DNS diagnosis of named selectors (default true; `--no-live` turns it off). */
  live?: boolean;
  timeout?: number;
}

/** Outcomes that are not a problem to report. */
const QUIET = new Set(['pass', 'none', 'neutral']);

/**
 * `mxray explain [file]`: reads Authentication-Results and ARC-Authentication-Results fields (or a
 * whole message) from a file or stdin, explains each method's result in one taxonomy next to the
 * receiver's words, and diagnoses each named DKIM selector live. Exit 0 when nothing failed, 1
 * when a result or a diagnosis shows a failure, 2 when the input has nothing to explain.
 */
export async function runExplain(
  input: string | undefined,
  options: ExplainCommandOptions,
  io: CliIo,
  stdin: () => Promise<string> = readStdin,
): Promise<number> {
  const ctx =
    options.live === false
      ? null
      : await createContext({
          ...(options.resolver ? { resolvers: options.resolver } : {}),
          ...(options.timeout !== undefined ? { dnsTimeoutMs: options.timeout } : {}),
        });
  return runExplainWith(ctx, input, options, io, stdin);
}

/** {@link runExplain} with a given context (null: no live diagnosis). */
export async function runExplainWith(
  ctx: Context | null,
  input: string | undefined,
  options: ExplainCommandOptions,
  io: CliIo,
  stdin: () => Promise<string> = readStdin,
): Promise<number> {
  let text: string;
  try {
    text = input === undefined || input === '-' ? await stdin() : await readFile(input, 'utf8');
  } catch (error) {
    io.err(
      `mxray explain: cannot read ${input}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`,
    );
    return EXIT_USAGE;
  }
  const headers = explainAuthResults(extractPastedFields(text));
  if (headers.every((h) => h.results.length === 0)) {
    io.err(
      'mxray explain: no Authentication-Results found; paste the header fields or a whole message\n',
    );
    return EXIT_USAGE;
  }
  const diagnoses = ctx && options.live !== false ? await diagnoseSelectors(ctx, headers) : [];
  if (options.json) io.out(`${JSON.stringify(explainJson(headers, diagnoses))}\n`);
  else io.out(renderExplain(headers, diagnoses, io.color, { live: ctx !== null }));
  const failed =
    headers.some((h) => h.results.some((r) => !QUIET.has(r.outcome))) ||
    diagnoses.some((d) => d.findings.some((f) => f.severity === 'error'));
  return failed ? EXIT_FINDINGS : EXIT_OK;
}

/** One live diagnosis per distinct (domain, selector) that a non-passing DKIM result names. */
async function diagnoseSelectors(
  ctx: Context,
  headers: readonly ExplainedHeader[],
): Promise<SelectorDiagnosis[]> {
  const targets = new Map<string, { domain: string; selector: string }>();
  for (const h of headers) {
    for (const r of h.results) {
      const t = r.diagnose;
      if (t?.kind === 'dkim-selector') targets.set(`${t.selector}._domainkey.${t.domain}`, t);
    }
  }
  return Promise.all(
    [...targets.entries()].map(async ([name, t]) => ({
      name,
      domain: t.domain,
      selector: t.selector,
      findings: await diagnoseDkimSelector(t.domain, t.selector, { resolver: ctx.resolver }),
    })),
  );
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(b);
    size += b.length;
    // Threat: an endless pipe; what is past the limit is never read anyway.
    if (size > MAX_EXPLAIN_INPUT_CHARS) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}
