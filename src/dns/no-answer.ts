import type { DnsAnswer, DnsStatus, RRType } from './types.ts';

/**
 * An answer for a question that was never sent (an invalid name, a spent lookup budget, a test
 * double that stays silent): no exchanges, no server, the status and the reason in plain words.
 */
export function answerWithoutQuery(
  name: string,
  type: RRType,
  status: DnsStatus,
  reason?: string,
): DnsAnswer {
  const answer: DnsAnswer = {
    name,
    type,
    status,
    rcode: null,
    records: [],
    chain: [],
    finalName: name,
    authoritative: false,
    server: null,
    elapsedMs: 0,
    exchanges: [],
  };
  if (reason !== undefined) answer.error = reason;
  return answer;
}
