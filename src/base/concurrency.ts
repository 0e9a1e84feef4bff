/**
 * A counting semaphore: at most `limit` tasks run at once; the rest wait in FIFO order.
 * A finishing task hands its slot straight to the next waiter, so the limit is never exceeded.
 * @example const run = limitConcurrency(8); await run(() => fetchSomething());
 */
export function limitConcurrency(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
