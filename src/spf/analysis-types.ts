import type { DnsExchange } from '../dns/types.ts';
import type { SpfNode } from './types.ts';

/** Problem codes of {@link analyzeSpfPolicy}; the audit turns each into a finding of the same id. */
export type SpfProblemCode =
  | 'SPF_MULTIPLE_RECORDS'
  | 'SPF_SYNTAX'
  | 'SPF_TOO_MANY_LOOKUPS'
  | 'SPF_TOO_MANY_VOID_LOOKUPS'
  | 'SPF_PASS_ALL'
  | 'SPF_NEUTRAL_ALL'
  | 'SPF_PTR'
  | 'SPF_INCLUDE_NO_RECORD'
  | 'SPF_LOOP'
  | 'SPF_TEMPERROR';

export interface SpfProblem {
  code: SpfProblemCode;
  /** Plain words. */
  message: string;
  /** Domains from the analysed one down to the record with the problem, then the term. */
  path: string[];
}

/** An include (or redirect) worth flattening or dropping, with what it costs. */
export interface SpfCostlyTerm {
  /** The term as written in the top-level record. */
  term: string;
  target: string;
  /** Lookups it costs, itself included. */
  lookups: number;
}

/** How to get back under the limit: drop or flatten these top-level terms (most costly first). */
export interface SpfSuggestion {
  /** Lookups over the limit. */
  excess: number;
  /** The fewest top-level includes/redirects whose removal brings the count to the limit. */
  flatten: SpfCostlyTerm[];
  /** Every top-level term that costs lookups, most costly first. */
  costliest: SpfCostlyTerm[];
}

/** The outcome of {@link analyzeSpfPolicy}. */
export interface SpfPolicyAnalysis {
  domain: string;
  status: 'ok' | 'none' | 'multiple' | 'syntax' | 'temperror';
  /** The v=spf1 records found at the domain. */
  records: string[];
  tree?: SpfNode;
  /** Lookup-costing terms in the whole tree (RFC 7208 4.6.4). */
  totalLookups: number;
  voidLookups: number;
  /** The path (domains and the term) where the lookup count goes over the limit. */
  overflowAt?: string;
  suggestion?: SpfSuggestion;
  exchanges: DnsExchange[];
  problems: SpfProblem[];
}
