/**
 * Text that comes from DNS (TXT records, names in answers, error messages quoting them) is chosen by
 * whoever runs the zone. Printed raw, a control character can clear or rewrite the terminal (ESC
 * sequences), a newline can forge a line of the report ("✓ DKIM_KEY_OK ..."), and bidi controls can
 * reorder what is shown (Trojan Source, CVE-2021-42574). These are written as escapes instead: \DDD
 * for bytes like a zone file (RFC 1035 5.1), \uXXXX for the bidi controls. Tab is kept.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control character written as an escape; other text is unchanged. */
export function printable(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff
      ? `\\${code.toString().padStart(3, '0')}`
      : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

/** A copy of plain data (objects, arrays) with {@link printable} applied to every string in it. */
export function printableData<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => printableData(v)) as T;
  if (value !== null && typeof value === 'object') {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]: [string, unknown]) => [k, printableData(v)]),
    ) as T;
  }
  return value;
}
