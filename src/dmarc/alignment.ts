import { toAsciiName } from '../dns/name.ts';
import type { LookupSession } from './lookup-session.ts';
import { organizationalDomain } from './org-domain.ts';
import { treeWalkOrganizationalDomain } from './tree-walk.ts';
import type { AlignmentMode, DiscoveryMode, IdentifierAlignment } from './types.ts';

/** What alignment needs: the author domain, its organizational domain, and how to find others'. */
export interface AlignmentContext {
  fromDomain: string;
  fromOrganizationalDomain: string;
  mode: DiscoveryMode;
  session: LookupSession;
}

/**
 * RFC 7489 3.1 (RFC 9989 4.4): does an authenticated identifier align with the author domain?
 * Only a `pass` can align. Strict: the names are identical. Relaxed: their organizational domains
 * are identical (public suffix list, or the tree walk in `rfc9989` mode, where a DNS failure
 * leaves the answer `unknown`).
 */
export async function alignIdentifier(
  identifier: { result: string; domain: string; selector?: string },
  alignment: AlignmentMode,
  context: AlignmentContext,
): Promise<IdentifierAlignment> {
  const domain = toAsciiName(identifier.domain) ?? identifier.domain.trim().toLowerCase();
  const out: IdentifierAlignment = {
    domain,
    result: identifier.result,
    aligned: false,
    why: '',
  };
  if (identifier.selector !== undefined) out.selector = identifier.selector;
  if (identifier.result.toLowerCase() !== 'pass') {
    out.why = `the result is ${identifier.result}, and only a pass can align`;
    return out;
  }
  if (domain === '') {
    out.why = 'there is no domain';
    return out;
  }
  if (domain === context.fromDomain) {
    out.aligned = true;
    out.organizationalDomain = context.fromOrganizationalDomain;
    out.why = `${domain} is the From domain`;
    return out;
  }
  if (alignment === 's') {
    out.why = `strict alignment needs ${context.fromDomain} exactly, not ${domain}`;
    return out;
  }
  if (context.mode === 'rfc7489') {
    out.organizationalDomain = organizationalDomain(domain);
  } else {
    // Names that share no label at the end cannot have the same organizational domain: skip the walk.
    if (lastLabel(domain) !== lastLabel(context.fromDomain)) {
      out.why = `${domain} and ${context.fromDomain} are in different top-level domains`;
      return out;
    }
    const walked = await treeWalkOrganizationalDomain(domain, context.session);
    if (!walked.ok) {
      out.aligned = 'unknown';
      out.why = `the organizational domain of ${domain} is unknown: ${walked.why}`;
      return out;
    }
    out.organizationalDomain = walked.domain;
  }
  out.aligned = out.organizationalDomain === context.fromOrganizationalDomain;
  out.why = out.aligned
    ? `${domain} and ${context.fromDomain} share the organizational domain ${out.organizationalDomain}`
    : `the organizational domain of ${domain} is ${out.organizationalDomain}, not ${context.fromOrganizationalDomain}`;
  return out;
}

function lastLabel(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}
