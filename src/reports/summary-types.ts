import type { DkimAuthResult } from './types.ts';

/** Messages and how many passed: DMARC, aligned DKIM, aligned SPF (policy_evaluated). */
export interface Volume {
  messages: number;
  dmarcPass: number;
  dkimAlignedPass: number;
  spfAlignedPass: number;
}

export interface SourceSummary extends Volume {
  ip: string;
  /** The PTR name, or null (none, timeout, or enrichment off). */
  ptr: string | null;
  /** The registrable domain of the PTR name (public suffix list). */
  baseDomain: string | null;
  /** A recognised provider (Microsoft 365, Google...) and how. */
  sender: string | null;
  senderBy: 'ptr' | 'dkim' | null;
  /** Failing messages: DMARC, aligned DKIM, aligned SPF. */
  fails: { dmarc: number; dkimAligned: number; spfAligned: number };
  /** DKIM d= domains seen on this source's mail, with messages per result. */
  dkimDomains: Array<{ domain: string; results: Record<string, number> }>;
  /** First report window start (epoch seconds) that listed this IP. */
  firstSeen: number;
  isNew: boolean;
}

/** DKIM results of one (d=, selector); known results also appear as top-level counts. */
export type SelectorSummary = Record<DkimAuthResult, number> & {
  domain: string;
  selector: string;
  messages: number;
  /** Messages per DKIM result as reported (unknown words included). */
  results: Record<string, number>;
  /** Days (YYYY-MM-DD) with messages. */
  firstDay: string;
  lastDay: string;
  /** The last day with a pass, or null. */
  lastPass: string | null;
  /** Failing without a pass since this day (through the last day seen), or null. */
  failingSince: string | null;
};

export interface ReportsSummary {
  domain: string | null;
  /** Epoch seconds of the window start, or null for all time. */
  since: number | null;
  totals: Volume & {
    reports: number;
    dmarcPassRate: number;
    dkimAlignedRate: number;
    spfAlignedRate: number;
  };
  days: Array<Volume & { date: string }>;
  sources: SourceSummary[];
  selectors: SelectorSummary[];
  newSources: Array<{ ip: string; ptr: string | null; sender: string | null; firstSeen: number }>;
  reporters: Array<{ reporter: string; reports: number; messages: number; lastEnd: number }>;
  tls: Array<{ domain: string; policyType: string; success: number; failure: number }>;
}
