import type { Clock } from '../base/clock.ts';
import type { Resolver } from '../dns/types.ts';
import type { SpfPolicyAnalysis, SpfProblem, SpfProblemCode } from './analysis-types.ts';
import { suggestFlattening } from './analyze-suggest.ts';
import { createSpfBudget, dnsStep, isVoidAnswer, type SpfBudget } from './dns-budget.ts';
import { spfDnsFailure } from './dns-outcome.ts';
import { queryableName } from './evaluation-state.ts';
import { DEFAULT_SPF_LIMITS } from './limits.ts';
import { truncateDomain } from './macro.ts';
import { parseMacroString, usesMacroLetter } from './macro-syntax.ts';
import { parseSpfRecord } from './parse.ts';
import { lookupSpfRecord } from './record-lookup.ts';
import type { SpfMechanism, SpfNode, SpfTermNode } from './types.ts';

/**
 * Bounds of the static walk: it goes past the RFC limit to show the whole cost, but no further than
 * this many lookup-costing terms or DNS queries (a hostile tree could otherwise be unbounded).
 */
const ANALYSIS_MAX_TERMS = 60;
const ANALYSIS_MAX_QUERIES = 300;

interface WalkState {
  budget: SpfBudget;
  /** Lookup-costing terms seen so far, counted like RFC 7208 4.6.4. */
  lookups: number;
  voids: number;
  problems: SpfProblem[];
  overflowAt?: string;
  top: string;
}

/**
 * Walks the SPF policy of `domain` without a client address: every include and redirect, the
 * lookups each branch costs (RFC 7208 4.6.4), void lookups, syntax errors with positions, risky
 * `all` and `ptr`, includes without records and loops; where the count crosses the limit, and
 * which includes to flatten or drop. Never throws for DNS or record problems.
 * @example const analysis = await analyzeSpfPolicy('example.com', { resolver, clock });
 */
export async function analyzeSpfPolicy(
  domain: string,
  options: { resolver: Resolver; clock: Clock },
): Promise<SpfPolicyAnalysis> {
  const name = domain.trim().replace(/\.$/, '').toLowerCase();
  const budget = createSpfBudget(options.resolver, {
    ...DEFAULT_SPF_LIMITS,
    maxLookups: ANALYSIS_MAX_TERMS,
    maxVoidLookups: ANALYSIS_MAX_TERMS,
    maxQueries: ANALYSIS_MAX_QUERIES,
  });
  const state: WalkState = { budget, lookups: 0, voids: 0, problems: [], top: name };
  const analysis: SpfPolicyAnalysis = {
    domain: name,
    status: 'ok',
    records: [],
    totalLookups: 0,
    voidLookups: 0,
    exchanges: budget.exchanges,
    problems: state.problems,
  };
  const first = await lookupSpfRecord(budget, name);
  switch (first.kind) {
    case 'error':
      state.problems.push({ code: 'SPF_TEMPERROR', message: first.reason, path: [name] });
      return { ...analysis, status: 'temperror' };
    case 'none':
      return { ...analysis, status: 'none' };
    case 'multiple':
      analysis.records = first.records;
      state.problems.push({
        code: 'SPF_MULTIPLE_RECORDS',
        message: `${name} has ${first.records.length} SPF records; RFC 7208 4.5 allows one`,
        path: [name],
      });
      return { ...analysis, status: 'multiple' };
    case 'found':
      analysis.records = [first.record];
  }
  const tree = await walkRecord(state, name, [], first.record, first.dns, true);
  analysis.tree = tree;
  analysis.totalLookups = state.lookups;
  analysis.voidLookups = state.voids;
  if (tree.syntaxError) analysis.status = 'syntax';
  if (state.overflowAt !== undefined) {
    analysis.overflowAt = state.overflowAt;
    state.problems.push({
      code: 'SPF_TOO_MANY_LOOKUPS',
      message: `the policy needs ${state.lookups} DNS lookups; receivers stop at ${DEFAULT_SPF_LIMITS.maxLookups} and return permerror (RFC 7208 4.6.4)`,
      path: state.overflowAt.split(' → '),
    });
    analysis.suggestion = suggestFlattening(tree, state.lookups, DEFAULT_SPF_LIMITS.maxLookups);
  }
  if (state.voids > DEFAULT_SPF_LIMITS.maxVoidLookups) {
    state.problems.push({
      code: 'SPF_TOO_MANY_VOID_LOOKUPS',
      message: `${state.voids} lookups return no records; receivers stop at ${DEFAULT_SPF_LIMITS.maxVoidLookups} and return permerror (RFC 7208 4.6.4)`,
      path: [name],
    });
  }
  return analysis;
}

async function walkRecord(
  state: WalkState,
  domain: string,
  ancestors: string[],
  text: string,
  dns: SpfNode['dns'],
  topChain: boolean,
): Promise<SpfNode> {
  const path = [...ancestors, domain];
  const startLookups = state.lookups;
  const startVoids = state.voids;
  const node: SpfNode = {
    domain,
    record: text,
    reason: '',
    dns,
    terms: [],
    lookups: 0,
    cumulativeLookups: 0,
    voidLookups: 0,
  };
  const problem = (code: SpfProblemCode, message: string, extra: string[] = []) =>
    state.problems.push({ code, message, path: [...path, ...extra] });
  const parsed = parseSpfRecord(text);
  if (!parsed.ok) {
    node.syntaxError = parsed.error;
    node.result = 'permerror';
    node.reason = `syntax error at position ${parsed.error.position} ("${parsed.error.token}"): ${parsed.error.message}`;
    problem('SPF_SYNTAX', `${domain}: ${node.reason}`);
  } else {
    const record = parsed.record;
    const hasAll = record.mechanisms.some((m) => m.name === 'all');
    for (const term of record.terms) {
      if (term.kind === 'modifier' && term.name !== 'redirect') continue;
      // RFC 7208 6.1: redirect is ignored when the record has an "all" mechanism.
      if (term.kind === 'modifier' && hasAll) continue;
      const mech: SpfMechanism | null = term.kind === 'mechanism' ? term : null;
      const termNode: SpfTermNode = {
        text: term.text,
        position: term.position,
        kind: term.kind,
        name: term.name,
        outcome: 'static',
        dns: [],
        lookups: 0,
        cumulativeLookups: 0,
        voidLookups: 0,
      };
      node.terms.push(termNode);
      const before = { lookups: state.lookups, voids: state.voids };
      await walkTerm(
        state,
        domain,
        path,
        term.kind === 'modifier' ? { redirect: term.value } : { mech: mech as SpfMechanism },
        termNode,
        topChain,
        problem,
      );
      termNode.lookups = state.lookups - before.lookups;
      termNode.cumulativeLookups = state.lookups;
      termNode.voidLookups = state.voids - before.voids;
    }
  }
  node.lookups = state.lookups - startLookups;
  node.cumulativeLookups = state.lookups;
  node.voidLookups = state.voids - startVoids;
  return node;
}

async function walkTerm(
  state: WalkState,
  domain: string,
  path: string[],
  term: { mech: SpfMechanism } | { redirect: string },
  node: SpfTermNode,
  topChain: boolean,
  problem: (code: SpfProblemCode, message: string, extra?: string[]) => void,
): Promise<void> {
  const name = 'mech' in term ? term.mech.name : 'redirect';
  if ('mech' in term && name === 'all') {
    if (term.mech.qualifier === '+')
      problem(
        'SPF_PASS_ALL',
        `${domain} ends in "${term.mech.text}": every server on the internet passes`,
        [term.mech.text],
      );
    if (term.mech.qualifier === '?' && topChain)
      problem(
        'SPF_NEUTRAL_ALL',
        `${domain} ends in "?all": SPF says nothing about unlisted servers`,
        [term.mech.text],
      );
    return;
  }
  if (name === 'ip4' || name === 'ip6' || name === 'all') return;
  state.lookups++;
  if (state.lookups === DEFAULT_SPF_LIMITS.maxLookups + 1)
    state.overflowAt = [...path, node.text].join(' → ');
  if (name === 'ptr')
    problem('SPF_PTR', `${domain} uses "${node.text}", which RFC 7208 5.5 says not to use`, [
      node.text,
    ]);
  const spec = 'mech' in term ? (term.mech.domainSpec ?? domain) : term.redirect;
  const target = staticTarget(spec, domain, state.top);
  if (target === null) {
    node.note = 'depends on the sender or client address (macros); not looked up';
    return;
  }
  node.target = target;
  if (state.lookups > ANALYSIS_MAX_TERMS) {
    node.note = `not followed: the analysis stops after ${ANALYSIS_MAX_TERMS} lookups`;
    return;
  }
  switch (name) {
    case 'include':
    case 'redirect':
      return walkInclude(state, path, target, node, name === 'redirect' && topChain, problem);
    case 'a':
    case 'exists':
      return lookupVoid(state, node, target, name === 'a' ? ['A', 'AAAA'] : ['A'], problem);
    case 'mx':
      return lookupVoid(state, node, target, ['MX'], problem);
    case 'ptr':
      node.note = 'needs the client address; not looked up';
      return;
  }
}

async function walkInclude(
  state: WalkState,
  path: string[],
  target: string,
  node: SpfTermNode,
  topChain: boolean,
  problem: (code: SpfProblemCode, message: string, extra?: string[]) => void,
): Promise<void> {
  if (path.includes(target)) {
    node.note = `loops back to ${target}`;
    problem('SPF_LOOP', `${node.text} loops back to ${target}, already on the path`, [node.text]);
    return;
  }
  const found = await lookupSpfRecord(state.budget, target);
  const child: SpfNode = {
    domain: target,
    reason: '',
    dns: found.dns,
    terms: [],
    lookups: 0,
    cumulativeLookups: state.lookups,
    voidLookups: 0,
  };
  switch (found.kind) {
    case 'error':
      child.result = found.result;
      child.reason = found.reason;
      problem('SPF_TEMPERROR', found.reason, [node.text]);
      break;
    case 'none':
      child.result = 'none';
      child.reason = found.reason;
      problem(
        'SPF_INCLUDE_NO_RECORD',
        `"${node.text}": ${found.reason}, so receivers return permerror when they reach it`,
        [node.text],
      );
      break;
    case 'multiple':
      child.result = 'permerror';
      child.reason = `${target} has ${found.records.length} SPF records`;
      problem(
        'SPF_MULTIPLE_RECORDS',
        `${target} has ${found.records.length} SPF records; RFC 7208 4.5 allows one`,
        [node.text],
      );
      break;
    case 'found':
      node.child = await walkRecord(state, target, path, found.record, found.dns, topChain);
      return;
  }
  node.child = child;
}

async function lookupVoid(
  state: WalkState,
  node: SpfTermNode,
  target: string,
  types: Array<'A' | 'AAAA' | 'MX'>,
  problem: (code: SpfProblemCode, message: string, extra?: string[]) => void,
): Promise<void> {
  let empty = 0;
  for (const type of types) {
    const answer = await state.budget.query(target, type);
    if (!answer) return;
    node.dns.push(dnsStep(answer));
    const failure = spfDnsFailure(answer);
    if (failure) {
      problem('SPF_TEMPERROR', failure.reason, [node.text]);
      return;
    }
    if (isVoidAnswer(answer)) empty++;
    if (type === 'MX' && answer.records.length > DEFAULT_SPF_LIMITS.maxMxNames) {
      problem(
        'SPF_TOO_MANY_LOOKUPS',
        `${target} has ${answer.records.length} MX records; "mx" allows at most ${DEFAULT_SPF_LIMITS.maxMxNames} (RFC 7208 4.6.4)`,
        [node.text],
      );
    }
  }
  // A name with neither A nor AAAA is void for every client; one family alone is not.
  if (empty === types.length) {
    state.voids++;
    for (const step of node.dns) step.void = true;
    node.note = `${target} has no ${types.join(' or ')} records (a void lookup)`;
  }
}

/**
 * Expands a domain-spec that needs no client data: `%{d}` and `%{o}` are known, anything else
 * (`%{i}`, `%{s}`, `%{l}`, `%{h}`, `%{p}`, `%{v}`) depends on the message. Null when it does.
 */
function staticTarget(spec: string, domain: string, top: string): string | null {
  const parsed = parseMacroString(spec);
  if (!parsed.ok || usesMacroLetter(parsed.tokens, 'slihpv')) return null;
  let out = '';
  for (const token of parsed.tokens) {
    if (token.kind === 'literal') out += token.text;
    else {
      let parts = (token.letter.toLowerCase() === 'd' ? domain : top).split('.');
      if (token.reverse) parts = parts.reverse();
      if (token.digits !== undefined) parts = parts.slice(-token.digits);
      out += parts.join('.');
    }
  }
  return queryableName(truncateDomain(out));
}
