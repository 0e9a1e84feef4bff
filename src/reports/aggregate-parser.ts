import { AggregateStream, type AggregateBatch, type AggregateEnd } from './aggregate-stream.ts';
import { resolveReportLimits, type ReportLimits } from './limits.ts';
import type { AggregateRecord, AggregateReport, ParseOutcome } from './types.ts';
import { createXmlDecoder, decodeXmlChunks } from './xml-text.ts';

export type { AggregateBatch, AggregateEnd } from './aggregate-stream.ts';

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
  const stream = new AggregateStream(resolveReportLimits(options.limits));
  for (const chunk of decodeXmlChunks(bytes, options.chunkBytes)) {
    const step = stream.feed(chunk);
    if ('end' in step) return step.end;
    if (step.batch) yield step.batch;
  }
  const last = stream.finish();
  if (last.batch) yield last.batch;
  return last.end;
}

/**
 * {@link aggregateBatches} over a byte stream (a file read in chunks): the report is never
 * whole in memory, neither as bytes nor as records.
 * @example for await (const batch of aggregateBatchesFromStream(createReadStream(path))) ...
 */
export async function* aggregateBatchesFromStream(
  chunks: AsyncIterable<Uint8Array>,
  options: { limits?: Partial<ReportLimits> } = {},
): AsyncGenerator<AggregateBatch, AggregateEnd> {
  const stream = new AggregateStream(resolveReportLimits(options.limits));
  let decoder: ReturnType<typeof createXmlDecoder> | null = null;
  for await (const bytes of chunks) {
    decoder ??= createXmlDecoder(bytes);
    const step = stream.feed(decoder.decode(bytes, { stream: true }));
    if ('end' in step) return step.end;
    if (step.batch) yield step.batch;
  }
  const tail = decoder?.decode() ?? '';
  if (tail !== '') {
    const step = stream.feed(tail);
    if ('end' in step) return step.end;
    if (step.batch) yield step.batch;
  }
  const last = stream.finish();
  if (last.batch) yield last.batch;
  return last.end;
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
