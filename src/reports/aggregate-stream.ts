import { AggregateSax } from './aggregate-sax.ts';
import { checkRecord, validateHeader } from './aggregate-validate.ts';
import type { ReportLimits } from './limits.ts';
import type { AggregateHeader, AggregateRecord } from './types.ts';

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
 * The parse state of one aggregate report fed text chunk by chunk: records are checked as they
 * complete and handed out in batches once the header is known and valid. Shared by the in-memory
 * and the streaming entry points.
 */
export class AggregateStream {
  private readonly sax: AggregateSax;
  private header: AggregateHeader | null = null;
  private held: AggregateRecord[] = [];
  private index = 0;
  private messages = 0;
  private sawText = false;

  constructor(limits: ReportLimits) {
    this.sax = new AggregateSax(limits);
  }

  /** Feeds a chunk of text: a batch to store (or null), or the end when the report is refused. */
  feed(chunk: string): { batch: AggregateBatch | null } | { end: AggregateEnd } {
    if (!this.sawText && chunk.trim() !== '') this.sawText = true;
    const bad = this.write(chunk);
    if (bad) return { end: { ok: false, reason: bad } };
    const sax = this.sax;
    // The header is complete once records start, if metadata and policy came first (as always).
    if (
      this.header === null &&
      sax.recordsStarted &&
      sax.header.seenMetadata &&
      sax.header.seenPolicy
    ) {
      const checked = validateHeader(sax.header);
      if (!checked.ok) return { end: checked };
      this.header = checked.value;
    }
    return { batch: this.take() };
  }

  /** Ends the input: the last batch (if any) and how the report ended. */
  finish(): { batch: AggregateBatch | null; end: AggregateEnd } {
    const refuse = (reason: string) => ({ batch: null, end: { ok: false as const, reason } });
    if (!this.sawText) return refuse('the file is empty');
    const bad = this.write(null);
    if (bad) return refuse(bad);
    if (!this.sax.feedbackClosed) {
      return refuse('not a DMARC aggregate report (no complete <feedback> element)');
    }
    if (this.header === null) {
      const checked = validateHeader(this.sax.header);
      if (!checked.ok) return refuse(checked.reason);
      this.header = checked.value;
    }
    const header = this.header;
    return {
      batch: this.take(),
      end: { ok: true, header, records: this.index, messages: this.messages },
    };
  }

  private take(): AggregateBatch | null {
    if (this.header === null || this.held.length === 0) return null;
    const batch = { header: this.header, records: this.held };
    this.held = [];
    return batch;
  }

  private write(chunk: string | null): string | null {
    this.sax.write(chunk);
    for (const record of this.sax.takeRecords()) {
      const bad = checkRecord(record, this.index);
      if (bad === 'skip') continue;
      if (bad) return bad;
      this.index++;
      this.messages += record.count;
      this.held.push(record);
    }
    return this.sax.refused;
  }
}
