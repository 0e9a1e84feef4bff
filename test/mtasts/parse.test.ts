import { describe, expect, it } from 'vitest';
import {
  matchesMxPattern,
  parseStsPolicy,
  parseStsRecord,
  uncoveredMxHosts,
} from '../../src/mtasts/index.ts';

describe('parseStsRecord (RFC 8461 3.1)', () => {
  it('reads the RFC example', () => {
    const r = parseStsRecord('v=STSv1; id=20160831085700Z;');
    expect(r).toEqual({ ok: true, value: { id: '20160831085700Z', extensions: {} }, warnings: [] });
  });
  it('keeps extension fields and notes they are ignored', () => {
    const r = parseStsRecord('v=STSv1;id=abc123;  ext.1=value');
    expect(r.ok && r.value.extensions).toEqual({ 'ext.1': 'value' });
    expect(r.warnings.map((w) => w.message)).toEqual(['unknown field ext.1= is ignored']);
  });
  it.each([
    ['v=STSv1', 'id= field is missing'],
    ['v=STSv1; id=', 'not 1 to 32'],
    ['v=STSv1; id=' + 'a'.repeat(33), 'not 1 to 32'],
    ['v=STSv1; id=a-b', 'not 1 to 32'],
    ['v=STSv1; id=1; id=2', 'id= appears twice'],
    ['id=1; v=STSv1', 'must start with "v=STSv1"'],
    ['v=STSv2; id=1', 'must start with "v=STSv1"'],
    ['v=STSv1; id=1; junk', 'not a name=value field'],
  ])('rejects %j', (text, message) => {
    const r = parseStsRecord(text);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.errors.map((e) => e.message).join('; ')).toContain(message);
  });
});

describe('parseStsPolicy (RFC 8461 3.2)', () => {
  const rfcExample =
    'version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: *.example.net\nmx: backupmx.example.com\nmax_age: 604800\n';
  it('reads the RFC 8461 3.2 example', () => {
    const r = parseStsPolicy(rfcExample);
    expect(r).toEqual({
      ok: true,
      value: {
        version: 'STSv1',
        mode: 'enforce',
        mx: ['mail.example.com', '*.example.net', 'backupmx.example.com'],
        maxAge: 604800,
      },
      warnings: [],
    });
  });
  it('reads CRLF and LF line ends alike, with or without a final line end', () => {
    const lf = parseStsPolicy(rfcExample);
    expect(parseStsPolicy(rfcExample.replace(/\n/g, '\r\n'))).toEqual(lf);
    expect(parseStsPolicy(rfcExample.trimEnd())).toEqual(lf);
  });
  it('honours the first of a repeated field and warns; mx lines accumulate', () => {
    const r = parseStsPolicy(
      'version: STSv1\nmode: testing\nmode: enforce\nmx: a.example\nmx: b.example\nmax_age: 86400\n',
    );
    expect(r.ok && r.value.mode).toBe('testing');
    expect(r.ok && r.value.mx).toEqual(['a.example', 'b.example']);
    expect(r.warnings.map((w) => w.message)).toEqual([
      'mode appears twice; senders use the first value (testing)',
    ]);
  });
  it('ignores unknown fields with a warning', () => {
    const r = parseStsPolicy(`${rfcExample}foo: bar\n`);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.message)).toEqual(['unknown field "foo" is ignored']);
  });
  it('accepts max_age 31557600 and rejects one more; warns under a day', () => {
    const at = (age: string) =>
      parseStsPolicy(`version: STSv1\nmode: enforce\nmx: a.example\nmax_age: ${age}\n`);
    expect(at('31557600').ok).toBe(true);
    expect(at('31557601').ok).toBe(false);
    expect(at('3600').warnings[0]?.message).toContain('under a day');
    expect(at('-1').ok).toBe(false);
    expect(at('12345678901').ok).toBe(false);
    expect(at('1w').ok).toBe(false);
  });
  it.each([
    ['mode: enforce\nmx: a.example\nmax_age: 86400', 'version field is missing'],
    ['version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 86400', 'not "STSv1"'],
    ['version: STSv1\nmode: strict\nmx: a.example\nmax_age: 86400', 'not enforce, testing or none'],
    ['version: STSv1\nmode: enforce\nmax_age: 86400', 'no mx field'],
    ['version: STSv1\nmode: enforce\nmx: a.example', 'max_age field is missing'],
    ['version: STSv1\nmode: enforce\nmx: mail.*.example\nmax_age: 86400', 'not a host name'],
    ['version: STSv1\nmode: enforce\nmx a.example\nmax_age: 86400', 'line 3 is not "key: value"'],
    [
      'version: STSv1\rmode: enforce\nmx: a.example\nmax_age: 86400',
      'line 1 is not "key: value": "version: STSv1\\rmode: enforce"',
    ],
  ])('rejects %j', (text, message) => {
    const r = parseStsPolicy(text);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.errors.map((e) => e.message).join('; ')).toContain(message);
  });
  it('accepts mode none without mx (a domain leaving MTA-STS, RFC 8461 5)', () => {
    expect(parseStsPolicy('version: STSv1\nmode: none\nmax_age: 86400\n').ok).toBe(true);
  });
});

describe('MX pattern matching (RFC 8461 4.1)', () => {
  it.each([
    ['mx1.example.com', '*.example.com', true],
    ['MX1.Example.COM.', '*.example.com', true],
    ['a.b.example.com', '*.example.com', false],
    ['example.com', '*.example.com', false],
    ['mail.example.com', 'mail.example.com', true],
    ['mail.example.com', 'mail.example.co', false],
    ['xmail.example.com', 'mail.example.com', false],
  ])('%s against %s: %s', (host, pattern, expected) => {
    expect(matchesMxPattern(host, pattern)).toBe(expected);
  });
  it('lists the hosts no pattern covers', () => {
    expect(
      uncoveredMxHosts(['a.example.com', 'b.example.net', 'example.com'], ['*.example.com']),
    ).toEqual(['b.example.net', 'example.com']);
  });
});
