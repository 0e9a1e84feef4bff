import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/base/clock.ts';
import { silentLogger } from '../../src/base/logger.ts';
import { bufferIo } from '../../src/cli/io.ts';
import { runDkimKeygen, runDkimSign, runDkimVerifyWith } from '../../src/cli/commands/dkim.ts';
import { zoneFromRecords } from '../../src/dns/zone/zone.ts';
import { startTestDns, type TestDns } from '../helpers/dns-server.ts';
import { clock, rsa, rsaTxt, sign } from './fixtures.ts';

describe('mxray dkim (on the embedded DNS server)', () => {
  let dns: TestDns;
  let dir: string;
  beforeAll(async () => {
    dns = await startTestDns([
      zoneFromRecords('example.com', [
        {
          name: '@',
          type: 'SOA',
          data: 'ns.example.com. hostmaster.example.com. 1 3600 600 86400 300',
        },
        { name: 'rsa._domainkey', type: 'TXT', data: rsaTxt },
      ]),
    ]);
    dir = await mkdtemp(path.join(tmpdir(), 'mxray-dkim-'));
    await writeFile(path.join(dir, 'a-good.eml'), sign());
    await writeFile(path.join(dir, 'b-missing.eml'), sign({ selector: 'selector1' }));
  });
  afterAll(async () => {
    await dns?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  const ctx = () => ({ resolver: dns.resolver, clock, logger: silentLogger });

  it('explains a missing key with the DNS cause and what mxray check says', async () => {
    const io = bufferIo();
    const code = await runDkimVerifyWith(ctx(), [path.join(dir, 'b-missing.eml')], {}, io);
    const out = io.stdout();
    expect(code).toBe(1);
    expect(out).toContain('permerror d=example.com s=selector1 a=rsa-sha256 (key-nxdomain)');
    expect(out).toContain(
      'the key record at selector1._domainkey.example.com does not exist (NXDOMAIN)',
    );
    expect(out).toContain('mxray check example.com --selector selector1');
    expect(out).toContain('DKIM_SELECTOR_NOT_FOUND');
  });

  it('prints one JSON line per message of a directory', async () => {
    const io = bufferIo();
    const code = await runDkimVerifyWith(ctx(), [dir], { json: true }, io);
    const lines = io
      .stdout()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { file: string; signatures: unknown[] });
    expect(code).toBe(1);
    expect(lines.map((l) => path.basename(l.file))).toEqual(['a-good.eml', 'b-missing.eml']);
    expect(lines[0]?.signatures).toEqual([
      {
        domain: 'example.com',
        selector: 'rsa',
        algorithm: 'rsa-sha256',
        result: 'pass',
        reason: 'verified',
      },
    ]);
  });

  it('exits 0 when everything passes and 2 for a path that does not exist', async () => {
    expect(await runDkimVerifyWith(ctx(), [path.join(dir, 'a-good.eml')], {}, bufferIo())).toBe(0);
    const io = bufferIo();
    expect(await runDkimVerifyWith(ctx(), [path.join(dir, 'nope.eml')], {}, io)).toBe(2);
    expect(io.stderr()).toContain('no such file or directory');
  });

  it('keygen writes the private key with mode 0600 and prints the record both ways; sign uses it', async () => {
    const io = bufferIo();
    const keyFile = path.join(dir, 'ed.pem');
    expect(
      await runDkimKeygen(
        { domain: 'example.com', selector: 'ed', type: 'ed25519', out: keyFile },
        io,
      ),
    ).toBe(0);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(io.stdout()).toMatch(
      /ed\._domainkey\.example\.com\. 3600 IN TXT \( "v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}=" \)/,
    );
    const rsaIo = bufferIo();
    const rsaFile = path.join(dir, 'rsa.pem');
    expect(
      await runDkimKeygen(
        { domain: 'example.com', selector: 'big', bits: 4096, out: rsaFile, json: true },
        rsaIo,
      ),
    ).toBe(0);
    const zoneLine = (JSON.parse(rsaIo.stdout()) as { zoneLine: string }).zoneLine;
    const strings = [...zoneLine.matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(strings.length).toBeGreaterThan(1);
    expect(strings.every((s) => s.length <= 255)).toBe(true);

    await writeFile(
      path.join(dir, 'rsa-key.pem'),
      rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    await writeFile(path.join(dir, 'plain.txt'), 'From: a@example.com\nSubject: hi\n\nbody\n');
    const signIo = bufferIo();
    const out = path.join(dir, 'signed.out');
    expect(
      await runDkimSign(
        path.join(dir, 'plain.txt'),
        { domain: 'example.com', selector: 'rsa', key: path.join(dir, 'rsa-key.pem'), output: out },
        signIo,
      ),
    ).toBe(0);
    const verifyIo = bufferIo();
    // `dkim sign` stamps t= with the system clock, so verify with it too.
    const now = { ...ctx(), clock: systemClock };
    expect(await runDkimVerifyWith(now, [out], { json: true }, verifyIo)).toBe(0);
    expect((await readFile(out, 'latin1')).startsWith('DKIM-Signature: v=1; a=rsa-sha256;')).toBe(
      true,
    );
  });
});
