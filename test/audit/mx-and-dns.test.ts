import { describe, expect, it } from 'vitest';
import { checkDomain } from '../../src/audit/index.ts';
import { createContext } from '../../src/runtime/create-context.ts';
import { findingsOf, healthy, ids, startAuditWorld } from './world.ts';

const spfDmarc = (o: string) =>
  `@ TXT "v=spf1 -all"\n_dmarc TXT "v=DMARC1; p=reject; rua=mailto:d@${o}"`;

const world = await startAuditWorld(
  {
    test: '',
    'good.test': healthy('good.test'),
    'nomx.test': spfDmarc('nomx.test'),
    'nullmx.test': `@ MX 0 .\n${spfDmarc('nullmx.test')}`,
    'deadmx.test': `@ MX 10 gone.deadmx.test.\n${spfDmarc('deadmx.test')}`,
    'cnamemx.test': `@ MX 10 alias\nalias CNAME real\nreal A 192.0.2.1\n${spfDmarc('cnamemx.test')}`,
    'ipmx.test': `@ MX 10 192.0.2.1.\n${spfDmarc('ipmx.test')}`,
    'broken.test': healthy('broken.test'),
    'slow.test': healthy('slow.test'),
    'refusing.test': healthy('refusing.test'),
  },
  [
    { name: '_dmarc.broken.test', fault: 'servfail' },
    { name: 'slow.test', type: 'TXT', fault: 'timeout' },
    { name: 'refusing.test', type: 'MX', fault: 'refused' },
  ],
);

describe('mxray check: MX and DNS failures (embedded server on loopback)', () => {
  it('MX_OK for a domain whose MX hosts resolve, and a pass verdict overall', async () => {
    const r = await world.check('good.test');
    expect(ids(r)).toContain('MX_OK');
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('MX_MISSING when the domain has no MX', async () => {
    expect(ids(await world.check('nomx.test'))).toContain('MX_MISSING');
  });

  it('MX_NULL for a null MX (RFC 7505)', async () => {
    const r = await world.check('nullmx.test');
    expect(ids(r)).toContain('MX_NULL');
    expect(ids(r)).not.toContain('MX_MISSING');
  });

  it('MX_TARGET_UNRESOLVABLE when an MX host has no address', async () => {
    const [f] = findingsOf(await world.check('deadmx.test'), 'MX_TARGET_UNRESOLVABLE');
    expect(f?.subject).toBe('gone.deadmx.test');
    expect(f?.evidence.length).toBeGreaterThan(0);
  });

  it('MX_TARGET_IS_CNAME when an MX host is an alias', async () => {
    expect(ids(await world.check('cnamemx.test'))).toContain('MX_TARGET_IS_CNAME');
  });

  it('MX_TARGET_IS_IP when an MX points to an address', async () => {
    expect(ids(await world.check('ipmx.test'))).toContain('MX_TARGET_IS_IP');
  });

  it('DOMAIN_NXDOMAIN for a domain that does not exist, and nothing else', async () => {
    const r = await world.check('nosuch.test');
    expect(ids(r)).toEqual(['DOMAIN_NXDOMAIN']);
    expect(r.verdict).toBe('fail');
  });

  it('DNS_TEMPERROR, never DMARC_MISSING, when _dmarc answers SERVFAIL', async () => {
    const r = await world.check('broken.test');
    expect(ids(r)).toContain('DNS_TEMPERROR');
    expect(ids(r)).not.toContain('DMARC_MISSING');
    const f = findingsOf(r, 'DNS_TEMPERROR')[0];
    expect(f?.evidence.some((e) => e.rcode === 'SERVFAIL')).toBe(true);
  });

  it('DNS_TEMPERROR, never SPF_MISSING, when the TXT lookup times out', async () => {
    const r = await world.check('slow.test');
    expect(ids(r)).toContain('DNS_TEMPERROR');
    expect(ids(r)).not.toContain('SPF_MISSING');
  });

  it('DNS_TEMPERROR, never MX_MISSING, when the server REFUSES the MX query', async () => {
    const r = await world.check('refusing.test');
    expect(ids(r)).toContain('DNS_TEMPERROR');
    expect(ids(r)).not.toContain('MX_MISSING');
  });

  it('an unreachable resolver gives one DNS_TEMPERROR per lookup, one for all guessed selectors, and never "missing"', async () => {
    const ctx = await createContext({ resolvers: ['127.0.0.1:9'], dnsTimeoutMs: 100 });
    const r = await checkDomain('down.test', { resolver: ctx.resolver, clock: ctx.clock });
    expect(new Set(ids(r))).toEqual(new Set(['DNS_TEMPERROR']));
    // MX, SPF, DMARC, the guessed selectors, MTA-STS, TLS-RPT and BIMI: one each.
    expect(r.findings.length).toBeLessThanOrEqual(7);
    expect(r.findings.some((f) => f.subject.includes('selector names'))).toBe(true);
  });

  it('rejects an invalid domain name with a usage error', async () => {
    await expect(world.check('exa mple..com')).rejects.toThrow(/not a domain name|empty label/);
  });
});
