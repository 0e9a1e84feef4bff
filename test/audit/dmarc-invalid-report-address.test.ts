import { describe, expect, it } from 'vitest';
import { findingsOf, ids, startAuditWorld } from './world.ts';

const world = await startAuditWorld({
  test: '',
  'badrua.test': `@ MX 10 mx\nmx A 192.0.2.1\n@ TXT "v=spf1 -all"\n_dmarc TXT "v=DMARC1; p=reject; rua=mailto:a@x..y.example,mailto:b@exa!mple.example,mailto:d@badrua.test"`,
});

describe('mxray check: a DMARC report address whose domain is not a domain name', () => {
  it('is a DMARC_TAG_WARNING, not a DNS failure, not a lookup that fails', async () => {
    const r = await world.check('badrua.test');
    expect(ids(r)).not.toContain('DNS_TEMPERROR');
    expect(ids(r)).not.toContain('DMARC_RUA_NOT_AUTHORIZED');
    const warnings = findingsOf(r, 'DMARC_TAG_WARNING').map((f) => f.summary);
    expect(warnings).toEqual([
      expect.stringContaining('mailto:a@x..y.example'),
      expect.stringContaining('mailto:b@exa!mple.example'),
    ]);
    expect(r.verdict).toBe('warn');
  });
});
