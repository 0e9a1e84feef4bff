import { describe, expect, it } from 'vitest';
import { findingsOf, ids, startAuditWorld } from './world.ts';

const spfDmarc = (o: string) =>
  `@ TXT "v=spf1 -all"\n_dmarc TXT "v=DMARC1; p=reject; rua=mailto:d@${o}"`;

const world = await startAuditWorld({
  test: '',
  'mixed.test': `@ MX 0 .\n@ MX 10 mx\nmx A 192.0.2.10\n${spfDmarc('mixed.test')}`,
  'twonull.test': `@ MX 0 .\n@ MX 5 .\n${spfDmarc('twonull.test')}`,
});

describe('mxray check: a null MX next to other MX records (RFC 7505 3)', () => {
  it('reports the mix, audits the real hosts, and never looks up the root name', async () => {
    const r = await world.check('mixed.test');
    expect(ids(r)).not.toContain('DNS_TEMPERROR');
    expect(ids(r)).not.toContain('MX_NULL');
    const [mix] = findingsOf(r, 'MX_TARGET_UNRESOLVABLE');
    expect(mix?.subject).toBe('mixed.test');
    expect(mix?.summary).toContain('null MX');
    expect(mix?.evidence.length).toBe(1);
    expect(r.verdict).toBe('fail');
  });

  it('MX_NULL when every MX record is a null MX', async () => {
    const r = await world.check('twonull.test');
    expect(ids(r)).toContain('MX_NULL');
    expect(ids(r)).not.toContain('DNS_TEMPERROR');
  });
});
