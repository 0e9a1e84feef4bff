import { normalizeDomain } from '../dns/name.ts';
import type { Resolver } from '../dns/types.ts';
import type { RecordLookup } from './lookup-record.ts';
import { createLookupSession, type LookupSession } from './lookup-session.ts';
import { organizationalDomain } from './org-domain.ts';
import { treeWalkOrganizationalDomain, walkNames } from './tree-walk.ts';
import { DEFAULT_DISCOVERY_MODE } from './types.ts';
import type { DiscoveryMode, DmarcDiscovery, DmarcIssue } from './types.ts';

/** Options of {@link discoverDmarcPolicy}. */
export interface DiscoverOptions {
  resolver: Resolver;
  /** `rfc9989` (default): DNS tree walk; `rfc7489`: the author domain, then its PSL organizational domain. */
  mode?: DiscoveryMode;
}

/**
 * Finds the DMARC policy that applies to an author (RFC5322.From) domain.
 * - `rfc7489` (RFC 7489 6.6.3): `_dmarc.<domain>`, then `_dmarc.<organizational domain>` by the
 *   public suffix list;
 * - `rfc9989` (RFC 9989 4.10, the default): the DNS tree walk, at most 8 queries.
 *
 * Non-DMARC TXT records are ignored; more than one DMARC record at a name is `multiple` (no policy);
 * a DNS failure is `temperror`, never `none`. A record that cannot be used does not stop the search
 * (RFC 7489 6.6.3 step 3); when nothing better is found the result is `invalid`.
 * @example await discoverDmarcPolicy('mail.example.com', { resolver })
 */
export function discoverDmarcPolicy(
  domain: string,
  options: DiscoverOptions,
): Promise<DmarcDiscovery> {
  return discoverInSession(
    domain,
    options.mode ?? DEFAULT_DISCOVERY_MODE,
    createLookupSession(options.resolver),
  );
}

/** {@link discoverDmarcPolicy} sharing a lookup session with the alignment checks. */
export async function discoverInSession(
  domain: string,
  mode: DiscoveryMode,
  session: LookupSession,
): Promise<DmarcDiscovery> {
  const checked = normalizeDomain(domain);
  if (!checked.ok) {
    return {
      status: 'invalid',
      invalidKind: 'syntax',
      mode,
      organizationalDomain: domain,
      issues: [{ severity: 'error', message: `the author domain is invalid: ${checked.reason}` }],
      answers: session.answers,
      fromOrganizationalDomain: false,
    };
  }
  const author = checked.name;
  const pslOrg = organizationalDomain(author);
  const names = mode === 'rfc7489' ? [...new Set([author, pslOrg])] : walkNames(author);
  const issues: DmarcIssue[] = [];
  let invalid: Extract<RecordLookup, { kind: 'invalid' }> | undefined;
  let ended: RecordLookup | undefined;
  for (const name of names) {
    const step = await session.lookup(name);
    issues.push(...step.issues.map((i) => ({ ...i, message: `_dmarc.${name}: ${i.message}` })));
    if (step.kind === 'none') continue;
    if (step.kind === 'invalid') {
      invalid ??= step;
      continue;
    }
    ended = step;
    break;
  }

  const base = { mode, issues, answers: session.answers };
  const orgDomain = async (): Promise<string> => {
    if (mode === 'rfc7489') return pslOrg;
    const walked = await treeWalkOrganizationalDomain(author, session);
    if (walked.ok) return walked.domain;
    issues.push({
      severity: 'warning',
      message: `the organizational domain is unknown: ${walked.why}`,
    });
    return author;
  };

  if (ended === undefined) {
    if (invalid) {
      return {
        ...base,
        status: 'invalid',
        invalidKind: invalid.noPolicy ? 'no-policy' : 'syntax',
        policyDomain: invalid.domain,
        recordText: invalid.text,
        organizationalDomain: await orgDomain(),
        fromOrganizationalDomain: invalid.domain !== author,
      };
    }
    return {
      ...base,
      status: 'none',
      organizationalDomain: await orgDomain(),
      fromOrganizationalDomain: false,
    };
  }
  switch (ended.kind) {
    case 'temperror':
      return {
        ...base,
        status: 'temperror',
        policyDomain: ended.domain,
        organizationalDomain: mode === 'rfc7489' ? pslOrg : author,
        fromOrganizationalDomain: ended.domain !== author,
      };
    case 'multiple':
      return {
        ...base,
        status: 'multiple',
        policyDomain: ended.domain,
        organizationalDomain: await orgDomain(),
        fromOrganizationalDomain: ended.domain !== author,
      };
    case 'found':
      return {
        ...base,
        status: 'found',
        policyDomain: ended.domain,
        recordText: ended.text,
        record: ended.record,
        organizationalDomain: await orgDomain(),
        fromOrganizationalDomain: ended.domain !== author,
      };
    default:
      // `none` and `invalid` never end the loop.
      throw new Error(`unexpected lookup kind ${ended.kind}`);
  }
}
