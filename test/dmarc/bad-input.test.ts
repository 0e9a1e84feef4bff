import { describe, expect, it } from 'vitest';
import {
  checkExternalDestination,
  discoverDmarcPolicy,
  evaluateDmarc,
  extractAuthorDomain,
} from '../../src/dmarc/index.ts';
import { createMemoryResolver } from '../../src/dns/memory-resolver.ts';
import { memoryResolver, zone } from '../helpers/zone.ts';

describe('extractAuthorDomain (RFC 7489 6.6.1)', () => {
  it('reads the domain of one From address in its usual forms', () => {
    for (const value of [
      'ann@Example.COM',
      '"Ann, Sales" <ann@example.com>',
      'Ann (the boss) <ann@example.com> (work)',
      '=?UTF-8?Q?Ann=C3=A9?= <ann@example.com>',
      'Team: ann@example.com, bob@example.com;',
      '<@relay.example:ann@example.com>',
    ]) {
      const a = extractAuthorDomain([value]);
      expect(a, value).toMatchObject({ ok: true, domain: 'example.com' });
    }
    expect(extractAuthorDomain(['ann@bücher.example'])).toMatchObject({
      ok: true,
      domain: 'xn--bcher-kva.example',
    });
  });

  it('gives permerror with a reason for no From, several, none without a domain', () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /no From header field/],
      [['a@example.com', 'b@example.com'], /2 From header fields/],
      [[''], /no address/],
      [['"Only a name"'], /"Q" has no domain/],
      [['ann'], /has no domain/],
      [['ann@'], /invalid domain/],
      [['ann@[192.0.2.1]'], /address literal/],
      [['a@example.com, b@example.net'], /several domains \(example\.com, example\.net\)/],
      [[`x@${'a'.repeat(20_000)}.example`], /characters long/],
    ];
    for (const [fields, reason] of cases) {
      const a = extractAuthorDomain(fields);
      expect(a.ok, JSON.stringify(fields)).toBe(false);
      if (!a.ok) {
        expect(a.result).toBe('permerror');
        expect(a.reason).toMatch(reason);
      }
    }
  });
});

describe('records with unknown tags and junk', () => {
  const root = zone(`
    $ORIGIN .
    _dmarc.unknown.example. TXT "v=DMARC1; p=reject; future=1; x-vendor=abc"
    _dmarc.junk.example.    TXT "v=DMARC1; p=reject; this is not a tag"
    _dmarc.tooling.example. TXT "v=DMARC1; p=reject; pct=abc; adkim=relaxed"
  `);
  const resolver = memoryResolver(root);

  it('applies a record with unknown tags, warning about each', async () => {
    const e = await evaluateDmarc(
      {
        fromDomain: 'unknown.example',
        spf: { result: 'fail', domain: 'unknown.example' },
        dkim: [],
      },
      { resolver },
    );
    expect(e).toMatchObject({ result: 'fail', policy: 'reject' });
    expect(e.discovery.issues.map((i) => i.tag)).toEqual(['future', 'x-vendor']);
  });

  it('gives permerror for junk, and defaults for bad values of known tags', async () => {
    const junk = await evaluateDmarc(
      { fromDomain: 'junk.example', spf: { result: 'pass', domain: 'junk.example' }, dkim: [] },
      { resolver },
    );
    expect(junk.result).toBe('permerror');
    expect(junk.reason).toMatch(/not a tag=value pair/);
    const defaults = await discoverDmarcPolicy('tooling.example', { resolver, mode: 'rfc7489' });
    expect(defaults.record).toMatchObject({ p: 'reject' });
    expect(defaults.record?.pct).toBeUndefined();
    expect(defaults.issues.map((i) => i.tag)).toEqual(['pct', 'adkim']);
  });
});

describe('checkExternalDestination (RFC 7489 7.1)', () => {
  const root = zone(`
    $ORIGIN .
    example.com._report._dmarc.reports.example.net. TXT "v=DMARC1"
    other.example._report._dmarc.reports.example.net. TXT "not dmarc"
  `);
  const resolver = memoryResolver(root);

  it('authorizes when the destination publishes v=DMARC1 at the right name', async () => {
    const r = await checkExternalDestination('example.com', 'reports.example.net', { resolver });
    expect(r).toMatchObject({
      status: 'authorized',
      queryName: 'example.com._report._dmarc.reports.example.net',
    });
    expect(r.answer?.status).toBe('ok');
  });

  it('does not authorize without the record or with a non-DMARC one', async () => {
    for (const policy of ['other.example', 'nobody.example']) {
      const r = await checkExternalDestination(policy, 'reports.example.net', { resolver });
      expect(r.status, policy).toBe('not-authorized');
    }
  });

  it('needs no check inside one organization, and reports DNS failures as temperror', async () => {
    const same = await checkExternalDestination('mail.example.com', 'example.com', { resolver });
    expect(same.status).toBe('same-organization');
    const flaky = createMemoryResolver([root], {
      faults: [{ name: 'example.com._report._dmarc.reports.example.net', fault: 'timeout' }],
    });
    const r = await checkExternalDestination('example.com', 'reports.example.net', {
      resolver: flaky,
    });
    expect(r.status).toBe('temperror');
  });
});
