/**
 * Every limit of the DMARC module, in one place. Each names the threat it answers.
 */

/**
 * A DMARC record longer than this is refused. Real records are under 500 characters; a huge TXT
 * answer (up to 64 KiB on TCP) would only make the parser and the evidence expensive.
 */
export const MAX_RECORD_CHARS = 8192;

/** Tags per record: a record of thousands of `x=y;` pairs is an attack on the parser, not a policy. */
export const MAX_TAGS = 64;

/**
 * URIs kept per `rua`/`ruf` tag. RFC 7489 6.2 lets receivers limit them; an unbounded list would
 * make a receiver send reports to any number of third parties.
 */
export const MAX_REPORT_URIS = 20;

/**
 * RFC 9989 4.10: the DNS tree walk makes at most 8 queries (the author domain, then from at most
 * seven labels down to one). Bounds the DNS work one From domain can cause.
 */
export const TREE_WALK_MAX_QUERIES = 8;

/** RFC 9989 4.10: after the first query the walk jumps to at most this many labels. */
export const TREE_WALK_MAX_LABELS = 7;

/**
 * DKIM results considered per evaluation. Each may need an organizational-domain walk; a message
 * with hundreds of signatures must not cost hundreds of DNS walks.
 */
export const MAX_DKIM_RESULTS = 16;
