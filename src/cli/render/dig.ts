import { isoTime } from '../../base/clock.ts';
import { formatRecord } from '../../dns/format-record.ts';
import type { DnsExchange } from '../../dns/types.ts';

/**
 * A dig-style transcript of one exchange: the question, the server, the header (rcode, flags),
 * the answer and authority sections with TTLs, the time taken and when. Ready to paste into a
 * support ticket.
 */
export function formatExchange(ex: DnsExchange): string {
  const lines: string[] = [];
  lines.push(`; <<>> mxray <<>> @${ex.server} ${ex.name} ${ex.type} (${ex.transport})`);
  if (ex.rcode === null) {
    lines.push(`;; no response: ${ex.error ?? 'no answer'}`);
  } else {
    const flags = ex.flags
      ? ['qr', ex.flags.aa && 'aa', ex.flags.tc && 'tc', ex.flags.rd && 'rd', ex.flags.ra && 'ra']
          .filter(Boolean)
          .join(' ')
      : 'qr';
    lines.push(
      `;; ->>HEADER<<- status: ${ex.rcode}, flags: ${flags}; ANSWER: ${ex.answers.length}, AUTHORITY: ${ex.authority.length}`,
    );
    lines.push(';; QUESTION SECTION:', `;${ex.name}.\t\tIN\t${ex.type}`);
    if (ex.answers.length > 0) lines.push(';; ANSWER SECTION:', ...ex.answers.map(formatRecord));
    if (ex.authority.length > 0)
      lines.push(';; AUTHORITY SECTION:', ...ex.authority.map(formatRecord));
  }
  lines.push(`;; Query time: ${ex.elapsedMs.toFixed(1)} msec`);
  lines.push(`;; SERVER: ${ex.server} (${ex.transport})`);
  lines.push(`;; WHEN: ${isoTime(ex.sentAt)}`);
  return lines.join('\n');
}

/** Transcripts of several exchanges, separated by blank lines. */
export function formatTranscript(exchanges: readonly DnsExchange[]): string {
  return exchanges.map(formatExchange).join('\n\n');
}
