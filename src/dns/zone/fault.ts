import { canonicalName } from '../name.ts';
import type { RRType } from '../types.ts';

/**
 * A misbehaviour to inject for one name (and type), so tests can reproduce what broken
 * nameservers do:
 * - `timeout`: no answer at all;
 * - `servfail`, `refused`, `formerr`: that rcode, no records;
 * - `garbage`: bytes that do not decode as a DNS message;
 * - `truncate-always`: TC=1 on every UDP answer (TCP still works).
 */
export type DnsFaultKind =
  'timeout' | 'servfail' | 'refused' | 'formerr' | 'garbage' | 'truncate-always';

/** A fault that applies to queries for `name` (any case, trailing dot optional), and `type` if given. */
export interface DnsFault {
  name: string;
  type?: RRType;
  fault: DnsFaultKind;
}

/** The first fault that applies to a query, if any. */
export function findFault(
  faults: readonly DnsFault[],
  name: string,
  type: string,
): DnsFault | undefined {
  const qname = canonicalName(name);
  return faults.find(
    (f) => canonicalName(f.name) === qname && (f.type === undefined || f.type === type),
  );
}
