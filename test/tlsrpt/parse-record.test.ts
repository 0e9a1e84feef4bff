import { describe, expect, it } from 'vitest';
import { isTlsRptRecord, parseTlsRptRecord } from '../../src/tlsrpt/index.ts';

describe('parseTlsRptRecord (RFC 8460 3)', () => {
  it('reads the RFC 8460 3.1 examples', () => {
    const mail = parseTlsRptRecord('v=TLSRPTv1;rua=mailto:reports@example.com');
    expect(mail.ok && mail.record.rua).toEqual([
      { uri: 'mailto:reports@example.com', scheme: 'mailto', target: 'reports@example.com' },
    ]);
    const web = parseTlsRptRecord('v=TLSRPTv1; rua=https://reporting.example.com/v1/tlsrpt');
    expect(web.ok && web.record.rua[0]?.target).toBe('reporting.example.com');
  });
  it('reads several comma-separated destinations with spaces and a trailing ;', () => {
    const r = parseTlsRptRecord('v=TLSRPTv1; rua=mailto:a@example.com , https://r.example.net/x ;');
    expect(r.ok && r.record.rua.map((d) => d.scheme)).toEqual(['mailto', 'https']);
  });
  it('ignores unknown fields and unknown URI schemes with warnings', () => {
    const r = parseTlsRptRecord('v=TLSRPTv1; rua=mailto:a@example.com,ftp://x.example; ext=1');
    expect(r.ok).toBe(true);
    expect(r.warnings).toHaveLength(2);
  });
  it.each([
    ['v=TLSRPTv1', 'rua= field is missing'],
    ['v=TLSRPTv1; rua=', 'empty address'],
    ['v=TLSRPTv1; rua=mailto:nobody', 'not a valid mailto:'],
    ['v=TLSRPTv1; rua=http://r.example.net/', 'uses http:'],
    ['v=TLSRPTv1; rua=ftp://x.example', 'no mailto: or https:'],
    ['v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com', 'rua= appears twice'],
    ['rua=mailto:a@example.com; v=TLSRPTv1', 'must start with "v=TLSRPTv1"'],
    ['v=TLSRPTv1; rua=mailto:a@example.com; junk', 'not a name=value field'],
  ])('rejects %j', (text, message) => {
    const r = parseTlsRptRecord(text);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.errors.join('; ')).toContain(message);
  });
  it('recognises records by their v= prefix only', () => {
    expect(isTlsRptRecord('v=TLSRPTv1; rua=mailto:a@example.com')).toBe(true);
    expect(isTlsRptRecord('v=TLSRPTv10; rua=x')).toBe(false);
    expect(isTlsRptRecord('google-site-verification=abc')).toBe(false);
  });
});
