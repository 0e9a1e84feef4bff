import type { DnsAnswer, DnsExchange, ResolveOptions, Resolver, RRType } from './types.ts';

/** A resolver that remembers what it answered, for `--evidence` transcripts. */
export interface Transcript {
  /** Use this resolver; every lookup through it is recorded. */
  readonly resolver: Resolver;
  /** Every exchange of every recorded answer, answers in the order they were asked. */
  exchanges(): DnsExchange[];
  /** The answers in the order the lookups were asked (lookups still running are left out). */
  answers(): DnsAnswer[];
  /** Forgets what was recorded so far. */
  clear(): void;
}

/**
 * Records every answer and its exchanges. Order is the order of the calls, not of completion, so
 * a transcript of concurrent lookups reads the same on every run. Aborted lookups leave no entry.
 * @example const t = withTranscript(resolver); await checkSpf(t.resolver, ...); print(t.exchanges());
 */
export function withTranscript(resolver: Resolver): Transcript {
  let slots: Array<{ answer?: DnsAnswer }> = [];
  return {
    resolver: {
      async resolve(name: string, type: RRType, options?: ResolveOptions) {
        const slot: { answer?: DnsAnswer } = {};
        slots.push(slot);
        const answer = await resolver.resolve(name, type, options);
        slot.answer = answer;
        return answer;
      },
    },
    answers: () => slots.flatMap((s) => (s.answer ? [s.answer] : [])),
    exchanges: () => slots.flatMap((s) => s.answer?.exchanges ?? []),
    clear: () => {
      slots = [];
    },
  };
}
