import { MAX_REPORT_URIS } from './limits.ts';
import { clip } from './tag-list.ts';
import type { DmarcIssue, DmarcUri } from './types.ts';

/** RFC 3986 3.1 scheme, then anything without whitespace (commas and "!" must be %-encoded). */
const URI = /^([a-z][a-z0-9+.-]*):(\S+)$/i;
/** RFC 7489 6.2: `"!" 1*DIGIT [ "k" / "m" / "g" / "t" ]`, units are powers of two. */
const SIZE_SUFFIX = /!(\d+)([kmgt])?$/i;
const UNIT: Record<string, number> = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/**
 * Parses a `rua`/`ruf` value: comma-separated `dmarc-uri`s (RFC 7489 6.2, 6.4). Invalid URIs are
 * dropped with a warning, as RFC 7489 6.3 asks for syntax errors in a tag.
 */
export function parseReportUris(
  tag: 'rua' | 'ruf',
  value: string,
  issues: DmarcIssue[],
): DmarcUri[] {
  const uris: DmarcUri[] = [];
  for (const raw of value.split(',')) {
    const text = raw.trim();
    if (text === '') continue;
    if (uris.length >= MAX_REPORT_URIS) {
      issues.push({
        tag,
        severity: 'warning',
        message: `more than ${MAX_REPORT_URIS} URIs; the rest are ignored`,
      });
      break;
    }
    const parsed = parseOneUri(text);
    if (typeof parsed === 'string') issues.push({ tag, severity: 'warning', message: parsed });
    else uris.push(parsed);
  }
  return uris;
}

function parseOneUri(text: string): DmarcUri | string {
  let uriText = text;
  let size: number | undefined;
  const suffix = SIZE_SUFFIX.exec(text);
  if (suffix) {
    uriText = text.slice(0, suffix.index);
    size = Number(suffix[1]) * (suffix[2] ? (UNIT[suffix[2].toLowerCase()] ?? 1) : 1);
  }
  const match = URI.exec(uriText);
  if (!match) return `"${clip(text)}" is not a URI (RFC 7489 6.2: scheme ":" ...)`;
  const uri: DmarcUri = { uri: uriText };
  if (size !== undefined) uri.size = size;
  if (match[1]?.toLowerCase() === 'mailto') {
    const mailbox = decodeMailbox(match[2] ?? '');
    const at = mailbox.lastIndexOf('@');
    if (at <= 0 || at === mailbox.length - 1) {
      return `"${clip(text)}" is a mailto: URI without a mailbox (local@domain)`;
    }
    uri.address = mailbox;
    uri.domain = mailbox.slice(at + 1).toLowerCase();
  }
  return uri;
}

/** The mailbox of a mailto: URI (RFC 6068): before any `?`, percent-decoded when possible. */
function decodeMailbox(rest: string): string {
  const path = rest.split('?')[0] ?? '';
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
