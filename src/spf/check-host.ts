import { normalizeDomain } from '../dns/name.ts';
import type { Clock } from '../base/clock.ts';
import type { Resolver } from '../dns/types.ts';
import { createSpfBudget } from './dns-budget.ts';
import { expandDomainSpec, queryableName, type EvalState } from './evaluation-state.ts';
import { evaluateExplanation } from './explanation.ts';
import { parseClientIp } from './ip.ts';
import { resolveSpfLimits } from './limits.ts';
import { evaluateMechanism, LOOKUP_LIMIT_REASON, qualifierResult } from './mechanisms.ts';
import { parseSpfRecord } from './parse.ts';
import { lookupSpfRecord } from './record-lookup.ts';
import type {
  SpfEvaluation,
  SpfLimits,
  SpfNode,
  SpfRecord,
  SpfResult,
  SpfTermNode,
} from './types.ts';

/** The inputs of `check_host()` (RFC 7208 4.1). */
export interface CheckHostInput {
  /** The SMTP client's IP address (IPv4, IPv6 or IPv4-mapped IPv6). */
  ip: string;
  /** The domain whose policy is checked. */
  domain: string;
  /** The MAIL FROM address, or `postmaster@<helo>` for the HELO identity. */
  sender: string;
  helo?: string;
  /** The receiving host, for `%{r}` in explanations. */
  receiver?: string;
}

export interface CheckHostOptions {
  resolver: Resolver;
  clock: Clock;
  limits?: Partial<SpfLimits>;
}

/** What one record's evaluation decided, with the record that decided it (for `exp=`). */
interface DomainOutcome {
  node: SpfNode;
  decidedBy?: { record: SpfRecord; domain: string; term: string };
}

/**
 * `check_host()` (RFC 7208 4): fetches the SPF record of `domain`, evaluates it for `ip` and
 * returns the result, the reason, the `exp=` explanation of a `fail`, the lookups used and the tree
 * of everything evaluated. Never throws for DNS or record problems.
 * @throws RangeError when `ip` is not an IP address (check it with {@link parseClientIp}).
 * @example await checkHost({ ip: '192.0.2.1', domain: 'example.com', sender: 'a@example.com' }, { resolver, clock })
 */
export async function checkHost(
  input: CheckHostInput,
  options: CheckHostOptions,
): Promise<SpfEvaluation> {
  const limits = resolveSpfLimits(options.limits);
  const budget = createSpfBudget(options.resolver, limits);
  // RFC 7208 4.3: internationalised names are evaluated as A-labels.
  const typed = normalizeDomain(input.domain);
  const domain = typed.ok ? typed.name : input.domain.trim().replace(/\.$/, '').toLowerCase();
  const ip = parseClientIp(input.ip);
  // A caller error, not a protocol outcome: validate with parseClientIp first.
  if (!ip) throw new RangeError(`checkHost: "${input.ip}" is not an IP address`);
  // RFC 7208 4.3: an empty local part is "postmaster".
  const at = input.sender.lastIndexOf('@');
  const local = at < 0 ? '' : input.sender.slice(0, at);
  const senderDomain = at < 0 ? input.sender : input.sender.slice(at + 1);
  const state: EvalState = {
    budget,
    ip,
    ipText: input.ip.trim(),
    sender: `${local === '' ? 'postmaster' : local}@${senderDomain}`,
    helo: input.helo ?? '',
    timestamp: Math.floor(options.clock.now() / 1000),
    ...(input.receiver !== undefined ? { receiver: input.receiver } : {}),
  };
  // The identity itself must be a domain as people write them; names reached through macros and
  // includes may hold any printable ASCII (RFC 2181 11; openspf a-colon-domain).
  const outcome = await evaluateDomain(state, domain, typed.ok);
  const node = outcome.node;
  const evaluation: SpfEvaluation = {
    result: node.result ?? 'none',
    domain,
    reason: node.reason,
    lookups: budget.lookups,
    voidLookups: budget.voidLookups,
    tree: node,
    exchanges: budget.exchanges,
  };
  if (outcome.decidedBy) evaluation.mechanism = outcome.decidedBy.term;
  if (node.result === 'fail' && outcome.decidedBy?.record.exp) {
    const text = await evaluateExplanation(
      state,
      outcome.decidedBy.record.exp.value,
      outcome.decidedBy.domain,
    );
    if (text !== null) evaluation.explanation = text;
  }
  return evaluation;
}

/** RFC 7208 4.3: a malformed or single-label domain yields "none" without a lookup. */
function malformedDomain(domain: string, identityOk: boolean): string | null {
  if (!identityOk || queryableName(domain) === null || !/^[\x21-\x7e]+$/.test(domain))
    return `"${domain}" is not a valid domain name`;
  if (!domain.includes('.')) return `"${domain}" is not a fully qualified domain name`;
  return null;
}

async function evaluateDomain(
  state: EvalState,
  domain: string,
  identityOk = true,
): Promise<DomainOutcome> {
  const budget = state.budget;
  const startLookups = budget.lookups;
  const startVoid = budget.voidLookups;
  const node: SpfNode = {
    domain,
    result: 'none',
    reason: '',
    dns: [],
    terms: [],
    lookups: 0,
    cumulativeLookups: 0,
    voidLookups: 0,
  };
  const finish = (
    result: SpfResult,
    reason: string,
    decidedBy?: DomainOutcome['decidedBy'],
  ): DomainOutcome => {
    node.result = result;
    node.reason = reason;
    node.lookups = budget.lookups - startLookups;
    node.cumulativeLookups = budget.lookups;
    node.voidLookups = budget.voidLookups - startVoid;
    return decidedBy ? { node, decidedBy } : { node };
  };
  const bad = malformedDomain(domain, identityOk);
  if (bad) return finish('none', bad);
  const found = await lookupSpfRecord(budget, domain);
  node.dns = found.dns;
  switch (found.kind) {
    case 'error':
      return finish(found.result, found.reason);
    case 'none':
      return finish('none', found.reason);
    case 'multiple':
      return finish(
        'permerror',
        `${domain} has ${found.records.length} SPF records; RFC 7208 4.5 allows one`,
      );
    case 'found':
      break;
  }
  node.record = found.record;
  const parsed = parseSpfRecord(found.record);
  if (!parsed.ok) {
    node.syntaxError = parsed.error;
    return finish(
      'permerror',
      `syntax error at position ${parsed.error.position} ("${parsed.error.token}"): ${parsed.error.message}`,
    );
  }
  const record = parsed.record;
  for (const mech of record.mechanisms) {
    const before = { lookups: budget.lookups, voids: budget.voidLookups };
    const term: SpfTermNode = {
      text: mech.text,
      position: mech.position,
      kind: 'mechanism',
      name: mech.name,
      outcome: 'no-match',
      dns: [],
      lookups: 0,
      cumulativeLookups: 0,
      voidLookups: 0,
    };
    node.terms.push(term);
    let outcome:
      | { kind: 'match' | 'no-match'; note?: string }
      | { kind: 'error'; result: SpfResult; reason: string };
    if (mech.name === 'include') {
      outcome = await evaluateInclude(state, mech.domainSpec ?? '', domain, term);
    } else {
      const run = await evaluateMechanism(state, mech, domain);
      term.dns = run.dns;
      if (run.target !== undefined) term.target = run.target;
      outcome = run.outcome;
    }
    term.lookups = budget.lookups - before.lookups;
    term.cumulativeLookups = budget.lookups;
    term.voidLookups = budget.voidLookups - before.voids;
    if (outcome.kind === 'error') {
      term.outcome = 'error';
      term.result = outcome.result;
      term.note = outcome.reason;
      return finish(outcome.result, `${mech.text}: ${outcome.reason}`);
    }
    if (outcome.note !== undefined) term.note = outcome.note;
    if (outcome.kind === 'match') {
      term.outcome = 'match';
      term.result = qualifierResult(mech.qualifier);
      markSkipped(node, record, mech.position, budget.lookups);
      return finish(term.result, `${domain} matched "${mech.text}"`, {
        record,
        domain,
        term: mech.text,
      });
    }
  }
  if (record.redirect) return evaluateRedirect(state, record, domain, node, finish);
  // RFC 7208 4.7: no mechanism matched and no redirect: neutral.
  return finish('neutral', `no mechanism of ${domain} matched, and it has no redirect`);
}

/** Adds the terms after the deciding one to the tree as `skipped`, so a reader sees them. */
function markSkipped(node: SpfNode, record: SpfRecord, after: number, lookups: number): void {
  for (const term of record.terms) {
    if (term.position <= after) continue;
    node.terms.push({
      text: term.text,
      position: term.position,
      kind: term.kind,
      name: term.name,
      outcome: 'skipped',
      dns: [],
      lookups: 0,
      cumulativeLookups: lookups,
      voidLookups: 0,
    });
  }
}

/** RFC 7208 5.2: the include result table. */
async function evaluateInclude(
  state: EvalState,
  spec: string,
  domain: string,
  term: SpfTermNode,
): Promise<
  | { kind: 'match' | 'no-match'; note?: string }
  | { kind: 'error'; result: SpfResult; reason: string }
> {
  if (!state.budget.chargeTerm()) {
    return {
      kind: 'error',
      result: 'permerror',
      reason: LOOKUP_LIMIT_REASON(state.budget.limits.maxLookups),
    };
  }
  const target = await expandDomainSpec(state, spec, domain);
  term.target = target;
  const child = await evaluateDomain(state, target.toLowerCase());
  term.child = child.node;
  const r = child.node.result ?? 'none';
  switch (r) {
    case 'pass':
      return { kind: 'match', note: `${target} passed` };
    case 'fail':
    case 'softfail':
    case 'neutral':
      return { kind: 'no-match', note: `${target} returned ${r}` };
    case 'temperror':
      return {
        kind: 'error',
        result: 'temperror',
        reason: `include of ${target}: ${child.node.reason}`,
      };
    case 'permerror':
      return {
        kind: 'error',
        result: 'permerror',
        reason: `include of ${target}: ${child.node.reason}`,
      };
    case 'none':
      return {
        kind: 'error',
        result: 'permerror',
        reason: `include of ${target}, which has no SPF record (RFC 7208 5.2)`,
      };
  }
}

/** RFC 7208 6.1: redirect replaces the result; a target without a record is a permerror. */
async function evaluateRedirect(
  state: EvalState,
  record: SpfRecord,
  domain: string,
  node: SpfNode,
  finish: (
    result: SpfResult,
    reason: string,
    decidedBy?: DomainOutcome['decidedBy'],
  ) => DomainOutcome,
): Promise<DomainOutcome> {
  const redirect = record.redirect;
  if (!redirect) throw new Error('evaluateRedirect without redirect');
  const before = { lookups: state.budget.lookups, voids: state.budget.voidLookups };
  const term: SpfTermNode = {
    text: redirect.text,
    position: redirect.position,
    kind: 'modifier',
    name: 'redirect',
    outcome: 'match',
    dns: [],
    lookups: 0,
    cumulativeLookups: 0,
    voidLookups: 0,
  };
  node.terms.push(term);
  const done = (result: SpfResult, reason: string, decidedBy?: DomainOutcome['decidedBy']) => {
    term.lookups = state.budget.lookups - before.lookups;
    term.cumulativeLookups = state.budget.lookups;
    term.voidLookups = state.budget.voidLookups - before.voids;
    term.result = result;
    return finish(result, reason, decidedBy);
  };
  if (!state.budget.chargeTerm()) {
    term.outcome = 'error';
    return done(
      'permerror',
      `${redirect.text}: ${LOOKUP_LIMIT_REASON(state.budget.limits.maxLookups)}`,
    );
  }
  const target = await expandDomainSpec(state, redirect.value, domain);
  term.target = target;
  const child = await evaluateDomain(state, target.toLowerCase());
  term.child = child.node;
  if (child.node.result === 'none') {
    term.outcome = 'error';
    return done('permerror', `redirect to ${target}, which has no SPF record (RFC 7208 6.1)`);
  }
  if (child.node.result === 'temperror' || child.node.result === 'permerror')
    term.outcome = 'error';
  return done(
    child.node.result ?? 'none',
    `redirect to ${target}: ${child.node.reason}`,
    child.decidedBy,
  );
}
