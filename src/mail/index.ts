/** Raw RFC 5322 messages as bytes: header fields with exact raw text, bottom-up lookup, From. */
export { parseMessage } from './parse-message.ts';
export type { RawMessage, MessageProblem, FromResult } from './parse-message.ts';
export type { HeaderField } from './header-field.ts';
export { fieldValue } from './header-field.ts';
export { parseAddressList, decodeEncodedWords } from './address.ts';
export type { Mailbox } from './address.ts';
export { DEFAULT_MESSAGE_LIMITS } from './limits.ts';
export type { MessageLimits } from './limits.ts';
export { hasBareLf, lfToCrlf } from './line-endings.ts';
