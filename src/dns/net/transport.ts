import type { ParsedResponse } from './packet.ts';

/** What one send over one transport came to. */
export type TransportResult =
  | { kind: 'response'; response: ParsedResponse }
  | { kind: 'timeout'; timeoutMs: number; garbage?: string }
  | { kind: 'malformed'; reason: string }
  | { kind: 'error'; message: string };

/**
 * Runs `start` until it settles through `done`, with a timer and an abort signal. `start` returns
 * its cleanup (close the socket); it runs exactly once, whichever way the send ends. An abort
 * rejects with the signal's reason: aborts are the one thing a resolver may reject for.
 */
export function withDeadline(
  timeoutMs: number,
  signal: AbortSignal | undefined,
  start: (done: (result: TransportResult) => void) => () => void,
  onTimeout: () => TransportResult,
): Promise<TransportResult> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let settled = false;
    let cleanup: () => void = () => {};
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      cleanup();
      action();
    };
    const onAbort = () => finish(() => reject(signal?.reason));
    const timer = setTimeout(() => finish(() => resolve(onTimeout())), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    cleanup = start((result) => finish(() => resolve(result)));
    if (settled) cleanup();
  });
}
