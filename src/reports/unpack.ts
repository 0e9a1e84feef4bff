import PostalMime from 'postal-mime';
import { Budget, gunzipLimited, unzipLimited } from './decompress.ts';
import type { FailureParts } from './failure-parser.ts';
import { resolveReportLimits, type ReportLimits } from './limits.ts';
import { sniff } from './sniff.ts';

/** One thing found inside an input, ready for its parser, or why it was refused. */
export type Unpacked =
  | { kind: 'aggregate'; name: string; bytes: Uint8Array }
  | { kind: 'tls'; name: string; bytes: Uint8Array }
  | { kind: 'failure'; name: string; parts: FailureParts }
  | { kind: 'refused'; name: string; reason: string };

const FEEDBACK_TYPES = new Set(['message/feedback-report']);
const ORIGINAL_TYPES = new Set(['message/rfc822', 'text/rfc822-headers', 'message/rfc822-headers']);

async function unpackMail(
  name: string,
  bytes: Uint8Array,
  depth: number,
  budget: Budget,
  out: Unpacked[],
): Promise<void> {
  if (bytes.length > budget.limits.maxMessageBytes) {
    out.push({
      kind: 'refused',
      name,
      reason: `message larger than ${budget.limits.maxMessageBytes} bytes`,
    });
    return;
  }
  let mail;
  try {
    // postal-mime decodes multipart, base64 and quoted-printable; its own nesting and header
    // limits stop MIME bombs (deep multipart trees, megabyte header blocks).
    mail = await PostalMime.parse(bytes, {
      attachmentEncoding: 'arraybuffer',
      maxNestingDepth: 32,
      maxHeadersSize: 1 << 20,
    });
  } catch (err) {
    out.push({
      kind: 'refused',
      name,
      reason: `unreadable mail message: ${(err as Error).message}`,
    });
    return;
  }
  const attachments = mail.attachments.map((a) => ({
    type: a.mimeType.toLowerCase(),
    filename: a.filename ?? a.mimeType,
    bytes: new Uint8Array(a.content as ArrayBuffer),
  }));
  const feedback = attachments.find((a) => FEEDBACK_TYPES.has(a.type));
  if (feedback) {
    // RFC 5965 2: a multipart/report with a feedback part is one failure report, not attachments.
    const original = attachments.find((a) => ORIGINAL_TYPES.has(a.type));
    const reporter = mail.from && 'address' in mail.from ? (mail.from.address ?? '') : '';
    out.push({
      kind: 'failure',
      name,
      parts: {
        reporter: reporter.toLowerCase() || 'unknown',
        feedback: feedback.bytes,
        original: original?.bytes ?? null,
      },
    });
    return;
  }
  const before = out.length;
  for (const a of attachments) {
    const kind = sniff(a.bytes);
    // A forwarded report mail arrives as an attached message/rfc822: read it as a mail (nested
    // depth is limited); other text (a readme, a signature) is not a report and is skipped.
    const forwarded = ORIGINAL_TYPES.has(a.type);
    if (kind === 'empty' || kind === 'unknown' || (kind === 'mail') !== forwarded) continue;
    await unpackInto(`${name}/${a.filename}`, a.bytes, depth + 1, budget, out);
  }
  if (out.length === before) {
    out.push({
      kind: 'refused',
      name,
      reason: 'no report found in the message (no report attachment and no ARF part)',
    });
  }
}

async function unpackInto(
  name: string,
  bytes: Uint8Array,
  depth: number,
  budget: Budget,
  out: Unpacked[],
): Promise<void> {
  const kind = sniff(bytes);
  const nested = kind === 'gzip' || kind === 'zip';
  if (nested && depth >= budget.limits.maxNestingDepth) {
    out.push({
      kind: 'refused',
      name,
      reason: `nested archives deeper than ${budget.limits.maxNestingDepth} levels`,
    });
    return;
  }
  switch (kind) {
    case 'gzip': {
      const r = gunzipLimited(bytes, budget);
      if (!r.ok) out.push({ kind: 'refused', name, reason: r.reason });
      else await unpackInto(name.replace(/\.gz$/i, ''), r.value, depth + 1, budget, out);
      return;
    }
    case 'zip': {
      const r = unzipLimited(bytes, budget);
      if (!r.ok) out.push({ kind: 'refused', name, reason: r.reason });
      else
        for (const m of r.value)
          await unpackInto(`${name}/${m.name}`, m.bytes, depth + 1, budget, out);
      return;
    }
    case 'xml':
      out.push({ kind: 'aggregate', name, bytes });
      return;
    case 'json':
      out.push({ kind: 'tls', name, bytes });
      return;
    case 'mail':
      if (depth > 0 && depth >= budget.limits.maxNestingDepth) {
        out.push({ kind: 'refused', name, reason: 'a mail message nested too deep' });
        return;
      }
      await unpackMail(name, bytes, depth, budget, out);
      return;
    case 'empty':
      out.push({ kind: 'refused', name, reason: 'the file is empty' });
      return;
    case 'unknown':
      out.push({
        kind: 'refused',
        name,
        reason: 'not a report (neither XML, JSON, gzip, zip nor a mail message)',
      });
      return;
  }
}

/**
 * Unpacks one input (a file's or a message's bytes) into the reports it carries: `.xml`, `.gz`,
 * `.zip` (every member), `.json`, `.json.gz`, and mail messages with any of those attached. A bomb
 * or an unreadable layer becomes a `refused` entry with the reason; the other entries survive.
 * @example for (const item of await unpack('inbox/123.eml', bytes)) console.log(item.kind);
 */
export async function unpack(
  name: string,
  bytes: Uint8Array,
  limits: Partial<ReportLimits> = {},
): Promise<Unpacked[]> {
  const out: Unpacked[] = [];
  await unpackInto(name, bytes, 0, new Budget(resolveReportLimits(limits)), out);
  return out;
}
