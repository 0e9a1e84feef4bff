import { generateKeyPairSync } from 'node:crypto';
import { afterAll } from 'vitest';
import { checkDomain, type DomainReport } from '../../src/audit/index.ts';
import { startDnsServer, type DnsServer } from '../../src/dns/server/index.ts';
import type { DnsFault } from '../../src/dns/zone/fault.ts';
import type { PolicyFetcher } from '../../src/mtasts/index.ts';
import { parseZoneFile } from '../../src/dns/zone/zone.ts';
import type { Context } from '../../src/runtime/context.ts';
import { createContext } from '../../src/runtime/create-context.ts';

/** A DKIM public key (base64 SPKI DER) of the given RSA size, or Ed25519. */
export function dkimPublicKey(kind: number | 'ed25519'): string {
  const pair =
    kind === 'ed25519'
      ? generateKeyPairSync('ed25519')
      : generateKeyPairSync('rsa', { modulusLength: kind });
  const der = pair.publicKey.export({ type: 'spki', format: 'der' });
  // RFC 8463 3: an Ed25519 p= is the bare 32-byte key, not the SPKI structure.
  return (kind === 'ed25519' ? der.subarray(der.length - 32) : der).toString('base64');
}

/** A TXT RDATA with the value split into 255-byte strings. */
export function txt(value: string): string {
  return `( ${(value.match(/.{1,255}/g) ?? ['']).map((s) => `"${s}"`).join(' ')} )`;
}

/** A zone file for `origin` with SOA and NS, and `body` lines relative to it. */
export function zoneText(origin: string, body: string): string {
  return `$ORIGIN ${origin}.\n$TTL 300\n@ IN SOA ns1.${origin}. hostmaster.${origin}. 1 3600 600 86400 60\n@ NS ns1.${origin}.\n${body}\n`;
}

export interface AuditWorld {
  server: DnsServer;
  ctx: Context;
  check(domain: string, selectors?: string[]): Promise<DomainReport>;
}

/**
 * The embedded DNS server on a loopback port serving `zones` (origin → body), and `mxray check`
 * through the real stub resolver against it. Closed after the file's tests.
 */
export async function startAuditWorld(
  zones: Record<string, string>,
  faults: DnsFault[] = [],
  fetcher?: PolicyFetcher,
): Promise<AuditWorld> {
  const parsed = Object.entries(zones).map(([origin, body]) =>
    parseZoneFile(zoneText(origin, body), { origin }),
  );
  const server = await startDnsServer({ zones: parsed, host: '127.0.0.1', port: 0, faults });
  afterAll(() => server.close());
  const ctx = await createContext({ resolvers: [server.address], dnsTimeoutMs: 300 });
  return {
    server,
    ctx,
    check: (domain, selectors) =>
      checkDomain(domain, {
        resolver: ctx.resolver,
        clock: ctx.clock,
        ...(selectors ? { selectors } : {}),
        ...(fetcher ? { fetcher } : {}),
      }),
  };
}

/** The IDs of a report's findings. */
export function ids(report: DomainReport): string[] {
  return report.findings.map((f) => f.id);
}

/** The findings of one ID. */
export function findingsOf(report: DomainReport, id: string) {
  return report.findings.filter((f) => f.id === id);
}

/** A healthy baseline for a domain: MX with an address, SPF, DMARC p=reject. */
export function healthy(origin: string, extra = ''): string {
  return `@ MX 10 mx\nmx A 192.0.2.10\n@ TXT "v=spf1 ip4:192.0.2.0/24 -all"\n_dmarc TXT "v=DMARC1; p=reject; rua=mailto:dmarc@${origin}"\n${extra}`;
}
