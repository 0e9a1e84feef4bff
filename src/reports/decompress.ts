import { gunzipSync } from 'node:zlib';
import { Unzip, UnzipInflate } from 'fflate';
import type { ReportLimits } from './limits.ts';

/**
 * The decompressed-bytes budget of one input, shared by every layer and member: a bomb is
 * stopped when the total, not just one member, goes over (threat: many members each under the
 * per-file limit).
 */
export class Budget {
  used = 0;
  constructor(readonly limits: ReportLimits) {}

  /** Bytes one layer of `compressedBytes` may still expand to (total and ratio limits). */
  allowance(compressedBytes: number): number {
    const byRatio = Math.max(1 << 20, compressedBytes * this.limits.maxCompressionRatio);
    return Math.max(0, Math.min(this.limits.maxDecompressedBytes - this.used, byRatio));
  }

  describe(compressedBytes: number): string {
    const remaining = this.limits.maxDecompressedBytes - this.used;
    const byRatio = Math.max(1 << 20, compressedBytes * this.limits.maxCompressionRatio);
    return byRatio < remaining
      ? `decompression bomb: expands more than ${this.limits.maxCompressionRatio}:1`
      : `decompression bomb: expands beyond ${this.limits.maxDecompressedBytes} bytes`;
  }
}

export type Decompressed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Drops trailing CR, LF and space bytes (mimecast appends a CRLF after the gzip trailer). */
function trimTrailingJunk(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && [0x0d, 0x0a, 0x20].includes(bytes[end - 1] ?? -1)) end--;
  return bytes.subarray(0, end);
}

/** Gunzips with an output cap (RFC 1952; concatenated members are joined, as gzip(1) does). */
export function gunzipLimited(input: Uint8Array, budget: Budget): Decompressed<Uint8Array> {
  const first = gunzipOnce(input, budget);
  if (first.ok || !first.reason.startsWith('corrupt')) return first;
  // zlib reads bytes after a member as the next member and fails on a trailing CRLF.
  const trimmed = trimTrailingJunk(input);
  return trimmed.length < input.length ? gunzipOnce(trimmed, budget) : first;
}

function gunzipOnce(bytes: Uint8Array, budget: Budget): Decompressed<Uint8Array> {
  const cap = budget.allowance(bytes.length);
  try {
    const out = gunzipSync(bytes, { maxOutputLength: Math.max(1, cap) });
    if (out.length > cap) return { ok: false, reason: budget.describe(bytes.length) };
    budget.used += out.length;
    return { ok: true, value: out };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      return { ok: false, reason: budget.describe(bytes.length) };
    }
    return { ok: false, reason: `corrupt gzip data: ${(err as Error).message}` };
  }
}

/**
 * Unzips every member (not just the first: some reporters split a report or add a readme),
 * streaming each through a counter so a member that lies about its size is stopped at the cap.
 */
export function unzipLimited(
  bytes: Uint8Array,
  budget: Budget,
): Decompressed<Array<{ name: string; bytes: Uint8Array }>> {
  const members: Array<{ name: string; bytes: Uint8Array }> = [];
  const cap = budget.allowance(bytes.length);
  let total = 0;
  let failure: string | null = null;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file) => {
    if (failure) return;
    if (file.name.endsWith('/')) return; // a directory entry
    if (members.length >= budget.limits.maxArchiveMembers) {
      failure = `zip bomb: more than ${budget.limits.maxArchiveMembers} members`;
      return;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, data, final) => {
      if (failure) return;
      if (err) {
        failure = `corrupt zip member ${file.name}: ${err.message}`;
        return;
      }
      size += data.length;
      total += data.length;
      if (total > cap) {
        failure = budget.describe(bytes.length);
        file.terminate();
        return;
      }
      chunks.push(data);
      if (final) members.push({ name: file.name, bytes: Buffer.concat(chunks, size) });
    };
    file.start();
  };
  try {
    unzip.push(bytes, true);
  } catch (err) {
    failure ??= `corrupt zip archive: ${(err as Error).message}`;
  }
  if (failure) return { ok: false, reason: failure };
  if (members.length === 0) return { ok: false, reason: 'the zip archive has no files' };
  budget.used += total;
  return { ok: true, value: members };
}
