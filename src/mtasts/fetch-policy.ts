import { POLICY_MAX_BYTES, POLICY_TIMEOUT_MS } from './limits.ts';
import { parseStsPolicy } from './parse-policy.ts';
import type { FetchErrorKind, FetchOutcome, PolicyFetcher, StsIssue, StsPolicy } from './types.ts';

/** What fetching a domain's policy came to. */
export type StsPolicyFetch =
  | { status: 'fetched'; url: string; policy: StsPolicy; warnings: StsIssue[]; tls: TlsInfo }
  | {
      status: 'unreachable';
      url: string;
      kind: FetchErrorKind;
      reason: string;
      httpStatus?: number;
    }
  | { status: 'invalid'; url: string; errors: StsIssue[]; warnings: StsIssue[] };

type TlsInfo = Extract<FetchOutcome, { ok: true }>['tls'];

/** RFC 8461 3.3: the policy lives at this fixed HTTPS URL of the `mta-sts` host. */
export function stsPolicyUrl(domain: string): string {
  return `https://mta-sts.${domain}/.well-known/mta-sts.txt`;
}

/**
 * Fetches and parses the policy of `domain` through `fetcher`. RFC 8461 3.3: HTTPS with a valid
 * certificate for `mta-sts.<domain>`, status 200, no redirects (the fetcher must not follow them),
 * a size limit; RFC 8461 3.2: media type text/plain.
 */
export async function fetchStsPolicy(
  domain: string,
  fetcher: PolicyFetcher,
): Promise<StsPolicyFetch> {
  const url = stsPolicyUrl(domain);
  const outcome = await fetcher.fetch(url, {
    timeoutMs: POLICY_TIMEOUT_MS,
    maxBytes: POLICY_MAX_BYTES,
  });
  if (!outcome.ok) {
    return {
      status: 'unreachable',
      url,
      kind: outcome.kind,
      reason: outcome.reason,
      ...(outcome.status !== undefined ? { httpStatus: outcome.status } : {}),
    };
  }
  if (outcome.status !== 200) {
    return {
      status: 'unreachable',
      url,
      kind: 'http-status',
      reason: `HTTP status ${outcome.status}`,
      httpStatus: outcome.status,
    };
  }
  const parsed = parseStsPolicy(outcome.body);
  const mediaType = outcome.contentType?.split(';')[0]?.trim().toLowerCase() ?? null;
  const typeError: StsIssue[] =
    mediaType === 'text/plain'
      ? []
      : [
          {
            severity: 'error',
            message: `Content-Type is ${mediaType ?? 'missing'}, not text/plain (RFC 8461 3.2)`,
          },
        ];
  if (!parsed.ok || typeError.length > 0) {
    return {
      status: 'invalid',
      url,
      errors: [...typeError, ...(parsed.ok ? [] : parsed.errors)],
      warnings: parsed.warnings,
    };
  }
  return {
    status: 'fetched',
    url,
    policy: parsed.value,
    warnings: parsed.warnings,
    tls: outcome.tls,
  };
}
