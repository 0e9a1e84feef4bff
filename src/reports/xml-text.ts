import { TextDecoder } from 'node:util';

/**
 * Bytes of an XML report to text, in chunks. Real reporters send BOMs, Latin-1 declared in the XML
 * declaration, and stray invalid UTF-8 (a cp1252 0x91 in a comment): the text is decoded leniently
 * (U+FFFD for bad bytes) because such bytes never sit in the fields that matter (dates, counts,
 * IPs), which are checked strictly afterwards.
 */

const SINGLE_BYTE = /^(iso-8859-1|latin-?1|us-ascii|windows-1252|cp1252)$/i;

/** The decoder label for an XML declaration's `encoding`, UTF-8 unless a single-byte one is named. */
function encodingOf(head: Uint8Array): string {
  const text = new TextDecoder('latin1').decode(head.subarray(0, 200));
  const match = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/.exec(
    text.replace(/^\uFEFF/, ''),
  );
  const declared = match?.[1];
  return declared && SINGLE_BYTE.test(declared) ? 'windows-1252' : 'utf-8';
}

/** A lenient streaming decoder for a report whose first bytes are `head` (BOM dropped). */
export function createXmlDecoder(head: Uint8Array): TextDecoder {
  return new TextDecoder(encodingOf(head), { fatal: false });
}

/**
 * Decodes `bytes` into text chunks of about `chunkBytes` bytes each (a BOM is dropped), so a
 * 100 MB report never becomes one 100 MB string.
 */
export function* decodeXmlChunks(bytes: Uint8Array, chunkBytes = 1 << 20): Generator<string> {
  const decoder = createXmlDecoder(bytes);
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    const end = Math.min(bytes.length, offset + chunkBytes);
    const text = decoder.decode(bytes.subarray(offset, end), { stream: end < bytes.length });
    if (text !== '') yield text;
  }
  const tail = decoder.decode();
  if (tail !== '') yield tail;
}
