import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../base/clock.ts';
import { silentLogger, type Logger } from '../base/logger.ts';
import { addToQuarantine } from '../store/quarantine-queries.ts';
import type { Database } from '../store/schema.ts';
import type { InsertMany } from '../store/store.ts';
import { parseFailureReport } from './failure-parser.ts';
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

const digest = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function storeUnit(
  target: IngestTarget,
  unit: Exclude<Unpacked, { kind: 'refused' }>,
  meta: { source: string; now: number; limits: ReportLimits },
): Promise<StoreOutcome> {
  const db = target.db;
  switch (unit.kind) {
    case 'aggregate':
      return storeAggregate(db, unit.bytes, {
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
    if ('error' in item) {
      await refuse(item.source, item.error, null);
    } else {
      for (const unit of await unpack(item.source, item.bytes, limits)) {
        if (unit.kind === 'refused') {
          await refuse(unit.name, unit.reason, item.bytes);
          continue;
        }
        const stored = await storeUnit(target, unit, { source: item.source, now, limits });
        if (stored.status === 'ingested') {
          outcome.ingested++;
          result.ingested++;
          result.records += stored.records;
          result.messages += stored.messages;
        } else if (stored.status === 'duplicate') {
          outcome.duplicates++;
          result.duplicates++;
        } else {
          await refuse(unit.name, stored.reason, unit.kind === 'failure' ? item.bytes : unit.bytes);
        }
      }
      await item.settle?.(outcome);
    }
    options.onProgress?.(result);
  }
  return result;
}
