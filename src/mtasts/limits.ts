/** RFC 8461 3.3 suggests 64 KiB: a policy is a few lines; a bigger body is a hostile or broken server. */
export const POLICY_MAX_BYTES = 64 * 1024;

/**
 * RFC 8461 3.3 suggests senders wait up to 60 s; an audit that a person watches waits less, and a
 * policy host that slow is worth reporting anyway.
 */
export const POLICY_TIMEOUT_MS = 15_000;

/** RFC 8461 3.2: max_age is at most 31557600 seconds (one year). */
export const MAX_AGE_LIMIT = 31_557_600;

/** Below a day, senders refetch so often that the policy protects little (RFC 8461 3.2: "weeks"). */
export const MAX_AGE_SHORT = 86_400;

/** Lines and mx patterns read from one policy (CPU bound on a hostile 64 KiB body). */
export const POLICY_MAX_LINES = 1_000;
