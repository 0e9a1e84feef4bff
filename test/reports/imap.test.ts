import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReportsIngest } from '../../src/cli/commands/reports.ts';
import { bufferIo } from '../../src/cli/io.ts';
import { REFUSED_KEYWORD } from '../../src/reports/sources/imap.ts';
import { countRows } from '../../src/store/reports-queries.ts';
import { openStore } from '../../src/store/open-store.ts';
import { aggregateXml } from './fixtures.ts';

const SCRIPT = path.resolve('test/services/dovecot.sh');
const installed = spawnSync('sh', ['-c', 'command -v dovecot']).status === 0;
const required = process.env.MXRAY_REQUIRE_SERVICES === '1';
if (!installed && !required)
  console.log('skipping IMAP tests: dovecot is not installed (apt-get install dovecot-imapd)');

/** A report mail as Google sends it: a zip attachment, base64. */
function reportMail(id: string): string {
  const xml = aggregateXml({
    org: 'google.com',
    reportId: id,
    records: [{ ip: '192.0.2.1', count: 4 }],
  });
  return [
    'From: noreply-dmarc-support@google.com',
    'To: dmarc@example.com',
    `Subject: Report domain: example.com Submitter: google.com Report-ID: ${id}`,
    `Message-ID: <${id}@google.com>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    '--b',
    'Content-Type: text/plain',
    '',
    'A DMARC report.',
    '--b',
    `Content-Type: application/xml; name="${id}.xml"`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: attachment; filename="${id}.xml"`,
    '',
    Buffer.from(xml)
      .toString('base64')
      .replace(/(.{76})/g, '$1\r\n'),
    '--b--',
    '',
  ].join('\r\n');
}

const junkMail = 'From: someone@example.net\r\nSubject: hello\r\n\r\nNot a report.\r\n';

describe.skipIf(!installed && !required)('IMAP source against a real Dovecot', () => {
  let port = 0;
  let serverDir = '';
  let tmp = '';
  const client = () =>
    new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      auth: { user: 'reports', pass: 'secret' },
      logger: false,
    });

  async function withClient<T>(work: (c: ImapFlow) => Promise<T>): Promise<T> {
    const c = client();
    await c.connect();
    try {
      return await work(c);
    } finally {
      await c.logout();
    }
  }

  async function folder(name: string): Promise<Array<{ subject: string; flags: string[] }>> {
    return withClient(async (c) => {
      const lock = await c.getMailboxLock(name);
      try {
        const out: Array<{ subject: string; flags: string[] }> = [];
        for await (const m of c.fetch('1:*', { envelope: true, flags: true })) {
          out.push({ subject: m.envelope?.subject ?? '', flags: [...(m.flags ?? [])] });
        }
        return out;
      } catch {
        return [];
      } finally {
        lock.release();
      }
    });
  }

  beforeAll(() => {
    const out = execFileSync('sh', [SCRIPT, 'start'], { encoding: 'utf8', timeout: 20_000 })
      .trim()
      .split(' ');
    port = Number(out[0]);
    serverDir = out[1] ?? '';
    tmp = mkdtempSync(path.join(os.tmpdir(), 'mxray-imap-'));
  });

  afterAll(() => {
    if (serverDir) execFileSync('sh', [SCRIPT, 'stop', serverDir]);
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('ingests appended report mails, moves them only after commit, and re-ingest is idempotent', async () => {
    await withClient(async (c) => {
      await c.append('INBOX', reportMail('imap-1'));
      await c.append('INBOX', reportMail('imap-2'));
      await c.append('INBOX', junkMail);
    });
    const db = `sqlite:${path.join(tmp, 'imap.sqlite')}`;
    const url = `imap://reports:secret@127.0.0.1:${port}/INBOX?archive=Archive&invalid=Invalid`;
    const io = bufferIo();
    expect(await runReportsIngest([], { imap: url, db, json: true }, io)).toBe(0);
    const first = JSON.parse(io.stdout());
    expect(first.ingested).toBe(2);
    expect(first.duplicates).toBe(0);
    expect(first.refused).toEqual([
      {
        source: `imap://reports@127.0.0.1:${port}/INBOX;UID=3`,
        reason: 'no report found in the message (no report attachment and no ARF part)',
      },
    ]);
    expect(await folder('INBOX')).toEqual([]);
    expect((await folder('Archive')).map((m) => m.subject)).toEqual([
      'Report domain: example.com Submitter: google.com Report-ID: imap-1',
      'Report domain: example.com Submitter: google.com Report-ID: imap-2',
    ]);
    const invalid = await folder('Invalid');
    expect(invalid.map((m) => m.subject)).toEqual(['hello']);
    expect(invalid[0]?.flags).toContain(REFUSED_KEYWORD);

    // The same report delivered again: counted as a duplicate, archived, nothing stored twice.
    await withClient((c) => c.append('INBOX', reportMail('imap-1')));
    const again = bufferIo();
    await runReportsIngest([], { imap: url, db, json: true }, again);
    expect(JSON.parse(again.stdout())).toMatchObject({ ingested: 0, duplicates: 1, refused: [] });
    expect((await folder('Archive')).length).toBe(3);
    const store = await openStore(db);
    expect(await countRows(store.db)).toMatchObject({ reports: 2, records: 2, quarantine: 1 });
    await store.close();
  });

  it('reports a failed login as a refusal and touches nothing', async () => {
    const io = bufferIo();
    const url = `imap://reports:wrong@127.0.0.1:${port}/INBOX`;
    await runReportsIngest(
      [],
      { imap: url, db: `sqlite:${path.join(tmp, 'login.sqlite')}`, json: true },
      io,
    );
    const result = JSON.parse(io.stdout());
    expect(result.ingested).toBe(0);
    expect(result.refused[0].reason).toMatch(/^cannot connect to IMAP: /);
  });
});
