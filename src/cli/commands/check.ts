import { checkDomain, type DomainReport } from '../../audit/index.ts';
import type { Context } from '../../runtime/context.ts';
import { createContext } from '../../runtime/create-context.ts';
import { reportedSelectors } from '../../runtime/reported-selectors.ts';
import { normalizeDomain, toAsciiName } from '../../dns/name.ts';
import { EXIT_FINDINGS, EXIT_OK, EXIT_TEMPFAIL } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { renderCheck } from '../render/check.ts';
import { checkReportJson } from '../render/check-json.ts';

export interface CheckCommandOptions {
  selector?: string[];
  resolver?: string[];
  authoritative?: boolean;
  authoritativePort?: number;
  json?: boolean;
  evidence?: boolean;
  timeout?: number;
  /** A report store (`sqlite:PATH`, `postgres://…`): also probe the selectors its DMARC reports saw. */
  db?: string;
}

/** `mxray check <domain>`: exit 1 when any finding is an error, 2 for bad input, else 0. */
export async function runCheck(
  domain: string,
  options: CheckCommandOptions,
  io: CliIo,
): Promise<number> {
  const ctx = await createContext({
    ...(options.resolver ? { resolvers: options.resolver } : {}),
    ...(options.authoritative ? { authoritative: true } : {}),
    ...(options.authoritativePort !== undefined
      ? { authoritativePort: options.authoritativePort }
      : {}),
    ...(options.timeout !== undefined ? { dnsTimeoutMs: options.timeout } : {}),
  });
  return runCheckWith(ctx, domain, options, io);
}

/** {@link runCheck} with a given context (the demo and tests pass their own resolver). */
export async function runCheckWith(
  ctx: Context,
  domain: string,
  options: CheckCommandOptions,
  io: CliIo,
): Promise<number> {
  const selectors = [...(options.selector ?? [])];
  if (options.db) {
    const check = normalizeDomain(domain);
    // Selectors from reports are data, not input: one that cannot be a DNS label is skipped.
    if (check.ok) {
      const seen = await reportedSelectors(options.db, check.name);
      selectors.push(...seen.filter((s) => toAsciiName(`${s}._domainkey.${check.name}`) !== null));
    }
  }
  const report: DomainReport = await checkDomain(domain, {
    resolver: ctx.resolver,
    clock: ctx.clock,
    ...(selectors.length > 0 ? { selectors: [...new Set(selectors)] } : {}),
    ...(ctx.compareNameservers ? { compareNameservers: ctx.compareNameservers } : {}),
    ...(ctx.fetcher ? { fetcher: ctx.fetcher } : {}),
  });
  if (options.json) io.out(`${JSON.stringify(checkReportJson(report))}\n`);
  else io.out(renderCheck(report, io.color, { evidence: options.evidence ?? false }));
  return checkExitCode(report);
}

/** 1 when something is wrong; 4 when the only errors are failed DNS lookups (retry); else 0. */
export function checkExitCode(report: DomainReport): number {
  const errors = report.findings.filter((f) => f.severity === 'error');
  if (errors.length === 0) return EXIT_OK;
  return errors.every((f) => f.id === 'DNS_TEMPERROR') ? EXIT_TEMPFAIL : EXIT_FINDINGS;
}
