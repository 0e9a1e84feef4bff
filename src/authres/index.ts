/**
 * Authentication-Results (RFC 8601): a tolerant parser for what real receivers write, and a
 * formatter for our own results.
 */
export { parseAuthenticationResults } from './parse.ts';
export { formatAuthenticationResults, type FormatOptions } from './format.ts';
export { AUTHRES_LIMITS } from './scanner.ts';
export { findResults } from './find.ts';
export type { AuthResProperty, AuthResResult, AuthResResultInput, AuthResults } from './types.ts';
