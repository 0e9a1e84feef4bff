/**
 * Exit statuses of every mxray command (documented in the README):
 * - 0: the command ran and found no error;
 * - 1: the command ran and found an error (an error finding, a failed verification);
 * - 2: bad input or usage (invalid domain name, unreadable file, bad option);
 * - 3: an internal failure (a bug: please report it);
 * - 4: the check could not finish: DNS lookups failed (timeout, SERVFAIL, REFUSED) and nothing
 *   else was found wrong. Retry later; do not alert as if something were broken.
 */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 3;
export const EXIT_TEMPFAIL = 4;
