import { describe, expect, it } from 'vitest';
import { limitConcurrency } from '../../src/base/concurrency.ts';

describe('limitConcurrency', () => {
  it('never runs more than the limit at once and runs every task', async () => {
    const run = limitConcurrency(3);
    let active = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        run(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 1 + (i % 3)));
          active--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
