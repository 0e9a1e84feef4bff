import { describe, expect, it } from 'vitest';
import { createMemoryResolver } from '../../src/dns/memory-resolver.ts';
import { discoverDmarcPolicy, walkNames } from '../../src/dmarc/index.ts';
import { memoryResolver, zone } from '../helpers/zone.ts';

const root = zone(`
  $ORIGIN .
  $TTL 300
  _dmarc.example.com.        TXT "v=DMARC1; p=reject; sp=quarantine"
  _dmarc.own.example.com.    TXT "v=DMARC1; p=none"
  _dmarc.two.example.com.    TXT "v=DMARC1; p=reject"
                             TXT "v=DMARC1; p=none"
  _dmarc.other.example.com.  TXT "some verification token"
                             TXT "v=spf1 -all"
  _dmarc.broken.example.com. TXT "v=DMARC1; p=reject; junk"
  _dmarc.example.co.uk.      TXT "v=DMARC1; p=reject"
  _dmarc.co.uk.              TXT "v=DMARC1; p=none; psd=y"
  _dmarc.orgless.example.    TXT "v=DMARC1; adkim=s"
`);

describe('discoverDmarcPolicy', () => {
  for (const mode of ['rfc7489', 'rfc9989'] as const) {
    describe(mode, () => {
      const resolver = memoryResolver(root);

      it('finds the author domain’s own record', async () => {
        const d = await discoverDmarcPolicy('own.example.com', { resolver, mode });
        expect(d).toMatchObject({
          status: 'found',
          mode,
          policyDomain: 'own.example.com',
          recordText: 'v=DMARC1; p=none',
          fromOrganizationalDomain: false,
        });
        expect(d.answers[0]?.name).toBe('_dmarc.own.example.com');
      });

      it('falls back to the organizational domain, ignoring non-DMARC TXT records', async () => {
        for (const author of ['deep.sub.example.com', 'other.example.com']) {
          const d = await discoverDmarcPolicy(author, { resolver, mode });
          expect(d, author).toMatchObject({
            status: 'found',
            policyDomain: 'example.com',
            organizationalDomain: 'example.com',
            fromOrganizationalDomain: true,
          });
        }
      });

      it('reports multiple DMARC records as "multiple" and does not inherit the parent policy', async () => {
        const d = await discoverDmarcPolicy('two.example.com', { resolver, mode });
        expect(d.status).toBe('multiple');
        expect(d.record).toBeUndefined();
        expect(d.issues[0]?.message).toMatch(/2 DMARC records/);
      });

      it('skips a broken record for the parent’s, keeping the issue', async () => {
        const d = await discoverDmarcPolicy('broken.example.com', { resolver, mode });
        expect(d).toMatchObject({ status: 'found', policyDomain: 'example.com' });
        expect(d.issues[0]?.message).toMatch(/_dmarc\.broken\.example\.com: "junk"/);
      });

      it('returns "invalid" when only a broken record exists', async () => {
        const d = await discoverDmarcPolicy('orgless.example', { resolver, mode });
        expect(d).toMatchObject({ status: 'invalid', invalidKind: 'no-policy' });
      });

      it('returns "none" without a record, and normalises the name', async () => {
        const d = await discoverDmarcPolicy('Mail.Example.NET.', { resolver, mode });
        expect(d.status).toBe('none');
        expect(d.answers[0]?.name).toBe('_dmarc.mail.example.net');
      });

      it('turns every DNS failure into temperror, never none', async () => {
        for (const fault of ['timeout', 'servfail', 'refused', 'garbage'] as const) {
          const failing = createMemoryResolver([root], {
            faults: [{ name: '_dmarc.sub.example.com', fault }],
          });
          const d = await discoverDmarcPolicy('sub.example.com', { resolver: failing, mode });
          expect(d.status, fault).toBe('temperror');
          expect(d.issues[0]?.message).toMatch(/_dmarc\.sub\.example\.com TXT failed/);
        }
        const orgFails = createMemoryResolver([root], {
          faults: [{ name: '_dmarc.example.com', fault: 'servfail' }],
        });
        const d = await discoverDmarcPolicy('sub.example.com', { resolver: orgFails, mode });
        expect(d.status).toBe('temperror');
      });

      it('reports an invalid author domain as invalid', async () => {
        const d = await discoverDmarcPolicy('not a domain', { resolver, mode });
        expect(d.status).toBe('invalid');
        expect(d.issues[0]?.message).toMatch(/author domain is invalid/);
      });
    });
  }

  it('rfc7489 uses the public suffix list: co.uk is a suffix, its record is not used', async () => {
    const d = await discoverDmarcPolicy('shop.example.co.uk', {
      resolver: memoryResolver(root),
      mode: 'rfc7489',
    });
    expect(d).toMatchObject({
      policyDomain: 'example.co.uk',
      organizationalDomain: 'example.co.uk',
    });
    const none = await discoverDmarcPolicy('nobody.co.uk', {
      resolver: memoryResolver(root),
      mode: 'rfc7489',
    });
    expect(none.status).toBe('none');
  });

  it('rfc9989 finds a PSD policy for an unregistered name under co.uk, org domain one below', async () => {
    const d = await discoverDmarcPolicy('a.nobody.co.uk', {
      resolver: memoryResolver(root),
      mode: 'rfc9989',
    });
    expect(d).toMatchObject({
      status: 'found',
      policyDomain: 'co.uk',
      organizationalDomain: 'nobody.co.uk',
    });
  });

  it('is the default mode: rfc9989', async () => {
    const d = await discoverDmarcPolicy('own.example.com', { resolver: memoryResolver(root) });
    expect(d.mode).toBe('rfc9989');
  });
});

describe('walkNames (RFC 9989 4.10)', () => {
  it('queries the name, then from seven labels down to one', () => {
    expect(walkNames('a.b.c.d.e.f.g.h.i.j.k.example.com')).toEqual([
      'a.b.c.d.e.f.g.h.i.j.k.example.com',
      'g.h.i.j.k.example.com',
      'h.i.j.k.example.com',
      'i.j.k.example.com',
      'j.k.example.com',
      'k.example.com',
      'example.com',
      'com',
    ]);
    expect(walkNames('mail.example.com')).toEqual(['mail.example.com', 'example.com', 'com']);
    expect(walkNames('localhost')).toEqual(['localhost']);
    expect(walkNames('192.0.2.1')).toEqual(['192.0.2.1']);
  });
});
