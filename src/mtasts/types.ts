/** RFC 8461 3.2: what a sending MTA does when the MX host or its certificate does not check out. */
export type StsMode = 'enforce' | 'testing' | 'none';

/** The `_mta-sts` TXT record (RFC 8461 3.1). */
export interface StsRecord {
  /** The policy instance ID: senders refetch the policy when it changes. */
  id: string;
  /** Extension fields, kept for display; RFC 8461 3.1 says unknown fields are ignored. */
  extensions: Record<string, string>;
}

/** A parsed policy file (RFC 8461 3.2). */
export interface StsPolicy {
  version: 'STSv1';
  mode: StsMode;
  /** Allowed MX patterns, as written (lower-cased): `mail.example.com` or `*.example.net`. */
  mx: string[];
  /** Seconds senders may cache the policy. */
  maxAge: number;
}

/** Something in a policy or record a person should know; `error` makes it unusable for senders. */
export interface StsIssue {
  severity: 'error' | 'warning';
  message: string;
}

/** The outcome of parsing a record or a policy: a value, never an exception. */
export type StsParse<T> =
  | { ok: true; value: T; warnings: StsIssue[] }
  | { ok: false; errors: StsIssue[]; warnings: StsIssue[] };

/** What can go wrong fetching a policy over HTTPS. */
export type FetchErrorKind = 'dns' | 'tls' | 'timeout' | 'http-status' | 'too-large' | 'network';

/** One HTTPS GET, as a value. `ok` means a response arrived (any status is `http-status`). */
export type FetchOutcome =
  | {
      ok: true;
      status: number;
      body: string;
      /** The Content-Type header as sent, or null. */
      contentType: string | null;
      /** The negotiated TLS version (e.g. `TLSv1.3`) and the certificate's subject and expiry. */
      tls: { protocol: string | null; subject: string | null; validTo: string | null };
    }
  | { ok: false; kind: FetchErrorKind; reason: string; status?: number };

/**
 * The port through which MTA-STS policies are fetched. The real one (src/runtime/https-fetcher.ts)
 * must verify the certificate against the URL's host name and must not follow redirects.
 */
export interface PolicyFetcher {
  fetch(url: string, options: { timeoutMs: number; maxBytes: number }): Promise<FetchOutcome>;
}
