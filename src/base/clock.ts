/**
 * The only place that reads the wall clock. Everything else receives a {@link Clock}, so tests can
 * pin time (DKIM `x=`, report windows) and nothing hides a dependency on "now".
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** A monotonic reading in milliseconds, for measuring elapsed time only. */
  monotonic(): number;
}

/** The real clock: `Date.now()` and `performance.now()`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
};

/**
 * A clock that stands still unless advanced; for tests and reproducible runs.
 * @example const clock = fixedClock(Date.UTC(2026, 0, 1)); clock.advance(1000);
 */
export function fixedClock(startMs: number): Clock & { advance(ms: number): void } {
  let t = startMs;
  let m = 0;
  return {
    now: () => t,
    monotonic: () => m,
    advance(ms: number) {
      t += ms;
      m += ms;
    },
  };
}

/** ISO-8601 text of an epoch-milliseconds instant (a pure conversion, no clock read). */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
