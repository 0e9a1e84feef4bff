import { AggregateSax } from './aggregate-sax.ts';
import { checkRecord, validateHeader } from './aggregate-validate.ts';
import { resolveReportLimits, type ReportLimits } from './limits.ts';
import type { AggregateHeader, AggregateRecord, AggregateReport, ParseOutcome } from './types.ts';
import { decodeXmlChunks } from './xml-text.ts';

/** A slice of a report as it streams: the header (always the same) and the next records. */
export interface AggregateBatch {
  header: AggregateHeader;
  records: AggregateRecord[];
}

/** How a streamed parse ended: the totals, or why the report is refused. */
export type AggregateEnd =
  | { ok: true; header: AggregateHeader; records: number; messages: number }
  | { ok: false; reason: string };

/**
 * Parses an aggregate report in batches (RFC 7489 appendix C, RFC 9990): each yielded batch holds
 * the records completed in about `chunkBytes` of input, so a 100 MB report never sits in memory
 * as objects. The header is validated before the first batch; a batch is only final once the
 * generator returns `ok: true` (a later record can still refuse the whole report).
 * @example
 * const gen = aggregateBatches(bytes); let step = gen.next();
 * while (!step.done) { store(step.value.records); step = gen.next(); }
 */
export function* aggregateBatches(
  bytes: Uint8Array,
  options: { limits?: Partial<ReportLimits>; chunkBytes?: number } = {},
): Generator<AggregateBatch, AggregateEnd> {
  const sax = new AggregateSax(resolveReportLimits(options.limits));
  let header: AggregateHeader | null = null;
  let held: AggregateRecord[] = [];
  let index = 0;
  let messages = 0;
  let sawText = false;
  const drain = (): string | null => {
    for (const record of sax.takeRecords()) {
      const bad = checkRecord(record, index);
      if (bad === 'skip') continue;
      if (bad) return bad;
      index++;
      messages += record.count;
      held.push(record);
    }
    return null;
  };
  const feed = (chunk: string | null): string | null => {
    sax.write(chunk);
    return drain() ?? sax.refused;
  };
  for (const chunk of decodeXmlChunks(bytes, options.chunkBytes)) {
    if (!sawText && chunk.trim() !== '') sawText = true;
    const bad = feed(chunk);
    if (bad) return { ok: false, reason: bad };
    // The header is complete once records start, if metadata and policy came first (as always).
    if (header === null && sax.recordsStarted && sax.header.seenMetadata && sax.header.seenPolicy) {
      const checked = validateHeader(sax.header);
      if (!checked.ok) return checked;
      header = checked.value;
    }
    if (header && held.length > 0) {
      yield { header, records: held };
      held = [];
    }
  }
  if (!sawText) return { ok: false, reason: 'the file is empty' };
  const bad = feed(null);
  if (bad) return { ok: false, reason: bad };
  if (!sax.feedbackClosed) {
    return { ok: false, reason: 'not a DMARC aggregate report (no complete <feedback> element)' };
  }
  if (header === null) {
    const checked = validateHeader(sax.header);
    if (!checked.ok) return checked;
    header = checked.value;
  }
  if (held.length > 0) yield { header, records: held };
  return { ok: true, header, records: index, messages };
}

/**
 * Parses a whole aggregate report into one value (records included).
 * @example const outcome = parseAggregateReport(readFileSync('report.xml'));
 */
export function parseAggregateReport(
  bytes: Uint8Array,
  options: { limits?: Partial<ReportLimits> } = {},
): ParseOutcome<AggregateReport> {
  const records: AggregateRecord[] = [];
  const gen = aggregateBatches(bytes, options);
  let step = gen.next();
  while (!step.done) {
    for (const r of step.value.records) records.push(r);
    step = gen.next();
  }
  const end = step.value;
  if (!end.ok) return end;
  return { ok: true, report: { kind: 'aggregate', ...end.header, records } };
}
