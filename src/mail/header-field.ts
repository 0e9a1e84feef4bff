/**
 * One header field exactly as it arrived. Text properties are "binary strings" (one character per
 * byte, Node's `latin1`), so nothing is decoded: 8-bit and invalid UTF-8 bytes survive untouched and
 * hashing `rawText` with `latin1` reproduces the original bytes.
 */
export interface HeaderField {
  /** The name as written (bytes before the colon, trailing whitespace removed). */
  readonly name: string;
  /** `name` lower-cased, for case-insensitive lookup (RFC 5322 1.2.2). */
  readonly lowerName: string;
  /** The whole field (name, colon, value and folding) without its final CRLF, as bytes. */
  readonly raw: Buffer;
  /** `raw` as a binary string. */
  readonly rawText: string;
  /** Everything after the colon (with folding) as a binary string; empty when there is no colon. */
  readonly valueText: string;
  /** False for a line that has no colon (not a valid field; RFC 5322 2.2). */
  readonly hasColon: boolean;
  /** Position in the header block, 0 for the top field. */
  readonly index: number;
}

/** Builds a field from its raw bytes (without the final CRLF). */
export function makeHeaderField(raw: Buffer, index: number): HeaderField {
  const rawText = raw.toString('latin1');
  const colon = rawText.indexOf(':');
  const hasColon = colon >= 0;
  // RFC 5322 3.6.8 forbids whitespace before the colon, but RFC 6376 3.4.5's example has "B : Y";
  // tolerate it (relaxed canonicalization deletes it) so such messages still verify.
  let name = hasColon ? rawText.slice(0, colon) : rawText;
  const last = name.charCodeAt(name.length - 1);
  if (last === 0x20 || last === 0x09) name = name.replace(/[ \t]+$/, '');
  return {
    name,
    lowerName: name.toLowerCase(),
    raw,
    rawText,
    valueText: hasColon ? rawText.slice(colon + 1) : '',
    hasColon,
    index,
  };
}

/** The value unfolded (RFC 5322 2.2.3) and decoded as UTF-8 (invalid bytes become U+FFFD). */
export function fieldValue(field: HeaderField): string {
  return Buffer.from(field.valueText, 'latin1')
    .toString('utf8')
    .replace(/\r\n(?=[ \t])/g, '')
    .trim();
}
