import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { looksLikeMbox, splitMbox } from './mbox.ts';
import type { SourceItem } from './types.ts';

/** Folder depth of the recursive walk (a symlink loop or a pathological tree). */
const MAX_DEPTH = 32;
/** Files larger than this are streamed (a 100 MB report is never read whole). */
const STREAM_ABOVE_BYTES = 8 * 1024 * 1024;
/** Read size of a streamed file: one parse batch. */
const STREAM_CHUNK_BYTES = 1024 * 1024;

async function startsWithFromLine(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(5);
    await handle.read(head, 0, 5, 0);
    return looksLikeMbox(head);
  } finally {
    await handle.close();
  }
}

async function isMaildir(dir: string): Promise<boolean> {
  const parts = await Promise.all(
    ['cur', 'new', 'tmp'].map((d) =>
      stat(path.join(dir, d)).then(
        (s) => s.isDirectory(),
        () => false,
      ),
    ),
  );
  return parts.every(Boolean);
}

async function* fileItems(file: string, size: number): AsyncGenerator<SourceItem> {
  let bytes: Uint8Array;
  try {
    if (size > STREAM_ABOVE_BYTES && !(await startsWithFromLine(file))) {
      yield {
        source: file,
        size,
        stream: () => createReadStream(file, { highWaterMark: STREAM_CHUNK_BYTES }),
      };
      return;
    }
    bytes = await readFile(file);
  } catch (err) {
    yield {
      source: file,
      error: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    };
    return;
  }
  if (looksLikeMbox(bytes)) {
    const messages = splitMbox(bytes);
    for (const [i, message] of messages.entries()) {
      yield { source: messages.length > 1 ? `${file}#${i + 1}` : file, bytes: message };
    }
    return;
  }
  yield { source: file, bytes };
}

/**
 * Folders already read, by device and inode: a symlink back to a parent (or two links to one folder)
 * would otherwise make the walk grow exponentially up to MAX_DEPTH.
 */
type Visited = Set<string>;

async function* walk(entry: string, depth: number, visited: Visited): AsyncGenerator<SourceItem> {
  let info;
  try {
    info = await stat(entry);
  } catch (err) {
    yield {
      source: entry,
      error: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    };
    return;
  }
  if (!info.isDirectory()) {
    yield* fileItems(entry, info.size);
    return;
  }
  const id = `${info.dev}:${info.ino}`;
  if (visited.has(id)) return;
  visited.add(id);
  if (depth >= MAX_DEPTH) {
    yield { source: entry, error: `folder nested deeper than ${MAX_DEPTH} levels` };
    return;
  }
  // Maildir: messages live in cur/ and new/; tmp/ holds deliveries in progress (never read).
  const maildir = await isMaildir(entry);
  let names: string[];
  try {
    names = maildir ? ['cur', 'new'] : (await readdir(entry)).sort();
  } catch (err) {
    // An unreadable folder (EACCES) is one refused input, not the end of the batch.
    yield {
      source: entry,
      error: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    };
    return;
  }
  for (const name of names) {
    if (!maildir && name.startsWith('.')) continue;
    yield* walk(path.join(entry, name), depth + 1, visited);
  }
}

/**
 * Reports from files and folders: each file is one input (`.xml`, `.gz`, `.zip`, `.json`, `.eml`
 * ...), folders are walked recursively in name order, an mbox file yields one input per message
 * and a Maildir (a folder with cur/, new/, tmp/) one per message in cur/ and new/.
 * @example for await (const item of fileSource(['~/dmarc'])) ...
 */
export async function* fileSource(paths: string[]): AsyncGenerator<SourceItem> {
  const visited: Visited = new Set();
  for (const p of paths) yield* walk(p, 0, visited);
}
