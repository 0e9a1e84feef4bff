import type { DnsAnswer, Resolver } from '../dns/types.ts';
import { lookupDmarcRecord, type RecordLookup } from './lookup-record.ts';

/**
 * The `_dmarc` lookups of one evaluation, each made at most once: policy discovery and the
 * organizational-domain walks for the From, SPF and DKIM domains share them, and every answer is
 * kept, in order, as evidence.
 */
export interface LookupSession {
  lookup(domain: string): Promise<RecordLookup>;
  /** Every answer received so far (DMARC TXT lookups and existence checks). */
  readonly answers: DnsAnswer[];
  resolver: Resolver;
}

/** Starts a session over a resolver. */
export function createLookupSession(resolver: Resolver): LookupSession {
  const answers: DnsAnswer[] = [];
  const cache = new Map<string, Promise<RecordLookup>>();
  return {
    resolver,
    answers,
    lookup(domain) {
      let pending = cache.get(domain);
      if (!pending) {
        pending = lookupDmarcRecord(resolver, domain, answers);
        cache.set(domain, pending);
      }
      return pending;
    },
  };
}
