import type { HeaderField } from '../mail/index.ts';
import { canonicalizeHeader, selectSignedFields } from './canonicalize-header.ts';
import type { Canon } from './signature.ts';

/**
 * The bytes the header signature covers (RFC 6376 3.7): the `h=` fields bottom-up, canonicalized,
 * then the signature field itself with the `b=` value blanked and no final CRLF.
 * `bValueStart/End` are offsets into `signatureField.valueText` (from the tag-list parse).
 */
export function signedHeaderData(
  headers: readonly HeaderField[],
  names: readonly string[],
  canon: Canon,
  signatureRaw: string,
): Buffer {
  let text = '';
  for (const field of selectSignedFields(headers, names)) text += canonicalizeHeader(field, canon);
  const own = canonicalizeHeader(signatureRaw, canon);
  text += own.slice(0, -2);
  return Buffer.from(text, 'latin1');
}

/** The raw text of a signature field with its `b=` value removed (whitespace around it included). */
export function blankSignatureValue(field: HeaderField, start: number, end: number): string {
  const valueOffset = field.rawText.length - field.valueText.length;
  return field.rawText.slice(0, valueOffset + start) + field.rawText.slice(valueOffset + end);
}
