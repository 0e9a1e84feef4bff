import { describe, expect, it } from 'vitest';
import {
  AUTHRES_LIMITS,
  formatAuthenticationResults,
  parseAuthenticationResults,
} from '../../src/authres/index.ts';

describe('parseAuthenticationResults: RFC 8601 Appendix B examples', () => {
  it('B.2: nothing to say ("none")', () => {
    const ar = parseAuthenticationResults('example.org 1; none');
    expect(ar).toEqual({ authservId: 'example.org', version: 1, none: true, results: [] });
  });

  it('B.3: one method', () => {
    const ar = parseAuthenticationResults('example.com; spf=pass smtp.mailfrom=example.net');
    expect(ar.results).toEqual([
      {
        method: 'spf',
        result: 'pass',
        properties: [{ ptype: 'smtp', property: 'mailfrom', value: 'example.net' }],
      },
    ]);
  });

  it('B.4: several methods, comments, a field name and folding', () => {
    const ar = parseAuthenticationResults(
      'Authentication-Results: example.com;\r\n   auth=pass (cram-md5) smtp.auth=sender@example.net;\r\n   spf=pass smtp.mailfrom=example.net',
    );
    expect(ar.authservId).toBe('example.com');
    expect(ar.results[0]).toMatchObject({ method: 'auth', comment: 'cram-md5' });
    expect(ar.results[0]?.properties[0]?.value).toBe('sender@example.net');
  });

  it('B.5: reason= with quoted values, and header.i', () => {
    const ar = parseAuthenticationResults(
      'example.com; dkim=pass reason="good signature" header.i=@mail-router.example.net; dkim=fail reason="bad signature" header.i=@newyork.example.com',
    );
    expect(ar.results.map((r) => r.reason)).toEqual(['good signature', 'bad signature']);
    expect(ar.results[1]?.properties[0]?.value).toBe('@newyork.example.com');
  });

  it('B.6: method version, nested comments, quoted-pairs, quoted local-part', () => {
    const ar = parseAuthenticationResults(
      'example.com; dkim/1=pass (good (really \\) good) sig) header.i="john doe"@example.com',
    );
    expect(ar.results[0]).toMatchObject({
      method: 'dkim',
      methodVersion: '1',
      comment: 'good (really ) good) sig',
    });
    expect(ar.results[0]?.properties[0]?.value).toBe('john doe@example.com');
  });

  it('ARC-Authentication-Results: the i= instance and Microsoft version "1"', () => {
    const ar = parseAuthenticationResults(
      'i=1; mx.microsoft.com 1; spf=none; dmarc=none\r\n action=none header.from=example.com; dkim=none (message not signed);\r\n arc=none',
    );
    expect(ar).toMatchObject({ instance: 1, authservId: 'mx.microsoft.com', version: 1 });
    expect(ar.results.map((r) => r.method)).toEqual(['spf', 'dmarc', 'dkim', 'arc']);
  });
});

describe('parseAuthenticationResults on bad input', () => {
  it('keeps what it could read and returns the rest as unparsed', () => {
    const ar = parseAuthenticationResults(
      'mx.example; spf=pass smtp.mailfrom=a.example; ???; dkim=fail',
    );
    expect(ar.results.map((r) => r.method)).toEqual(['spf', 'dkim']);
    expect(ar.unparsed).toBe('???');
  });

  it('free text inside a result does not lose the following properties', () => {
    const ar = parseAuthenticationResults(
      'mx.example; spf=pass looks good smtp.mailfrom=a.example',
    );
    expect(ar.results[0]?.properties).toEqual([
      { ptype: 'smtp', property: 'mailfrom', value: 'a.example' },
    ]);
    expect(ar.unparsed).toBe('looks … good');
  });

  it('survives unterminated comments and quotes, empty values, deep nesting', () => {
    expect(parseAuthenticationResults('mx; dkim=pass (unterminated').results[0]?.comment).toBe(
      'unterminated',
    );
    expect(
      parseAuthenticationResults('mx; dkim=pass header.b="abc').results[0]?.properties[0],
    ).toEqual({ ptype: 'header', property: 'b', value: 'abc' });
    expect(parseAuthenticationResults('').results).toEqual([]);
    expect(parseAuthenticationResults(';;;').results).toEqual([]);
    const deep = `mx; dkim=pass ${'('.repeat(10_000)}x`;
    const ar = parseAuthenticationResults(deep);
    expect(ar.results[0]?.result).toBe('pass');
    expect(ar.unparsed).toBeDefined();
  });

  it('caps the number of results and the length of the value', () => {
    const many = `mx; ${Array.from({ length: 500 }, () => 'spf=pass').join('; ')}`;
    const ar = parseAuthenticationResults(many);
    expect(ar.results).toHaveLength(AUTHRES_LIMITS.maxResults);
    expect(ar.truncated).toBe(true);
    const long = parseAuthenticationResults(`mx; spf=pass (${'x'.repeat(100_000)})`);
    expect(long.truncated).toBe(true);
  });
});

describe('formatAuthenticationResults', () => {
  it('writes results, quoting values that are not tokens and escaping comments', () => {
    const text = formatAuthenticationResults('mx.example.net', [
      {
        method: 'dkim',
        result: 'pass',
        comment: 'key (2048 bits)',
        properties: [
          { ptype: 'header', property: 'd', value: 'example.com' },
          { ptype: 'header', property: 'i', value: '@example.com' },
          { ptype: 'header', property: 'b', value: 'Qm3/xT+a' },
        ],
      },
      { method: 'dmarc', result: 'fail', reason: 'no aligned identifier', properties: [] },
    ]);
    expect(text).toBe(
      'mx.example.net; dkim=pass (key \\(2048 bits\\)) header.d=example.com header.i=@example.com header.b="Qm3/xT+a"; dmarc=fail reason="no aligned identifier"',
    );
  });

  it('round-trips through the parser, folded or not, with version and ARC instance', () => {
    const results = [
      {
        method: 'spf',
        result: 'pass',
        comment: 'sender is authorized',
        properties: [{ ptype: 'smtp', property: 'mailfrom', value: 'a@example.com' }],
      },
      {
        method: 'dkim',
        result: 'temperror',
        comment: 'no key for signature',
        properties: [
          { ptype: 'header', property: 'i', value: '@example.com' },
          { ptype: 'header', property: 's', value: 'selector1' },
        ],
      },
    ];
    for (const fold of [false, true]) {
      const text = formatAuthenticationResults('mx.example.net', results, {
        version: 1,
        instance: 2,
        fold,
      });
      const parsed = parseAuthenticationResults(text);
      expect(parsed).toMatchObject({ authservId: 'mx.example.net', version: 1, instance: 2 });
      expect(parsed.results).toEqual(results);
    }
  });

  it('writes "none" for no results and refuses invalid names', () => {
    expect(formatAuthenticationResults('mx.example.net', [])).toBe('mx.example.net; none');
    expect(() => formatAuthenticationResults('', [])).toThrow(RangeError);
    expect(() =>
      formatAuthenticationResults('mx', [{ method: 'spf pass', result: 'pass' }]),
    ).toThrow(/invalid method/);
  });
});
