/**
 * A separator line: `From <sender> <date>`, the date in asctime form (`Mon Jan  1 00:00:00 2026`)
 * or another form with a month name, a time and a year (mutt's is_from() asks as much).
 */
const FROM_LINE =
  /^From \S+ +(?=.*\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b)(?=.*\b\d{1,2}:\d\d(?::\d\d)?\b)(?=.*\b\d{4}\b)/;

function isFromLine(line: string): boolean {
  return FROM_LINE.test(line);
}

/**
 * Splits an mbox file into messages. Messages start at a `From ` line at the start of the file or
 * after an empty line (mboxo/mboxrd); the `From ` line itself is not part of the message, and
 * mboxrd's `>From ` quoting is undone (one `>` removed).
 */
export function splitMbox(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const lines = text.split('\n');
  const messages: Uint8Array[] = [];
  let current: string[] | null = null;
  const flush = () => {
    if (current) messages.push(Buffer.from(current.join('\n'), 'latin1'));
  };
  for (const [i, line] of lines.entries()) {
    const previous = i > 0 ? lines[i - 1] : '';
    // A From_ line separates messages only at the start, or after an empty line when it carries
    // the sender and date a separator has: a body's unquoted "From here on..." is text.
    if (
      i === 0
        ? line.startsWith('From ')
        : (previous === '' || previous === '\r') && isFromLine(line)
    ) {
      flush();
      current = [];
      continue;
    }
    current?.push(line.replace(/^>(>*From )/, '$1'));
  }
  flush();
  return messages.length > 0 ? messages : [bytes];
}

/** True when the bytes look like an mbox (they begin with a `From ` separator line). */
export function looksLikeMbox(bytes: Uint8Array): boolean {
  return bytes.length > 5 && Buffer.from(bytes.subarray(0, 5)).toString('latin1') === 'From ';
}
