import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UsageError } from '../../../src/base/usage-error.ts';
import { parseResolvConf, systemNameservers } from '../../../src/dns/net/resolv-conf.ts';
import { parseServerAddress } from '../../../src/dns/net/server-address.ts';
import { createStubResolver } from '../../../src/dns/net/stub-resolver.ts';

describe('parseServerAddress', () => {
  it.each([
    ['127.0.0.1', { host: '127.0.0.1', port: 53, family: 4, label: '127.0.0.1:53' }],
    ['127.0.0.1:5300', { host: '127.0.0.1', port: 5300, family: 4, label: '127.0.0.1:5300' }],
    ['::1', { host: '::1', port: 53, family: 6, label: '[::1]:53' }],
    ['[::1]:53', { host: '::1', port: 53, family: 6, label: '[::1]:53' }],
    [
      '[2001:DB8::1]:853',
      { host: '2001:DB8::1', port: 853, family: 6, label: '[2001:db8::1]:853' },
    ],
    [' 192.0.2.1 ', { host: '192.0.2.1', port: 53, family: 4, label: '192.0.2.1:53' }],
  ])('%s', (text, expected) => {
    expect(parseServerAddress(text)).toEqual(expected);
  });

  it.each([
    '',
    'dns.google',
    '127.0.0.1:0',
    '127.0.0.1:70000',
    '127.0.0.1:x',
    '[127.0.0.1]:53',
    '[::1',
    '1.2.3',
  ])('rejects %j with a UsageError', (text) => {
    expect(() => parseServerAddress(text)).toThrow(UsageError);
  });

  it('makes the stub resolver reject a bad server list up front', () => {
    expect(() => createStubResolver({ servers: [] })).toThrow(UsageError);
    expect(() => createStubResolver({ servers: ['resolver.example'] })).toThrow(UsageError);
  });
});

describe('resolv.conf', () => {
  it('lists nameserver lines in order, strips zone ids, skips the rest', () => {
    const text = [
      '# generated',
      'search example.com',
      'nameserver 192.0.2.53',
      '  nameserver   2001:db8::53  # comment',
      'nameserver fe80::1%eth0',
      'nameserver not-an-ip',
      'options edns0 trust-ad',
      'nameserver 198.51.100.1 ; trailing',
    ].join('\n');
    expect(parseResolvConf(text)).toEqual([
      '192.0.2.53',
      '2001:db8::53',
      'fe80::1',
      '198.51.100.1',
    ]);
  });

  it('falls back to 127.0.0.1 when the file is missing or lists no server', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mxray-resolv-'));
    const empty = path.join(dir, 'resolv.conf');
    writeFileSync(empty, 'search example.com\n');
    expect(await systemNameservers(empty)).toEqual(['127.0.0.1']);
    expect(await systemNameservers(path.join(dir, 'missing'))).toEqual(['127.0.0.1']);
    writeFileSync(empty, 'nameserver 192.0.2.1\n');
    expect(await systemNameservers(empty)).toEqual(['192.0.2.1']);
    rmSync(dir, { recursive: true, force: true });
  });
});
