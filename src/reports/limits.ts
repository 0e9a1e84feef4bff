import { checkLimit } from '../base/limits.ts';

/**
 * Every limit of report unpacking and parsing, in one place. Reports arrive from strangers: any
 * address can send mail to a `rua`/`ruf`/TLS-RPT mailbox, so each limit names the threat it stops.
 */
export interface ReportLimits {
  /** Decompression bomb: total bytes one input may expand to (all members, all layers). */
  maxDecompressedBytes: number;
  /** Decompression bomb: expansion ratio of one compressed layer (zip/gzip), checked past 1 MB. */
  maxCompressionRatio: number;
  /** Zip bomb by count (thousands of tiny members, or overlapping entries): members per archive. */
  maxArchiveMembers: number;
  /** Recursive archives (a zip in a gzip in a zip...): layers of compression or attachment nesting. */
  maxNestingDepth: number;
  /** A mail message too large to be a report mail (memory exhaustion before any parsing). */
  maxMessageBytes: number;
  /** Store flooding: records in one aggregate report. */
  maxRecordsPerReport: number;
  /** Per-record amplification: `reason`, `dkim` or `spf` entries in one record. */
  maxEntriesPerRecord: number;
  /** A giant text node kept in memory (a 50 MB `<org_name>`): characters in one field. */
  maxFieldChars: number;
  /** Deep nesting that exhausts the parser's stack: element depth in a report. */
  maxXmlDepth: number;
  /** TLS-RPT JSON: policies and failure details in one report (store flooding). */
  maxTlsEntries: number;
}

/** Defaults sized far above real reports (the largest seen in the wild are tens of MB). */
export const DEFAULT_REPORT_LIMITS: Readonly<ReportLimits> = Object.freeze({
  maxDecompressedBytes: 256 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxArchiveMembers: 64,
  maxNestingDepth: 3,
  maxMessageBytes: 64 * 1024 * 1024,
  maxRecordsPerReport: 2_000_000,
  maxEntriesPerRecord: 100,
  maxFieldChars: 64 * 1024,
  maxXmlDepth: 32,
  maxTlsEntries: 100_000,
});

/** Merges options over the defaults and validates each one (a bad limit is a programmer error). */
export function resolveReportLimits(options: Partial<ReportLimits> = {}): ReportLimits {
  const l = { ...DEFAULT_REPORT_LIMITS, ...options };
  const max = Number.MAX_SAFE_INTEGER;
  return {
    maxDecompressedBytes: checkLimit('maxDecompressedBytes', l.maxDecompressedBytes, 1, max),
    maxCompressionRatio: checkLimit('maxCompressionRatio', l.maxCompressionRatio, 1, 100_000),
    maxArchiveMembers: checkLimit('maxArchiveMembers', l.maxArchiveMembers, 1, 100_000),
    maxNestingDepth: checkLimit('maxNestingDepth', l.maxNestingDepth, 1, 16),
    maxMessageBytes: checkLimit('maxMessageBytes', l.maxMessageBytes, 1, max),
    maxRecordsPerReport: checkLimit('maxRecordsPerReport', l.maxRecordsPerReport, 1, max),
    maxEntriesPerRecord: checkLimit('maxEntriesPerRecord', l.maxEntriesPerRecord, 1, 100_000),
    maxFieldChars: checkLimit('maxFieldChars', l.maxFieldChars, 16, 16 * 1024 * 1024),
    maxXmlDepth: checkLimit('maxXmlDepth', l.maxXmlDepth, 4, 1000),
    maxTlsEntries: checkLimit('maxTlsEntries', l.maxTlsEntries, 1, max),
  };
}
