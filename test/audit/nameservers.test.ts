import { afterAll, describe, expect, it } from 'vitest';
import { checkDomain } from '../../src/audit/index.ts';
import { startDnsServer } from '../../src/dns/server/index.ts';
import { parseZoneFile } from '../../src/dns/zone/zone.ts';
import { createContext } from '../../src/runtime/create-context.ts';
import { findingsOf, ids, zoneText } from './world.ts';

// Two nameservers of one zone on 127.0.0.1:P and 127.0.0.2:P: the second is a stale secondary.
const zone = (dmarc: string) =>
  parseZoneFile(
    zoneText(
      'ns.test',
      `@ NS ns2\nns1 A 127.0.0.1\nns2 A 127.0.0.2\n@ MX 10 mx\nmx A 192.0.2.1\n@ TXT "v=spf1 mx -all"\n_dmarc TXT "${dmarc}"`,
    ),
    { origin: 'ns.test' },
  );
const primary = await startDnsServer({
  zones: [zone('v=DMARC1; p=reject; rua=mailto:d@ns.test')],
  host: '127.0.0.1',
  port: 0,
});
const stale = await startDnsServer({
  zones: [zone('v=DMARC1; p=none; rua=mailto:d@ns.test')],
  host: '127.0.0.2',
  port: primary.port,
});
afterAll(async () => {
  await primary.close();
  await stale.close();
});

describe('mxray check --authoritative: nameserver consistency', () => {
  it('NS_INCONSISTENT when a secondary serves a stale _dmarc record', async () => {
    const ctx = await createContext({
      resolvers: [primary.address],
      authoritative: true,
      authoritativePort: primary.port,
      dnsTimeoutMs: 300,
    });
    const r = await checkDomain('ns.test', {
      resolver: ctx.resolver,
      clock: ctx.clock,
      compareNameservers: ctx.compareNameservers!,
    });
    const [f] = findingsOf(r, 'NS_INCONSISTENT');
    expect(f?.subject).toBe('_dmarc.ns.test TXT');
    expect(new Set(f?.evidence.map((e) => e.server))).toEqual(
      new Set([primary.address, stale.address]),
    );
  });
  it('NS_CONSISTENT once the secondary has caught up', async () => {
    stale.setZones([zone('v=DMARC1; p=reject; rua=mailto:d@ns.test')]);
    const ctx = await createContext({
      resolvers: [primary.address],
      authoritative: true,
      authoritativePort: primary.port,
      dnsTimeoutMs: 300,
    });
    const r = await checkDomain('ns.test', {
      resolver: ctx.resolver,
      clock: ctx.clock,
      compareNameservers: ctx.compareNameservers!,
    });
    expect(ids(r)).toContain('NS_CONSISTENT');
    expect(ids(r)).not.toContain('NS_INCONSISTENT');
  });
});
