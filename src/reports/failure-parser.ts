import { createHash } from 'node:crypto';
import { canonicalIp } from './aggregate-validate.ts';
import { fieldValue, readHeaderBlock } from './header-block.ts';
import type { FailureReport, ParseOutcome } from './types.ts';

/** The parts of a report mail a failure report is made of. */
export interface FailureParts {
  /** Who sent the report mail (its From address), the reporter identity. */
  reporter: string;
  /** The `message/feedback-report` part (RFC 5965 3.1). */
  feedback: Uint8Array;
  /** The `message/rfc822` or `text/rfc822-headers` part, when present (RFC 5965 2 (c)). */
  original: Uint8Array | null;
}

const decode = (b: Uint8Array): string => new TextDecoder('utf-8', { fatal: false }).decode(b);

/** The domain of an address in angle brackets or bare, lower-cased. */
function addressDomain(value: string | null): string | null {
  if (!value) return null;
  const at = value.lastIndexOf('@');
  if (at < 0) return null;
  return (
    value
      .slice(at + 1)
      .replace(/[>\s].*$/, '')
      .toLowerCase() || null
  );
}

/**
 * Parses a DMARC failure report (RFC 6591, RFC 9991) from its ARF parts: the feedback fields and
 * the original message's headers. Refuses a report whose Feedback-Type is not `auth-failure`
 * (RFC 6591 3.1: DMARC failure reports use that type; `abuse` and others are not ours).
 * @example parseFailureReport({ reporter: 'dmarc@linkedin.com', feedback, original })
 */
export function parseFailureReport(parts: FailureParts): ParseOutcome<FailureReport> {
  const feedbackText = decode(parts.feedback);
  const fields = readHeaderBlock(feedbackText.replace(/^\s+/, ''));
  const feedbackType = fieldValue(fields, 'Feedback-Type')?.toLowerCase() ?? null;
  if (!feedbackType) return { ok: false, reason: 'the ARF part has no Feedback-Type' };
  if (feedbackType !== 'auth-failure') {
    return { ok: false, reason: `not a DMARC failure report (Feedback-Type: ${feedbackType})` };
  }
  const originalText = parts.original ? decode(parts.original) : '';
  const originalHeaders = readHeaderBlock(originalText);
  const sourceText = fieldValue(fields, 'Source-IP');
  const digest = createHash('sha256')
    .update(feedbackText)
    .update('\0')
    .update(originalText.slice(0, originalText.search(/\r?\n\r?\n|$/)))
    .digest('hex')
    .slice(0, 32);
  const reportedDomain =
    fieldValue(fields, 'Reported-Domain')?.toLowerCase() ??
    addressDomain(fieldValue(originalHeaders, 'From'));
  return {
    ok: true,
    report: {
      kind: 'failure',
      reportId: digest,
      reporter: parts.reporter,
      feedbackType,
      userAgent: fieldValue(fields, 'User-Agent'),
      arrivalDate: fieldValue(fields, 'Arrival-Date') ?? fieldValue(fields, 'Received-Date'),
      sourceIp: sourceText ? (canonicalIp(sourceText.trim()) ?? sourceText.trim()) : null,
      originalMailFrom: fieldValue(fields, 'Original-Mail-From'),
      originalRcptTo: fieldValue(fields, 'Original-Rcpt-To'),
      reportedDomain,
      authFailure: fieldValue(fields, 'Auth-Failure')?.toLowerCase() ?? null,
      deliveryResult: fieldValue(fields, 'Delivery-Result')?.toLowerCase() ?? null,
      dkimDomain: fieldValue(fields, 'DKIM-Domain')?.toLowerCase() ?? null,
      dkimSelector: fieldValue(fields, 'DKIM-Selector'),
      identityAlignment: fieldValue(fields, 'Identity-Alignment')?.toLowerCase() ?? null,
      originalHeaders,
    },
  };
}
