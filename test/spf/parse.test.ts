import { describe, expect, it } from 'vitest';
import { parseSpfRecord } from '../../src/spf/index.ts';

function errorOf(text: string) {
  const parsed = parseSpfRecord(text);
  if (parsed.ok) throw new Error(`expected a syntax error for ${text}`);
  return parsed.error;
}

describe('parseSpfRecord', () => {
  it('parses every mechanism with qualifiers, dual CIDR lengths and modifiers', () => {
    const parsed = parseSpfRecord(
      'v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a a:mail.example.com/28//64 -mx//48 ~ptr ?exists:%{i}.x.example.com include:_spf.example.net redirect=_spf.example.com exp=explain.%{d} foo=bar',
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const r = parsed.record;
    expect(r.mechanisms.map((m) => `${m.qualifier}${m.name}`)).toEqual([
      '+ip4',
      '+ip6',
      '+a',
      '+a',
      '-mx',
      '~ptr',
      '?exists',
      '+include',
    ]);
    expect(r.mechanisms[0]).toMatchObject({ network: '192.0.2.0', cidr4: 24, position: 7 });
    expect(r.mechanisms[1]).toMatchObject({ network: '2001:db8::', cidr6: 32 });
    expect(r.mechanisms[3]).toMatchObject({ domainSpec: 'mail.example.com', cidr4: 28, cidr6: 64 });
    expect(r.mechanisms[4]).toMatchObject({ cidr6: 48 });
    expect(r.mechanisms[4]?.cidr4).toBeUndefined();
    expect(r.redirect?.value).toBe('_spf.example.com');
    expect(r.exp?.value).toBe('explain.%{d}');
    expect(r.modifiers.map((m) => m.name)).toEqual(['redirect', 'exp', 'foo']);
  });

  it('is case-insensitive for the version, mechanisms and modifiers', () => {
    const parsed = parseSpfRecord('V=SPF1 MX Include:Example.COM -ALL Redirect=x.example');
    expect(parsed.ok && parsed.record.mechanisms.map((m) => m.name)).toEqual([
      'mx',
      'include',
      'all',
    ]);
  });

  it('reports the position and token of the first error', () => {
    expect(errorOf('v=spf1 mx foo:bar -all')).toMatchObject({ position: 10, token: 'foo:bar' });
    expect(errorOf('v=spf1 ip4:1.2.3.4/33')).toMatchObject({
      position: 7,
      token: 'ip4:1.2.3.4/33',
    });
    expect(errorOf('v=spf1 a:example.com/024').message).toMatch(/CIDR/);
    expect(errorOf('v=spf1 a:example.com//129').message).toMatch(/IPv6 CIDR/);
    expect(errorOf('v=spf1 ip4:01.2.3.4').message).toMatch(/not an IPv4 address/);
    expect(errorOf('v=spf1 ip6:1.2.3.4').message).toMatch(/not an IPv6 address/);
    expect(errorOf('v=spf1 include:').message).toMatch(/empty/);
    expect(errorOf('v=spf1 exists').message).toMatch(/needs/);
    expect(errorOf('v=spf1 ptr/24').message).toMatch(/no CIDR/);
    expect(errorOf('v=spf1 all:foo').message).toMatch(/no argument/);
  });

  it('rejects duplicate redirect and exp, but not duplicate unknown modifiers', () => {
    expect(errorOf('v=spf1 redirect=a.example redirect=b.example').message).toMatch(/twice/);
    expect(errorOf('v=spf1 exp=a.example exp=b.example').message).toMatch(/twice/);
    expect(parseSpfRecord('v=spf1 x=1 x=2').ok).toBe(true);
  });

  it('checks domain-specs: toplabel or macro at the end (RFC 7208 7.1)', () => {
    expect(errorOf('v=spf1 a:111.222.33.44').message).toMatch(/top-level label/);
    expect(errorOf('v=spf1 include:localhost').message).toMatch(/top-level label/);
    expect(parseSpfRecord('v=spf1 include:%{d}').ok).toBe(true);
    expect(parseSpfRecord('v=spf1 a:example.com.').ok).toBe(true);
    expect(parseSpfRecord('v=spf1 a:foo.xn--zckzah').ok).toBe(true);
  });

  it('checks macros: letters, transformers, delimiters, exp-only letters, stray %', () => {
    expect(errorOf('v=spf1 exists:%{x}.example.com').message).toMatch(/not a macro letter/);
    expect(errorOf('v=spf1 exists:%{c}.example.com').message).toMatch(/only in explanation/);
    expect(errorOf('v=spf1 exists:%{d0}.example.com').message).toMatch(/nonzero/);
    expect(errorOf('v=spf1 exists:%{d;}.example.com').message).toMatch(/delimiter/);
    expect(errorOf('v=spf1 exists:%{d.example.com').message).toMatch(/unterminated/);
    expect(errorOf('v=spf1 a:50%.example.com').message).toMatch(/%%/);
    expect(errorOf('v=spf1 x=%').message).toMatch(/modifier "x"/);
    expect(parseSpfRecord('v=spf1 exists:%{l1r+-}.%{d2}.%%.%_.%-.example.com').ok).toBe(true);
  });

  it('requires v=spf1 followed by a space or the end', () => {
    expect(errorOf('v=spf10 -all').message).toMatch(/v=spf1/);
    expect(parseSpfRecord('v=spf1').ok).toBe(true);
    expect(parseSpfRecord('v=spf1   -all  ').ok).toBe(true);
  });
});
