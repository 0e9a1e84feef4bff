/**
 * Bad input from a person (an invalid domain name, a missing file, a bad option). Surfaces print
 * its message as one line and exit with status 2; it is never used for protocol outcomes.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
