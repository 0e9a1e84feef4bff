import { request } from 'node:https';
import type { LookupFunction } from 'node:net';
import { rootCertificates, type TLSSocket } from 'node:tls';
import type { Resolver } from '../dns/types.ts';
import { TEMPORARY_STATUSES } from '../dns/types.ts';
import type { FetchErrorKind, FetchOutcome, PolicyFetcher } from '../mtasts/index.ts';

/** Options of the real fetcher; the defaults are what production wants. */
export interface HttpsFetcherOptions {
  /** Extra trusted CA certificates (PEM), added to Node's bundled roots (tests use their own CA). */
  ca?: string[];
  /**
   * Connect to this address and port instead of resolving the URL's host (tests point
   * `mta-sts.example.test` at 127.0.0.1). The certificate is still checked against the host name.
   */
  connectTo?: (hostname: string) => { address: string; port: number } | undefined;
  /**
   * Resolve the policy host through this resolver (the one the audit uses, so `--resolver` and
   * the embedded DNS server apply), not the system's. Without it, the system resolver is used.
   */
  resolver?: Resolver;
  /** Connect to this port instead of the URL's (tests serve HTTPS on a free loopback port). */
  port?: number;
}

/** Node's certificate and handshake error codes: each means "the TLS check failed", not "offline". */
const TLS_CODES = new Set([
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
]);

/**
 * The real {@link PolicyFetcher} on node:https: one GET, no redirects (RFC 8461 3.3), no caching,
 * the certificate verified against the URL's host, a timeout for the whole exchange and a cap on
 * the body size. Every failure is an outcome, never an exception.
 */
export function createHttpsFetcher(options: HttpsFetcherOptions = {}): PolicyFetcher {
  return {
    fetch: (url, limits) =>
      new Promise<FetchOutcome>((resolve) => {
        let settled = false;
        const done = (outcome: FetchOutcome) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          req.destroy();
          resolve(outcome);
        };
        const fail = (kind: FetchErrorKind, reason: string, status?: number) =>
          done({ ok: false, kind, reason, ...(status !== undefined ? { status } : {}) });
        let target: URL;
        try {
          target = new URL(url);
        } catch {
          resolve({ ok: false, kind: 'network', reason: `invalid URL ${url}` });
          return;
        }
        const override = options.connectTo?.(target.hostname);
        const lookup: LookupFunction | undefined = override
          ? (_host, opts, callback) => {
              const family = override.address.includes(':') ? 6 : 4;
              if (opts.all) callback(null, [{ address: override.address, family }]);
              else callback(null, override.address, family);
            }
          : options.resolver
            ? resolverLookup(options.resolver)
            : undefined;
        const req = request({
          method: 'GET',
          hostname: target.hostname,
          port: override?.port ?? options.port ?? (target.port || 443),
          path: `${target.pathname}${target.search}`,
          headers: { 'user-agent': 'mxray (MTA-STS check)', accept: 'text/plain' },
          agent: false,
          ...(options.ca ? { ca: options.ca.concat(defaultCas()) } : {}),
          ...(lookup ? { lookup } : {}),
        });
        const timer = setTimeout(
          () => fail('timeout', `no complete answer within ${limits.timeoutMs} ms`),
          limits.timeoutMs,
        );
        req.on('error', (err: NodeJS.ErrnoException) => fail(...classify(err, target.hostname)));
        req.on('response', (res) => {
          const status = res.statusCode ?? 0;
          if (status !== 200) {
            const location = res.headers.location;
            const why =
              status >= 300 && status < 400
                ? `HTTP ${status} redirect${location ? ` to ${location}` : ''}, which senders do not follow (RFC 8461 3.3)`
                : `HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`;
            fail('http-status', why, status);
            return;
          }
          const socket = res.socket as TLSSocket;
          const cert = socket.getPeerCertificate?.();
          const tls = {
            protocol: socket.getProtocol?.() ?? null,
            subject: firstOf(cert?.subject?.CN),
            validTo: cert?.valid_to ?? null,
          };
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > limits.maxBytes) {
              fail('too-large', `the body is larger than ${limits.maxBytes} bytes`);
              return;
            }
            chunks.push(chunk);
          });
          res.on('error', (err: NodeJS.ErrnoException) => fail(...classify(err, target.hostname)));
          res.on('end', () =>
            done({
              ok: true,
              status,
              body: Buffer.concat(chunks).toString('utf8'),
              contentType: res.headers['content-type'] ?? null,
              tls,
            }),
          );
        });
        req.end();
      }),
  };
}

/** A node:net lookup function answered by a {@link Resolver}: A and AAAA, IPv4 first. */
function resolverLookup(resolver: Resolver): LookupFunction {
  return (host, opts, callback) => {
    void Promise.all([resolver.resolve(host, 'A'), resolver.resolve(host, 'AAAA')]).then(
      ([a, aaaa]) => {
        const addresses = [...a.records, ...aaaa.records].flatMap((r) =>
          r.data.type === 'A' || r.data.type === 'AAAA'
            ? [{ address: r.data.address, family: r.data.type === 'A' ? 4 : 6 }]
            : [],
        );
        const first = addresses[0];
        if (!first) {
          const temporary = TEMPORARY_STATUSES.has(a.status) && TEMPORARY_STATUSES.has(aaaa.status);
          const error: NodeJS.ErrnoException = new Error(
            `${host}: ${a.error ?? `no A or AAAA record (${a.status})`}`,
          );
          error.code = temporary ? 'EAI_AGAIN' : 'ENOTFOUND';
          callback(error, '', 4);
        } else if (opts.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      },
    );
  };
}

/** Maps a socket or TLS error to a kind and plain words naming the cause. */
function classify(err: NodeJS.ErrnoException, host: string): [FetchErrorKind, string] {
  const code = err.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ENODATA')
    // Our resolver's message names the status (nxdomain, nodata, timeout); the system's only a code.
    return [
      'dns',
      `${err.message.startsWith(`${host}:`) ? err.message : `${host} has no address`} (${code})`,
    ];
  if (TLS_CODES.has(code) || code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_'))
    return ['tls', `TLS certificate check failed for ${host}: ${err.message} (${code})`];
  if (code === 'ETIMEDOUT') return ['timeout', `connecting to ${host} timed out`];
  return ['network', `${host}: ${err.message}${code ? ` (${code})` : ''}`];
}

/** Node's bundled roots, so an added test CA does not replace them. */
function defaultCas(): string[] {
  return [...rootCertificates];
}

/** A certificate field Node gives as a string or, when repeated, an array. */
function firstOf(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
