/** What an ingest did with one source item (a file, or a mail message). */
export interface ItemOutcome {
  ingested: number;
  duplicates: number;
  /** Reasons of every refused part; empty when nothing was refused. */
  refused: string[];
}

/**
 * One input from a source: its bytes, or the reason it could not be read. `settle` runs after
 * the item's reports are committed (IMAP moves the message then, never before).
 */
export type SourceItem =
  | { source: string; bytes: Uint8Array; settle?: (outcome: ItemOutcome) => Promise<void> }
  /** A large file read in chunks: a plain XML report streams through without being held whole. */
  | { source: string; size: number; stream: () => AsyncIterable<Uint8Array> }
  | { source: string; error: string };
