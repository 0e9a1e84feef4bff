import type { DnsExchange, DnsStatus, RRType } from '../dns/types.ts';

/** The seven results of `check_host()` (RFC 7208 2.6). */
export type SpfResult =
  'none' | 'neutral' | 'pass' | 'fail' | 'softfail' | 'temperror' | 'permerror';

/** A qualifier and the result a matching mechanism produces (RFC 7208 4.6.2). */
export type SpfQualifier = '+' | '-' | '~' | '?';

/** The eight mechanisms of RFC 7208 5. */
export type SpfMechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

/** A syntax error with the offset (0-based, in the record text) of the offending term. */
export interface SpfSyntaxError {
  message: string;
  position: number;
  token: string;
}

/** A directive: an optional qualifier and a mechanism (RFC 7208 4.6.1). */
export interface SpfMechanism {
  kind: 'mechanism';
  /** The term as written. */
  text: string;
  position: number;
  qualifier: SpfQualifier;
  name: SpfMechanismName;
  /** The domain-spec (a macro-string) for include, a, mx, ptr, exists. */
  domainSpec?: string;
  /** The network for ip4/ip6, as written. */
  network?: string;
  /** CIDR prefix for IPv4 addresses (a, mx, ip4). */
  cidr4?: number;
  /** CIDR prefix for IPv6 addresses (a, mx, ip6). */
  cidr6?: number;
}

/** A modifier: `redirect=`, `exp=` or an unknown one, which is ignored (RFC 7208 6). */
export interface SpfModifier {
  kind: 'modifier';
  text: string;
  position: number;
  /** Lower-cased name. */
  name: string;
  value: string;
}

export type SpfTerm = SpfMechanism | SpfModifier;

/** A parsed `v=spf1` record. */
export interface SpfRecord {
  text: string;
  mechanisms: SpfMechanism[];
  modifiers: SpfModifier[];
  /** Every term in order. */
  terms: SpfTerm[];
  redirect?: SpfModifier;
  exp?: SpfModifier;
}

/** Limits of one evaluation; defaults in {@link DEFAULT_SPF_LIMITS}. */
export interface SpfLimits {
  /** RFC 7208 4.6.4: terms that cause DNS queries (include, a, mx, ptr, exists, redirect). */
  maxLookups: number;
  /** RFC 7208 4.6.4: lookups that return NXDOMAIN or no answer. */
  maxVoidLookups: number;
  /** RFC 7208 4.6.4: MX records an `mx` mechanism may look at. */
  maxMxNames: number;
  /** RFC 7208 4.6.4: PTR names a `ptr` mechanism or `%{p}` may validate. */
  maxPtrNames: number;
  /** Defence in depth: DNS queries of any kind in one evaluation. */
  maxQueries: number;
}

/** One DNS query an evaluation made, in short form for the tree. */
export interface SpfDnsStep {
  name: string;
  type: RRType;
  status: DnsStatus;
  /** Answer values in presentation form (addresses, MX exchanges, TXT strings). */
  answers: string[];
  /** True when this lookup counted as void (RFC 7208 4.6.4). */
  void: boolean;
}

/** What happened to one term during an evaluation. */
/**
 * - `match`, `no-match`, `error`: what `check_host()` found;
 * - `skipped`: not evaluated because an earlier term decided the result;
 * - `static`: walked by {@link analyzeSpfPolicy}-style analysis, without a client address.
 */
export type SpfTermOutcome = 'match' | 'no-match' | 'error' | 'skipped' | 'static';

/** One term of a record as evaluated (or analysed). */
export interface SpfTermNode {
  text: string;
  position: number;
  kind: 'mechanism' | 'modifier';
  name: string;
  /** The domain after macro expansion, when the term has one. */
  target?: string;
  outcome: SpfTermOutcome;
  /** The result this term produced: the qualifier's result on a match, an error result otherwise. */
  result?: SpfResult;
  /** Plain words on what happened ("3 MX names, none matched"). */
  note?: string;
  dns: SpfDnsStep[];
  /** Lookups this term cost, its sub-tree included. */
  lookups: number;
  /** The running lookup count after this term. */
  cumulativeLookups: number;
  voidLookups: number;
  /** The record an include or redirect led to. */
  child?: SpfNode;
}

/** One `check_host()` call: a domain, its record and the terms walked. */
export interface SpfNode {
  domain: string;
  /** The SPF record found, when exactly one was. */
  record?: string;
  /** The check_host() result; for an analysis only when the record itself is an error or none. */
  result?: SpfResult;
  reason: string;
  dns: SpfDnsStep[];
  terms: SpfTermNode[];
  /** Lookups charged inside this record (its terms and their sub-trees). */
  lookups: number;
  cumulativeLookups: number;
  voidLookups: number;
  syntaxError?: SpfSyntaxError;
}

/** The outcome of {@link checkHost}. */
export interface SpfEvaluation {
  result: SpfResult;
  domain: string;
  /** Why, in plain words. */
  reason: string;
  /** The `exp=` text, for a `fail` whose record has one that resolves. */
  explanation?: string;
  /** The term that decided the result, as written. */
  mechanism?: string;
  lookups: number;
  voidLookups: number;
  tree: SpfNode;
  exchanges: DnsExchange[];
}
