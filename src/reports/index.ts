/**
 * DMARC aggregate and failure reports and SMTP TLS reports (`mxray/reports`): parsing, unpacking
 * with limits, the ingest pipeline and the summary. Sources (files, mbox, Maildir, IMAP) and the
 * store are adapters, exported from the package root.
 */
export {
  parseAggregateReport,
  aggregateBatches,
  aggregateBatchesFromStream,
} from './aggregate-parser.ts';
export { parseTlsReport } from './tls-parser.ts';
export { parseFailureReport } from './failure-parser.ts';
export { unpack } from './unpack.ts';
export { ingestReports } from './ingest.ts';
export { summarizeReports } from './summary.ts';
export { createReverseNamer } from './rdns.ts';
export { recognizeSender } from './senders.ts';
export type * from './types.ts';
export type * from './summary-types.ts';
