import { describe, expect, it } from 'vitest';
import { dkimPublicKey, findingsOf, healthy, ids, startAuditWorld, txt } from './world.ts';

const k2048 = dkimPublicKey(2048);
const k1024 = dkimPublicKey(1024);
const k768 = dkimPublicKey(768);
const ed = dkimPublicKey('ed25519');
const h = (o: string, extra: string) => healthy(o, extra);

const world = await startAuditWorld({
  test: '',
  'keys.test': h(
    'keys.test',
    [
      `good._domainkey TXT ${txt(`v=DKIM1; k=rsa; p=${k2048}`)}`,
      `edkey._domainkey TXT ${txt(`v=DKIM1; k=ed25519; p=${ed}`)}`,
      `weak._domainkey TXT ${txt(`v=DKIM1; k=rsa; p=${k1024}`)}`,
      `tooweak._domainkey TXT ${txt(`v=DKIM1; k=rsa; p=${k768}`)}`,
      `revoked._domainkey TXT "v=DKIM1; k=rsa; p="`,
      `garbage._domainkey TXT "v=DKIM1; k=rsa; p=this-is-not-base64!"`,
      `testing._domainkey TXT ${txt(`v=DKIM1; k=rsa; t=y; p=${k2048}`)}`,
      `two._domainkey TXT ${txt(`v=DKIM1; k=rsa; p=${k2048}`)}`,
      `two._domainkey TXT ${txt(`v=DKIM1; k=rsa; p=${k1024}`)}`,
      `dangling._domainkey CNAME dangling.keys.esp.test.`,
      `nodata._domainkey CNAME host.esp.test.`,
      `loop._domainkey CNAME loop2._domainkey`,
      `loop2._domainkey CNAME loop._domainkey`,
    ].join('\n'),
  ),
  'esp.test': 'host A 192.0.2.1',
  'nokeys.test': h('nokeys.test', ''),
  'guessed.test': h('guessed.test', `default._domainkey TXT ${txt(`v=DKIM1; k=rsa; p=${k2048}`)}`),
  'wild.test': h('wild.test', '* TXT "some-verification=xyz"'),
  'revokeall.test': h('revokeall.test', '*._domainkey TXT "v=DKIM1; p="'),
});

const check = (selector: string) => world.check('keys.test', [selector]);

describe('mxray check: DKIM selectors (embedded server on loopback)', () => {
  it('DKIM_KEY_OK for an RSA-2048 key and for an Ed25519 key', async () => {
    expect(findingsOf(await check('good'), 'DKIM_KEY_OK')[0]?.data?.bits).toBe(2048);
    expect(findingsOf(await check('edkey'), 'DKIM_KEY_OK')[0]?.data?.keyType).toBe('ed25519');
  });
  it('DKIM_KEY_WEAK: a warning at 1024 bits, an error below (RFC 8301)', async () => {
    expect(findingsOf(await check('weak'), 'DKIM_KEY_WEAK')[0]?.severity).toBe('warning');
    expect(findingsOf(await check('tooweak'), 'DKIM_KEY_WEAK')[0]?.severity).toBe('error');
  });
  it('DKIM_KEY_REVOKED for an empty p=', async () => {
    expect(ids(await check('revoked'))).toContain('DKIM_KEY_REVOKED');
  });
  it('DKIM_KEY_INVALID for a key that is not base64', async () => {
    expect(ids(await check('garbage'))).toContain('DKIM_KEY_INVALID');
  });
  it('DKIM_TESTING for t=y', async () => {
    expect(ids(await check('testing'))).toContain('DKIM_TESTING');
  });
  it('DKIM_MULTIPLE_RECORDS for two TXT records at one selector', async () => {
    expect(ids(await check('two'))).toContain('DKIM_MULTIPLE_RECORDS');
  });
  it('DKIM_CNAME_DANGLING when the CNAME target does not exist, with the hop in the evidence', async () => {
    const r = await check('dangling');
    const [f] = findingsOf(r, 'DKIM_CNAME_DANGLING');
    expect(f?.severity).toBe('error');
    expect(f?.summary).toContain('dangling.keys.esp.test');
    expect(f?.summary).toContain('NXDOMAIN');
    expect(f?.evidence.some((e) => e.answers.some((a) => a.data.type === 'CNAME'))).toBe(true);
    expect(ids(r)).toContain('DKIM_NO_VALID_KEY');
  });
  it('DKIM_CNAME_DANGLING when the CNAME target exists without a TXT record (NODATA)', async () => {
    const [f] = findingsOf(await check('nodata'), 'DKIM_CNAME_DANGLING');
    expect(f?.summary).toContain('NODATA');
  });
  it('DKIM_CNAME_LOOP for a CNAME loop', async () => {
    expect(ids(await check('loop'))).toContain('DKIM_CNAME_LOOP');
  });
  it('DKIM_SELECTOR_NOT_FOUND and DKIM_NO_VALID_KEY for a named selector that does not exist', async () => {
    const r = await check('missing');
    expect(ids(r)).toContain('DKIM_SELECTOR_NOT_FOUND');
    expect(ids(r)).toContain('DKIM_NO_VALID_KEY');
  });
  it('DKIM_NO_SELECTOR_FOUND when no common selector exists', async () => {
    expect(ids(await world.check('nokeys.test'))).toContain('DKIM_NO_SELECTOR_FOUND');
  });
  it('finds a common selector without --selector', async () => {
    const r = await world.check('guessed.test');
    expect(findingsOf(r, 'DKIM_KEY_OK')[0]?.subject).toBe('default._domainkey.guessed.test');
  });
  it('a wildcard revoking every selector gives no DKIM_KEY_REVOKED for guesses, but does for a named selector', async () => {
    const guessed = await world.check('revokeall.test');
    expect(findingsOf(guessed, 'DKIM_KEY_REVOKED')).toHaveLength(0);
    expect(ids(guessed)).toContain('DKIM_NO_SELECTOR_FOUND');
    expect(
      findingsOf(await world.check('revokeall.test', ['s2020']), 'DKIM_KEY_REVOKED'),
    ).toHaveLength(1);
  });
  it('ignores wildcard TXT records that are not DKIM keys when guessing selectors', async () => {
    const r = await world.check('wild.test');
    expect(ids(r)).not.toContain('DKIM_KEY_INVALID');
    expect(ids(r)).toContain('DKIM_NO_SELECTOR_FOUND');
  });
});
