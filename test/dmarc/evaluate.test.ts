import { describe, expect, it } from 'vitest';
import { createMemoryResolver } from '../../src/dns/memory-resolver.ts';
import { evaluateDmarc, type DmarcInput } from '../../src/dmarc/index.ts';
import { memoryResolver, zone } from '../helpers/zone.ts';

const root = zone(`
  $ORIGIN .
  _dmarc.example.com.      TXT "v=DMARC1; p=reject; sp=quarantine; np=reject"
  sub.example.com.         A   192.0.2.1
  _dmarc.strict.example.   TXT "v=DMARC1; p=reject; adkim=s; aspf=s"
  _dmarc.test.example.     TXT "v=DMARC1; p=reject; t=y; pct=0"
  _dmarc.q.example.        TXT "v=DMARC1; p=quarantine; pct=25"
  _dmarc.badrec.example.   TXT "v=DMARC1; p=reject; ???"
  _dmarc.nopolicy.example. TXT "v=DMARC1; aspf=s"
`);
const resolver = memoryResolver(root);

const pass = (domain: string) => ({ result: 'pass', domain });
const input = (fromDomain: string, spf: string | null, ...dkim: string[]): DmarcInput => ({
  fromDomain,
  spf: spf === null ? { result: 'none', domain: '' } : pass(spf),
  dkim: dkim.map(pass),
});

describe('evaluateDmarc', () => {
  it('passes on an aligned DKIM signature and lists the aligned identifiers', async () => {
    const e = await evaluateDmarc(
      {
        fromDomain: 'user@example.com',
        spf: { result: 'pass', domain: 'bounces.esp.example' },
        dkim: [
          { result: 'fail', domain: 'example.com', selector: 'old' },
          { result: 'pass', domain: 'mail.example.com', selector: 's1' },
        ],
      },
      { resolver },
    );
    expect(e).toMatchObject({
      result: 'pass',
      policy: 'reject',
      disposition: 'none',
      policyDomain: 'example.com',
      fromDomain: 'example.com',
    });
    expect(e.alignedIdentifiers).toEqual([
      { method: 'dkim', domain: 'mail.example.com', selector: 's1' },
    ]);
    expect(e.alignment.dkim[0]?.why).toMatch(/only a pass can align/);
    expect(e.alignment.spf.aligned).toBe(false);
    expect(e.reason).toMatch(/aligned dkim mail\.example\.com/);
  });

  it('passes on aligned SPF (relaxed) and fails when nothing aligns', async () => {
    const ok = await evaluateDmarc(input('example.com', 'bounce.example.com'), { resolver });
    expect(ok.result).toBe('pass');
    const bad = await evaluateDmarc(input('example.com', 'example.net', 'example.org'), {
      resolver,
    });
    expect(bad).toMatchObject({ result: 'fail', policy: 'reject', disposition: 'reject' });
    expect(bad.reason).toMatch(/nothing aligned with From example\.com/);
  });

  it('strict alignment needs identical names', async () => {
    const e = await evaluateDmarc(
      input('strict.example', 'mail.strict.example', 'strict.example'),
      {
        resolver,
      },
    );
    expect(e.result).toBe('pass');
    expect(e.alignment.spf).toMatchObject({ aligned: false, mode: 's' });
    expect(e.alignment.dkim[0]).toMatchObject({ aligned: true, mode: 's' });
    const f = await evaluateDmarc(input('strict.example', null, 'a.strict.example'), { resolver });
    expect(f.result).toBe('fail');
  });

  it('selects sp for an existing subdomain and np for a non-existent one', async () => {
    const existing = await evaluateDmarc(input('sub.example.com', null), { resolver });
    expect(existing).toMatchObject({ policy: 'quarantine', policyTag: 'sp' });
    const missing = await evaluateDmarc(input('ghost.example.com', null), { resolver });
    expect(missing).toMatchObject({ policy: 'reject', policyTag: 'np' });
    expect(missing.reason).toMatch(/non-existent subdomain/);
    const own = await evaluateDmarc(input('example.com', null), { resolver });
    expect(own).toMatchObject({ policy: 'reject', policyTag: 'p' });
  });

  it('does not apply np when existence cannot be determined', async () => {
    const flaky = createMemoryResolver([root], {
      faults: [{ name: 'ghost.example.com', type: 'A', fault: 'servfail' }],
    });
    const e = await evaluateDmarc(input('ghost.example.com', null), { resolver: flaky });
    expect(e).toMatchObject({ policy: 'quarantine', policyTag: 'sp' });
    expect(e.reason).toMatch(/unknown \(DNS failure\)/);
  });

  it('t=y steps the policy down in rfc9989 mode; pct is ignored there', async () => {
    const e = await evaluateDmarc(input('test.example', null), { resolver, mode: 'rfc9989' });
    expect(e).toMatchObject({
      result: 'fail',
      requestedPolicy: 'reject',
      policy: 'quarantine',
      disposition: 'quarantine',
      sampledOut: true,
    });
    expect(e.pct).toBeUndefined();
  });

  it('pct samples failing messages in rfc7489 mode with the injected random', async () => {
    const options = { resolver, mode: 'rfc7489' as const };
    const selected = await evaluateDmarc(input('q.example', null), {
      ...options,
      random: () => 0.2,
    });
    expect(selected).toMatchObject({ policy: 'quarantine', sampledOut: false, pct: 25 });
    const skipped = await evaluateDmarc(input('q.example', null), {
      ...options,
      random: () => 0.25,
    });
    expect(skipped).toMatchObject({ policy: 'none', disposition: 'none', sampledOut: true });
    expect(skipped.reason).toMatch(/pct=25 did not select/);
    // t= is RFC 9989 only: in rfc7489 mode the step down of "t=y; pct=0" comes from pct.
    const t = await evaluateDmarc(input('test.example', null), { ...options, random: () => 0 });
    expect(t.policy).toBe('quarantine');
    expect(t.reason).toMatch(/pct=0 did not select/);
    expect(t.reason).not.toMatch(/t=y/);
    let calls = 0;
    await evaluateDmarc(input('q.example', 'q.example'), { ...options, random: () => ++calls });
    expect(calls).toBe(0); // a passing message is never sampled
  });

  it('maps discovery outcomes to none, temperror and permerror with reasons', async () => {
    const none = await evaluateDmarc(input('example.net', 'example.net'), { resolver });
    expect(none).toMatchObject({ result: 'none', policy: 'none', disposition: 'none' });
    const perm = await evaluateDmarc(input('badrec.example', null), { resolver });
    expect(perm.result).toBe('permerror');
    expect(perm.reason).toMatch(/"\?\?\?" is not a tag=value pair/);
    const noPolicy = await evaluateDmarc(input('nopolicy.example', null), { resolver });
    expect(noPolicy.result).toBe('none');
    expect(noPolicy.reason).toMatch(/no DMARC policy applies/);
    const flaky = createMemoryResolver([root], {
      faults: [{ name: '_dmarc.example.com', fault: 'timeout' }],
    });
    const temp = await evaluateDmarc(input('example.com', 'example.com'), { resolver: flaky });
    expect(temp.result).toBe('temperror');
    expect(temp.reason).toMatch(/could not be retrieved/);
  });

  it('gives temperror when alignment needs a tree walk that fails and nothing else aligned', async () => {
    const flaky = createMemoryResolver([root], {
      faults: [{ name: '_dmarc.mail.example.com', fault: 'servfail' }],
    });
    const e = await evaluateDmarc(input('example.com', null, 'mail.example.com'), {
      resolver: flaky,
    });
    expect(e.result).toBe('temperror');
    expect(e.alignment.dkim[0]?.aligned).toBe('unknown');
    const rescued = await evaluateDmarc(input('example.com', 'example.com', 'mail.example.com'), {
      resolver: flaky,
    });
    expect(rescued.result).toBe('pass');
  });

  it('keeps every DNS answer as evidence, each name asked once', async () => {
    const e = await evaluateDmarc(input('a.b.example.com', 'x.example.com', 'y.example.com'), {
      resolver,
    });
    const names = e.discovery.answers.map((a) => `${a.name} ${a.type}`);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('_dmarc.a.b.example.com TXT');
    expect(names).toContain('_dmarc.y.example.com TXT');
  });

  it('gives permerror for an empty or invalid From domain', async () => {
    for (const fromDomain of ['', 'user@', 'bad domain']) {
      const e = await evaluateDmarc(input(fromDomain, null), { resolver });
      expect(e.result, fromDomain).toBe('permerror');
      expect(e.reason).toMatch(/author domain is invalid/);
    }
  });
});
