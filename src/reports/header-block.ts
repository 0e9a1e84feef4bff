/**
 * Reads an RFC 5322 header block (`Name: value` lines, continuation lines folded) into fields, in
 * order, unfolded. Used for the ARF `message/feedback-report` part (RFC 5965 3.1 uses header
 * syntax) and the original message's headers. Stops at the first empty line.
 */
export function readHeaderBlock(
  text: string,
  maxFields = 1000,
): Array<{ name: string; value: string }> {
  const fields: Array<{ name: string; value: string }> = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break;
    const last = fields[fields.length - 1];
    if (/^[ \t]/.test(line)) {
      // RFC 5322 2.2.3: a line starting with white space continues the previous field.
      if (last) last.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    if (fields.length >= maxFields) break;
    fields.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return fields;
}

/** The first value of a field by case-insensitive name, or null when absent or empty. */
export function fieldValue(
  fields: ReadonlyArray<{ name: string; value: string }>,
  name: string,
): string | null {
  const lower = name.toLowerCase();
  const found = fields.find((f) => f.name.toLowerCase() === lower);
  return found && found.value !== '' ? found.value : null;
}
