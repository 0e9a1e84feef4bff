/**
 * A zone file (or record list) that cannot be loaded: a configuration error, so it throws. The
 * message names the file and line so a person can fix the zone without guessing.
 */
export class ZoneSyntaxError extends Error {
  override readonly name = 'ZoneSyntaxError';
  /** 1-based line of the offending entry (0 when the error is not tied to a line). */
  readonly line: number;
  /** The file name given to the parser, or `zone` when the text came from elsewhere. */
  readonly fileName: string;

  constructor(message: string, line: number, fileName = 'zone') {
    super(line > 0 ? `${fileName}:${line}: ${message}` : `${fileName}: ${message}`);
    this.line = line;
    this.fileName = fileName;
  }
}
