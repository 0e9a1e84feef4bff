import { describe, expect, it } from 'vitest';
import { expandSpfMacro } from '../../src/spf/index.ts';

// RFC 7208 7.4: the examples, with <sender> strong-bad@email.example.com and <ip> 192.0.2.3.
const v4 = { ip: '192.0.2.3', sender: 'strong-bad@email.example.com', domain: 'email.example.com' };
const v6 = { ...v4, ip: '2001:db8::cb01' };

async function expand(text: string, input = v4, explanation = false): Promise<string> {
  const r = await expandSpfMacro(text, input, { explanation });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('macro expansion (RFC 7208 7)', () => {
  it('expands the RFC 7208 7.4 examples', async () => {
    expect(await expand('%{s}')).toBe('strong-bad@email.example.com');
    expect(await expand('%{o}')).toBe('email.example.com');
    expect(await expand('%{d}')).toBe('email.example.com');
    expect(await expand('%{d4}')).toBe('email.example.com');
    expect(await expand('%{d3}')).toBe('email.example.com');
    expect(await expand('%{d2}')).toBe('example.com');
    expect(await expand('%{d1}')).toBe('com');
    expect(await expand('%{dr}')).toBe('com.example.email');
    expect(await expand('%{d2r}')).toBe('example.email');
    expect(await expand('%{l}')).toBe('strong-bad');
    expect(await expand('%{l-}')).toBe('strong.bad');
    expect(await expand('%{lr}')).toBe('strong-bad');
    expect(await expand('%{lr-}')).toBe('bad.strong');
    expect(await expand('%{l1r-}')).toBe('strong');
    expect(await expand('%{ir}.%{v}._spf.%{d2}')).toBe('3.2.0.192.in-addr._spf.example.com');
    expect(await expand('%{lr-}.lp._spf.%{d2}')).toBe('bad.strong.lp._spf.example.com');
    expect(await expand('%{lr-}.lp.%{ir}.%{v}._spf.%{d2}')).toBe(
      'bad.strong.lp.3.2.0.192.in-addr._spf.example.com',
    );
    expect(await expand('%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}')).toBe(
      '3.2.0.192.in-addr.strong.lp._spf.example.com',
    );
    expect(await expand('%{d2}.trusted-domains.example.net')).toBe(
      'example.com.trusted-domains.example.net',
    );
    expect(await expand('%{ir}.%{v}._spf.%{d2}', v6)).toBe(
      '1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com',
    );
  });

  it('expands %%, %_ and %- and URL-escapes upper-case letters', async () => {
    expect(await expand('a%%b%_c%-d')).toBe('a%b c%20d');
    expect(await expand('%{S}', { ...v4, sender: 'a b@example.com' })).toBe('a%20b%40example.com');
  });

  it('allows c, r, t only in explanation text', async () => {
    expect((await expandSpfMacro('%{c}', v4)).ok).toBe(false);
    expect(
      await expand(
        '%{c} via %{r} at %{t}',
        { ...v4, receiver: 'mx.example.org', timestamp: 42 } as typeof v4,
        true,
      ),
    ).toBe('192.0.2.3 via mx.example.org at 42');
    expect(await expand('%{c} via %{r}', v6, true)).toBe('2001:db8::cb01 via unknown');
  });

  it('rejects malformed macros with their offset', async () => {
    expect(await expandSpfMacro('ab%{z}', v4)).toMatchObject({ ok: false, position: 2 });
    expect(await expandSpfMacro('%{d0}', v4)).toMatchObject({ ok: false });
    expect(await expandSpfMacro('%x', v4)).toMatchObject({ ok: false });
  });
});
