import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../base/clock.ts';
import { silentLogger, type Logger } from '../base/logger.ts';
import { addToQuarantine } from '../store/quarantine-queries.ts';
import type { Database } from '../store/schema.ts';
import type { InsertMany } from '../store/store.ts';
import { aggregateBatches, aggregateBatchesFromStream } from './aggregate-parser.ts';
import { parseFailureReport } from './failure-parser.ts';
import { sniff } from './sniff.ts';
import { resolveReportLimits, type ReportLimits } from './limits.ts';
import type { ItemOutcome, SourceItem } from './sources/types.ts';
import { storeAggregate, storeFailure, storeTls, type StoreOutcome } from './store-report.ts';
import { parseTlsReport } from './tls-parser.ts';
import { unpack, type Unpacked } from './unpack.ts';

/** Running totals of an ingest, also passed to `onProgress` after each item. */
export interface IngestResult {
  /** Source items read (files, messages). */
  items: number;
  /** Reports stored. */
  ingested: number;
  /** Reports already in the store (same reporter and report id), skipped. */
  duplicates: number;
  records: number;
  messages: number;
  /** Every refused input or part, with the reason. */
  refused: Array<{ source: string; reason: string }>;
}

/** Where an ingest writes: a store's Kysely handle and, optionally, its fast bulk insert. */
export interface IngestTarget {
  db: Kysely<Database>;
  insertMany?: InsertMany;
}

export interface IngestOptions {
  clock: Clock;
  logger?: Logger;
  limits?: Partial<ReportLimits>;
  onProgress?: (progress: IngestResult) => void;
}

async function* toAsync<T, R>(gen: Generator<T, R>): AsyncGenerator<T, R> {
  let step = gen.next();
  while (!step.done) {
    yield step.value;
    step = gen.next();
  }
  return step.value;
}

/** The first chunk of a stream and an iterable of the whole stream, that chunk included. */
async function peek(
  stream: AsyncIterable<Uint8Array>,
): Promise<{ head: Uint8Array; all: AsyncIterable<Uint8Array> }> {
  const it = stream[Symbol.asyncIterator]();
  const first = await it.next();
  const head = first.done ? new Uint8Array(0) : first.value;
  async function* all(): AsyncGenerator<Uint8Array> {
    if (!first.done) yield first.value;
    for (let step = await it.next(); !step.done; step = await it.next()) yield step.value;
  }
  return { head, all: all() };
}

/** Collects a stream into bytes, or null past `max` bytes (memory exhaustion by one input). */
async function collect(stream: AsyncIterable<Uint8Array>, max: number): Promise<Uint8Array | null> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const part of stream) {
    size += part.length;
    if (size > max) return null;
    parts.push(part);
  }
  return Buffer.concat(parts, size);
}

const digest = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function storeUnit(
  target: IngestTarget,
  unit: Exclude<Unpacked, { kind: 'refused' }>,
  meta: { source: string; now: number; limits: ReportLimits },
): Promise<StoreOutcome> {
  const db = target.db;
  switch (unit.kind) {
    case 'aggregate':
      return storeAggregate(db, toAsync(aggregateBatches(unit.bytes, { limits: meta.limits })), {
        ...meta,
        ...(target.insertMany ? { insertMany: target.insertMany } : {}),
      });
    case 'tls': {
      const parsed = parseTlsReport(unit.bytes, { limits: meta.limits });
      return parsed.ok
        ? storeTls(db, parsed.report, meta)
        : { status: 'refused', reason: parsed.reason };
    }
    case 'failure': {
      const parsed = parseFailureReport(unit.parts);
      return parsed.ok
        ? storeFailure(db, parsed.report, meta)
        : { status: 'refused', reason: parsed.reason };
    }
  }
}

/**
 * Ingests every report of every item: unpack, parse, store (one transaction per report),
 * quarantine what is refused, then `settle` the item. Nothing an input contains stops the batch:
 * a refusal is recorded with its reason and the next item goes on. Re-running over the same
 * inputs stores nothing new (duplicates are counted and skipped).
 * @example const result = await ingestReports(store, fileSource(['reports/']), { clock });
 */
export async function ingestReports(
  target: IngestTarget,
  items: AsyncIterable<SourceItem>,
  options: IngestOptions,
): Promise<IngestResult> {
  const db = target.db;
  const limits = resolveReportLimits(options.limits);
  const logger = options.logger ?? silentLogger;
  const result: IngestResult = {
    items: 0,
    ingested: 0,
    duplicates: 0,
    records: 0,
    messages: 0,
    refused: [],
  };
  for await (const item of items) {
    result.items++;
    const now = options.clock.now();
    const outcome: ItemOutcome = { ingested: 0, duplicates: 0, refused: [] };
    const refuse = async (name: string, reason: string, bytes: Uint8Array | null) => {
      outcome.refused.push(reason);
      result.refused.push({ source: name, reason });
      logger.warn('report refused', { source: name, reason });
      await addToQuarantine(db, {
        source: item.source,
        name,
        reason,
        digest: digest(bytes ?? new TextEncoder().encode(name)),
        size: bytes?.length ?? 0,
        created_at: Math.floor(now / 1000),
      });
    };
    const tally = async (stored: StoreOutcome, name: string, bytes: Uint8Array | null) => {
      if (stored.status === 'ingested') {
        outcome.ingested++;
        result.ingested++;
        result.records += stored.records;
        result.messages += stored.messages;
      } else if (stored.status === 'duplicate') {
        outcome.duplicates++;
        result.duplicates++;
      } else {
        await refuse(name, stored.reason, bytes);
      }
    };
    const unpackAndStore = async (bytes: Uint8Array) => {
      for (const unit of await unpack(item.source, bytes, limits)) {
        if (unit.kind === 'refused') {
          await refuse(unit.name, unit.reason, bytes);
          continue;
        }
        const stored = await storeUnit(target, unit, { source: item.source, now, limits });
        await tally(stored, unit.name, unit.kind === 'failure' ? bytes : unit.bytes);
      }
    };
    if ('error' in item) {
      await refuse(item.source, item.error, null);
    } else if ('stream' in item) {
      let readError: string | null = null;
      const guardedStream = async function* (): AsyncGenerator<Uint8Array> {
        try {
          yield* item.stream();
        } catch (err) {
          // A read error ends the input; the parser then refuses the truncated report.
          readError = `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
        }
      };
      const { head, all } = await peek(guardedStream());
      if (sniff(head) === 'xml') {
        const batches = aggregateBatchesFromStream(all, { limits });
        const stored = await storeAggregate(target.db, batches, {
          source: item.source,
          now,
          ...(target.insertMany ? { insertMany: target.insertMany } : {}),
        });
        const failed = readError;
        await tally(failed ? { status: 'refused', reason: failed } : stored, item.source, null);
      } else {
        // A big archive or mail: unpacked in memory, within the message size limit.
        const bytes = await collect(all, limits.maxMessageBytes);
        if (readError) await refuse(item.source, readError, null);
        else if (bytes) await unpackAndStore(bytes);
        else
          await refuse(
            item.source,
            `larger than ${limits.maxMessageBytes} bytes and not a plain XML report`,
            null,
          );
      }
    } else {
      await unpackAndStore(item.bytes);
      await item.settle?.(outcome);
    }
    options.onProgress?.(result);
  }
  return result;
}
