/** One `ptype.property=value` of a result (RFC 8601 2.2), e.g. `header.from=example.com`. */
export interface AuthResProperty {
  /** `smtp`, `header`, `body`, `policy`, or another keyword; empty for a bare `name=value` some receivers write (Microsoft's `action=none`). */
  ptype: string;
  property: string;
  value: string;
  /** A comment written right after the value, e.g. Fastmail's `smtp.remote-ip=192.0.2.1 (mail.example.com)`. */
  comment?: string;
}

/** One `method=result` with its reason, comments and properties (RFC 8601 2.2 `resinfo`). */
export interface AuthResResult {
  /** Lower-cased method: `spf`, `dkim`, `dmarc`, `arc`, `compauth`, or any other keyword. */
  method: string;
  /** RFC 8601 2.2 method-version (`dkim/1`). */
  methodVersion?: string;
  /** Lower-cased result keyword, unknown ones kept (`bestguesspass`). */
  result: string;
  /** RFC 8601 2.2 `reason=` value. */
  reason?: string;
  /** The comments of the result (before its properties), joined with a space. */
  comment?: string;
  properties: AuthResProperty[];
}

/** A parsed Authentication-Results (or ARC-Authentication-Results) value. */
export interface AuthResults {
  authservId: string;
  /** RFC 8601 2.2 `authres-version`, when written. */
  version?: number;
  /** RFC 8617 4.1.1: the `i=` instance of an ARC-Authentication-Results value. */
  instance?: number;
  /** True for the RFC 8601 2.2 `no-result` form (`example.com; none`). */
  none: boolean;
  results: AuthResResult[];
  /** Text from where parsing gave up, when the value had something unreadable. */
  unparsed?: string;
  /** True when a limit cut the value short. */
  truncated?: boolean;
}

/** What {@link formatAuthenticationResults} writes for one method. */
export interface AuthResResultInput {
  method: string;
  methodVersion?: string;
  result: string;
  reason?: string;
  comment?: string;
  properties?: Array<{ ptype: string; property: string; value: string }>;
}
