import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../src/mail/index.ts';

const crlf = (s: string) => Buffer.from(s.replace(/\n/g, '\r\n'), 'utf8');

describe('parseMessage', () => {
  it('keeps each field with its exact raw bytes, folding included, and splits the body', () => {
    const msg = parseMessage(crlf('Subject: hello\n  world\nFrom: a@example.com\n\nbody line\n'));
    expect(msg.headers.map((h) => h.rawText)).toEqual([
      'Subject: hello\r\n  world',
      'From: a@example.com',
    ]);
    expect(msg.headers[0]?.raw.toString('latin1')).toBe('Subject: hello\r\n  world');
    expect(msg.body.toString()).toBe('body line\r\n');
  });

  it('looks fields up bottom-up and case-insensitively', () => {
    const msg = parseMessage(crlf('X-A: 1\nx-a: 2\nX-B: 3\n\n'));
    expect(msg.get('X-A')?.valueText).toBe(' 2');
    expect(msg.getAll('x-a').map((h) => h.valueText)).toEqual([' 1', ' 2']);
    expect(msg.get('missing')).toBeUndefined();
  });

  it('converts LF-only input to CRLF as an MTA would, and leaves CRLF input alone', () => {
    const lf = parseMessage(Buffer.from('From: a@example.com\nSubject: x\n\nline 1\nline 2\n'));
    expect(lf.lineEndsConverted).toBe(true);
    expect(lf.body.toString()).toBe('line 1\r\nline 2\r\n');
    const mixed = parseMessage(Buffer.from('From: a@example.com\r\n\r\nbare\nlf\r\n'));
    expect(mixed.lineEndsConverted).toBe(false);
    expect(mixed.body.toString()).toBe('bare\nlf\r\n');
  });

  it('keeps 8-bit and invalid UTF-8 bytes untouched', () => {
    const bytes = Buffer.concat([
      Buffer.from('Subject: '),
      Buffer.from([0xe9, 0xff, 0xc3]),
      Buffer.from('\r\nFrom: a@b.example\r\n\r\n'),
      Buffer.from([0x80, 0x81, 0x0d, 0x0a]),
    ]);
    const msg = parseMessage(bytes);
    expect([...(msg.get('subject')?.raw ?? [])].slice(-3)).toEqual([0xe9, 0xff, 0xc3]);
    expect([...msg.body]).toEqual([0x80, 0x81, 0x0d, 0x0a]);
  });

  it('finds the From address through groups, comments, encoded words and IDN', () => {
    const from = (value: string) => parseMessage(crlf(`From: ${value}\n\n`)).fromAddress();
    expect(from('"Doe, Jane" <jane@example.com>')).toMatchObject({
      ok: true,
      address: 'jane@example.com',
      domain: 'example.com',
    });
    expect(from('jane@example.com (Jane Doe)')).toMatchObject({ ok: true, domain: 'example.com' });
    expect(from('=?utf-8?B?SsO2cmc=?= <jorg@Bücher.example>')).toMatchObject({
      ok: true,
      domain: 'xn--bcher-kva.example',
      mailbox: { name: 'Jörg' },
    });
    expect(from('Team: jane@example.com;')).toMatchObject({ ok: true, domain: 'example.com' });
    expect(from('a@example.com, b@example.org')).toEqual({
      ok: false,
      reason: 'the From header field holds 2 addresses',
    });
    expect(from('undisclosed-recipients:;')).toEqual({
      ok: false,
      reason: 'the From header field holds no address',
    });
  });

  it('says clearly when there is no From or several', () => {
    expect(parseMessage(crlf('To: a@example.com\n\n')).fromDomain()).toEqual({
      ok: false,
      reason: 'the message has no From header field',
    });
    expect(parseMessage(crlf('From: a@example.com\nFrom: b@example.com\n\n')).fromDomain()).toEqual(
      { ok: false, reason: 'the message has 2 From header fields' },
    );
  });

  it('marks limits and malformed headers instead of throwing', () => {
    const many = crlf(`${Array.from({ length: 20 }, (_, i) => `X-${i}: v`).join('\n')}\n\n`);
    expect(parseMessage(many, { maxHeaderFields: 10 }).limitExceeded?.code).toBe(
      'too-many-header-fields',
    );
    expect(parseMessage(many, { maxHeaderBytes: 50 }).limitExceeded?.code).toBe('header-too-large');
    expect(
      parseMessage(crlf('From: a@example.com\nno colon here\n\n')).problems.map((p) => p.code),
    ).toEqual(['header-without-colon']);
    expect(
      parseMessage(Buffer.from('From: a\0@example.com\r\n\r\n')).problems.map((p) => p.code),
    ).toEqual(['nul-in-header']);
    expect(() => parseMessage(many, { maxHeaderFields: 0 })).toThrow(RangeError);
  });

  it('handles a message without body or without headers, and an mbox postmark line', () => {
    expect(parseMessage(Buffer.from('From: a@example.com\r\n')).body.length).toBe(0);
    expect(parseMessage(Buffer.from('\r\nonly body')).headers).toEqual([]);
    const mbox = parseMessage(
      Buffer.from('From sender@example.com Thu Jan  1 00:00:00 2026\nFrom: a@example.com\n\nx\n'),
    );
    expect(mbox.headers.map((h) => h.name)).toEqual(['From']);
  });

  it('streams the body in chunks', () => {
    const msg = parseMessage(crlf(`From: a@example.com\n\n${'x'.repeat(100)}`));
    expect([...msg.bodyChunks(30)].map((c) => c.length)).toEqual([30, 30, 30, 10]);
  });
});
