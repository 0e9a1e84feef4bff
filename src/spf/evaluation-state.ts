import { normalizeQueryName } from '../dns/name.ts';
import type { SpfBudget } from './dns-budget.ts';
import type { SpfIp } from './ip.ts';
import { expandMacroTokens, truncateDomain } from './macro.ts';
import { parseMacroString } from './macro-syntax.ts';
import { validatedNames } from './ptr-validate.ts';

/** What one `check_host()` tree shares: the inputs, the DNS budget and the clock reading. */
export interface EvalState {
  budget: SpfBudget;
  ip: SpfIp;
  /** The client address as given. */
  ipText: string;
  /** <sender> with `postmaster` filled in for an empty local part (RFC 7208 4.3). */
  sender: string;
  helo: string;
  receiver?: string;
  /** Seconds since the epoch, for `%{t}`. */
  timestamp: number;
}

/**
 * Expands a domain-spec for the current domain (RFC 7208 7.3) and truncates it to 253 characters.
 * The spec was syntax-checked when the record was parsed.
 */
export async function expandDomainSpec(
  state: EvalState,
  spec: string,
  domain: string,
): Promise<string> {
  return truncateDomain(await expandText(state, spec, domain, false));
}

/** Expands a macro-string, or explanation text when `explanation` is set; null when malformed. */
export async function expandText(
  state: EvalState,
  text: string,
  domain: string,
  explanation: boolean,
): Promise<string> {
  const parsed = parseMacroString(text, { explanation });
  if (!parsed.ok) throw new Error(`macro-string was not checked: ${parsed.message}`);
  let pValue: string | undefined;
  return expandMacroTokens(parsed.tokens, {
    ip: state.ip,
    ipText: state.ipText,
    sender: state.sender,
    domain,
    helo: state.helo,
    ...(state.receiver !== undefined ? { receiver: state.receiver } : {}),
    timestamp: state.timestamp,
    validatedName: async () => {
      pValue ??= await pMacroValue(state, domain);
      return pValue;
    },
  });
}

/**
 * `%{p}` (RFC 7208 7.3): a validated name of the client, preferring <domain> itself, then a
 * subdomain of it, then any; "unknown" when there is none or DNS fails.
 */
async function pMacroValue(state: EvalState, domain: string): Promise<string> {
  const { names } = await validatedNames(state, null);
  const d = domain.toLowerCase();
  return (
    names.find((n) => n === d) ?? names.find((n) => n.endsWith(`.${d}`)) ?? names[0] ?? 'unknown'
  );
}

/**
 * Checks a name we are about to query (RFC 1035 lengths, no empty labels, host-name characters).
 * Returns the lower-cased name or null (an unusable name is treated as non-existent).
 */
export function queryableName(name: string): string | null {
  const check = normalizeQueryName(name);
  return check.ok ? check.name : null;
}
