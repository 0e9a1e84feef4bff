import type { HeaderField } from '../mail/index.ts';
import type { Canon } from './signature.ts';

/**
 * RFC 6376 3.4.1 "simple": the field exactly as it arrived, folding included, plus CRLF.
 * Input and output are binary strings (one character per byte).
 */
export function canonicalizeHeaderSimple(rawText: string): string {
  return `${rawText}\r\n`;
}

/**
 * RFC 6376 3.4.2 "relaxed": lower-case name, unfold, runs of WSP to one SP, no WSP around the
 * colon or at the end of the value, plus CRLF.
 */
export function canonicalizeHeaderRelaxed(rawText: string): string {
  const colon = rawText.indexOf(':');
  let name = colon < 0 ? rawText : rawText.slice(0, colon);
  if (endsWithWsp(name)) name = name.replace(/[ \t]+$/, '');
  let value = colon < 0 ? '' : rawText.slice(colon + 1);
  // Each rewrite only where it changes something: most fields are one line with single spaces.
  if (value.includes('\r\n')) value = value.replace(/\r\n/g, '');
  if (value.includes('\t') || value.includes('  ')) value = value.replace(/[ \t]+/g, ' ');
  return `${name.toLowerCase()}:${value.trim()}\r\n`;
}

function endsWithWsp(text: string): boolean {
  const c = text.charCodeAt(text.length - 1);
  return c === 0x20 || c === 0x09;
}

/** Canonicalizes one field with the given algorithm. */
export function canonicalizeHeader(field: HeaderField | string, canon: Canon): string {
  const raw = typeof field === 'string' ? field : field.rawText;
  return canon === 'relaxed' ? canonicalizeHeaderRelaxed(raw) : canonicalizeHeaderSimple(raw);
}

/**
 * Picks the fields `h=` names, bottom-up (RFC 6376 5.4.2): each repetition of a name takes the next
 * instance upwards; a name with no instance left (over-signing, absent field) contributes nothing.
 */
export function selectSignedFields(
  headers: readonly HeaderField[],
  names: readonly string[],
): HeaderField[] {
  const used = new Map<string, number>();
  const out: HeaderField[] = [];
  for (const name of names) {
    let from = used.get(name) ?? headers.length;
    let found: HeaderField | undefined;
    while (--from >= 0) {
      const h = headers[from] as HeaderField;
      if (h.lowerName === name) {
        found = h;
        break;
      }
    }
    used.set(name, Math.max(from, 0));
    if (found) out.push(found);
  }
  return out;
}
