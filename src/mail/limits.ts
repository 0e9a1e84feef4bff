import { checkLimit } from '../base/limits.ts';

/** Limits on what {@link parseMessage} reads; every one names the threat it stops. */
export interface MessageLimits {
  /** Bytes of the header block. Threat: a multi-megabyte header section that every lookup rescans. */
  maxHeaderBytes: number;
  /** Header fields. Threat: 100,000 tiny fields that make bottom-up lookup and `h=` selection quadratic. */
  maxHeaderFields: number;
}

/** Defaults: far above real mail (Gmail caps the header block at about 256 KB), far below harm. */
export const DEFAULT_MESSAGE_LIMITS: MessageLimits = {
  maxHeaderBytes: 1024 * 1024,
  maxHeaderFields: 1000,
};

/** Validates caller-supplied limits (a bad limit is a programmer error, so it throws). */
export function resolveMessageLimits(limits?: Partial<MessageLimits>): MessageLimits {
  const merged = { ...DEFAULT_MESSAGE_LIMITS, ...limits };
  checkLimit('maxHeaderBytes', merged.maxHeaderBytes, 1, 64 * 1024 * 1024);
  checkLimit('maxHeaderFields', merged.maxHeaderFields, 1, 1_000_000);
  return merged;
}
