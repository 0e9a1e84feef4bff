/** Limits of the ARC module; each names its threat. */

/** RFC 8617 4.2.1: instances range from 1 to 50; a longer chain fails. */
export const MAX_ARC_INSTANCE = 50;

/**
 * ARC header fields read from one message (three per instance, plus slack for a few stray ones).
 * Threat: thousands of ARC fields, each costing a parse and perhaps a DNS lookup.
 */
export const MAX_ARC_FIELDS = 3 * MAX_ARC_INSTANCE + 9;

/** Names in an AMS `h=`. Threat: `h=` with thousands of names making header selection quadratic. */
export const MAX_AMS_SIGNED_HEADERS = 256;
