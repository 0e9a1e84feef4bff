import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExplainWith } from '../../src/cli/commands/explain.ts';
import { runVerify, runVerifyWith } from '../../src/cli/commands/verify.ts';
import { bufferIo } from '../../src/cli/io.ts';
import { fixturePath, startFixtureDns } from './world.ts';

const ctx = await startFixtureDns();
/** A terminal screen: the human output must fit in it. */
const SCREEN_LINES = 50;

describe('mxray verify', () => {
  it('--json: the documented fields for the dangling-selector story, with the CNAME diagnosis', async () => {
    const io = bufferIo();
    const code = await runVerifyWith(
      ctx,
      fixturePath('gmail-contoso-dangling-selector.eml'),
      { json: true },
      io,
    );
    expect(code).toBe(0);
    const out = JSON.parse(io.stdout());
    expect(out.spf).toMatchObject({ result: 'pass', domain: 'contoso.example' });
    expect(out.dkim).toEqual([
      expect.objectContaining({
        domain: 'contoso.example',
        selector: 'selector1',
        result: 'permerror',
        code: 'key-nxdomain',
        reason: expect.stringContaining('does not exist (NXDOMAIN)'),
      }),
    ]);
    expect(out.dmarc).toMatchObject({ result: 'pass', policy: 'none', domain: 'contoso.example' });
    expect(out.arc).toMatchObject({ result: 'none', instance: 0 });
    expect(out.authenticationResults).toMatch(/^mxray; spf=pass .*dkim=permerror .*dmarc=pass/);
    expect(out.dnsCauses[0]).toMatchObject({
      method: 'dkim',
      name: 'selector1._domainkey.contoso.example',
      check: 'mxray check contoso.example --selector selector1',
    });
    expect(out.dnsCauses[0].findings.map((f: { id: string }) => f.id)).toEqual([
      'DKIM_CNAME_DANGLING',
    ]);
    expect(out.dnsCauses[0].findings[0].evidence.length).toBeGreaterThan(0);
  });

  it('human output: one line per method, disposition, A-R, the dangling CNAME, all on one screen', async () => {
    const io = bufferIo();
    await runVerifyWith(ctx, fixturePath('gmail-contoso-dangling-selector.eml'), {}, io);
    const text = io.stdout();
    expect(text).toMatch(/taken from Received #2 \(by mx\.google\.com\)/);
    expect(text).toMatch(/^ {2}SPF {4}pass/m);
    expect(text).toMatch(/^ {2}DKIM {3}permerror d=contoso\.example s=selector1/m);
    expect(text).toMatch(/^ {2}DMARC {2}pass/m);
    expect(text).toContain('disposition: deliver (DMARC pass)');
    expect(text).toContain('Authentication-Results: mxray;');
    expect(text).toContain('DKIM_CNAME_DANGLING');
    expect(text).toContain('selector1-contoso-example._domainkey.contoso.onmicrosoft.example');
    expect(text.split('\n').length).toBeLessThanOrEqual(SCREEN_LINES);
  });

  it('exit 1 when DMARC fails; the failures point to the domain check', async () => {
    const io = bufferIo();
    const code = await runVerifyWith(ctx, fixturePath('m365-woodgrove-quarantine.eml'), {}, io);
    expect(code).toBe(1);
    expect(io.stdout()).toContain('disposition: quarantine');
    expect(io.stdout()).toContain('next: mxray check woodgrove.example');
    expect(io.stdout()).toMatch(/^ {2}ARC {4}pass {6}i=1 sealed by tailspin\.example/m);
    expect(io.stdout()).toContain('a receiver that trusts tailspin.example may deliver it anyway');
    expect(io.stdout().split('\n').length).toBeLessThanOrEqual(SCREEN_LINES);
  });

  it('exit 0 for a passing message, facts given on the command line', async () => {
    const io = bufferIo();
    const code = await runVerifyWith(
      ctx,
      fixturePath('gmail-pass.eml'),
      { ip: '192.0.2.10', helo: 'mail.example.com', mailFrom: 'bounce@example.com', json: true },
      io,
    );
    expect(code).toBe(0);
    expect(JSON.parse(io.stdout()).connection.source).toEqual({
      ip: 'option',
      helo: 'option',
      mailFrom: 'option',
    });
  });

  it('exit 2 for a missing file, an empty file, a bad --ip', async () => {
    const io = bufferIo();
    expect(await runVerifyWith(ctx, '/nonexistent/x.eml', {}, io)).toBe(2);
    expect(io.stderr()).toContain('cannot read /nonexistent/x.eml: ENOENT');
    const empty = path.join(tmpdir(), `mxray-empty-${process.pid}.eml`);
    writeFileSync(empty, '');
    try {
      expect(await runVerifyWith(ctx, empty, {}, io)).toBe(2);
    } finally {
      rmSync(empty, { force: true });
    }
    expect(io.stderr()).toContain('is not a message');
    expect(await runVerify(fixturePath('gmail-pass.eml'), { ip: '999.1.1.1' }, io)).toBe(2);
    expect(io.stderr()).toContain('--ip "999.1.1.1" is not an IPv4 or IPv6 address');
  });
});

describe('mxray explain', () => {
  it('the issue example from stdin: temperror (no key) leads to the selector and its dangling CNAME', async () => {
    const io = bufferIo();
    const code = await runExplainWith(
      ctx,
      undefined,
      {},
      io,
      async () =>
        'Authentication-Results: mx.google.com;\n dkim=temperror (no key for signature) header.i=@contoso.example header.s=selector1\n',
    );
    expect(code).toBe(1);
    const text = io.stdout();
    expect(text).toContain('dkim=temperror (no key for signature)  → no-key');
    expect(text).toContain('DNS selector1._domainkey.contoso.example now:');
    expect(text).toContain('DKIM_CNAME_DANGLING');
  });

  it('a whole Microsoft 365 message: receiver words and taxonomy side by side, on one screen', async () => {
    const io = bufferIo();
    const code = await runExplainWith(ctx, fixturePath('m365-woodgrove-quarantine.eml'), {}, io);
    expect(code).toBe(1);
    const text = io.stdout();
    expect(text).toContain('— Microsoft 365');
    expect(text).toContain('dkim=fail (body hash did not verify)  → body-changed');
    expect(text).toContain('action=quarantine');
    expect(text).toContain('reason 000');
    expect(text.split('\n').length).toBeLessThanOrEqual(SCREEN_LINES);
  });

  it('--json and --no-live: no lookups, the pointer instead', async () => {
    const io = bufferIo();
    const code = await runExplainWith(
      null,
      fixturePath('gmail-contoso-dangling-selector.eml'),
      { json: true, live: false },
      io,
    );
    expect(code).toBe(1);
    const out = JSON.parse(io.stdout());
    expect(out.diagnoses).toEqual([]);
    expect(out.headers[0].results[0]).toMatchObject({ outcome: 'no-key', result: 'temperror' });
    const human = bufferIo();
    await runExplainWith(
      null,
      fixturePath('gmail-contoso-dangling-selector.eml'),
      { live: false },
      human,
    );
    expect(human.stdout()).toContain('next: mxray check contoso.example --selector selector1');
  });

  it('exit 0 when everything passed, 2 when there is nothing to explain', async () => {
    const io = bufferIo();
    expect(await runExplainWith(ctx, fixturePath('gmail-pass.eml'), {}, io)).toBe(0);
    expect(
      await runExplainWith(ctx, undefined, {}, io, async () => 'From: a@example.com\n\nhi\n'),
    ).toBe(2);
    expect(io.stderr()).toContain('no Authentication-Results found');
  });
});
