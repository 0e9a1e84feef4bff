/** The header fields `mxray explain` reads (RFC 8601 2, RFC 8617 4.1.1, Microsoft's copy). */
const FIELD_NAMES =
  /^(arc-authentication-results|authentication-results|authentication-results-original)$/i;
/** Fields that only a whole message has: then only its header block is read. */
const MESSAGE_FIELDS =
  /^(received|from|date|message-id|dkim-signature|return-path|delivered-to|mime-version)$/i;
/** Threat: a pasted mailbox of megabytes scanned line by line for ever. */
export const MAX_EXPLAIN_INPUT_CHARS = 2 * 1024 * 1024;

/** One pasted Authentication-Results-like field. */
export interface PastedField {
  /** The field name as written, or `Authentication-Results` for a bare value. */
  name: string;
  /** The unfolded value. */
  value: string;
  /** 1-based line where the field starts in the input. */
  line: number;
}

/**
 * Finds the Authentication-Results, ARC-Authentication-Results and Authentication-Results-Original
 * fields in pasted text: a whole message (only its header block is read), a set of header lines,
 * or a bare value without a field name. Indented pastes (from a web view) are accepted.
 * @example extractPastedFields('Authentication-Results: mx.google.com; dkim=pass header.i=@a.example')
 */
export function extractPastedFields(input: string): PastedField[] {
  const lines = input.slice(0, MAX_EXPLAIN_INPUT_CHARS).replace(/\r\n?/g, '\n').split('\n');
  const headerLine = /^\s*([A-Za-z][A-Za-z0-9-]*)\s*:(.*)$/;
  const firstBlank = lines.findIndex((l) => l.trim() === '');
  const head = firstBlank < 0 ? lines : lines.slice(0, firstBlank);
  const isMessage = head.some((l) => MESSAGE_FIELDS.test(headerLine.exec(l)?.[1] ?? ''));
  const scan = isMessage ? head : lines;
  const fields: PastedField[] = [];
  let current: PastedField | null = null;
  // A field starts at a "Name:" line no deeper than the field before it (pastes may be indented).
  let fieldIndent = 0;
  for (const [i, line] of scan.entries()) {
    const indent = (/^[ \t]*/.exec(line) as RegExpExecArray)[0].length;
    const m: RegExpExecArray | null =
      current === null || indent <= fieldIndent ? headerLine.exec(line) : null;
    if (m) {
      fieldIndent = indent;
      // Other fields are tracked too, so their continuation lines are not read as new fields.
      current = { name: m[1] as string, value: (m[2] as string).trim(), line: i + 1 };
      if (FIELD_NAMES.test(current.name)) fields.push(current);
    } else if (current && line.trim() !== '') {
      current.value += ` ${line.trim()}`;
    } else if (line.trim() === '') {
      current = null;
    }
  }
  if (fields.length > 0 || isMessage) return fields;
  const bare = lines
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ');
  return bare === '' ? [] : [{ name: 'Authentication-Results', value: bare, line: 1 }];
}
