import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSource } from '../../src/reports/sources/files.ts';
import { splitMbox } from '../../src/reports/sources/mbox.ts';
import type { SourceItem } from '../../src/reports/sources/types.ts';
import { aggregateXml, bytes } from './fixtures.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mxray-sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mail = (id: string) =>
  `From: dmarc@reporter.example\nSubject: report ${id}\nContent-Type: text/xml\n\n${aggregateXml({ reportId: id, records: [{ ip: '192.0.2.1', count: 1 }] })}`;

async function collect(items: AsyncIterable<SourceItem>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of items)
    out.push(path.relative(dir, item.source) + ('error' in item ? ` ERROR ${item.error}` : ''));
  return out;
}

describe('file sources', () => {
  it('splits an mbox at From_ lines after an empty line and undoes >From quoting', () => {
    const mbox = `From a@x Mon Jan  1 00:00:00 2026\nSubject: one\n\nbody\n>From the start\nFrom inside a line is text\n\nFrom b@x Mon Jan  1 00:00:01 2026\nSubject: two\n\nsecond\n`;
    const parts = splitMbox(bytes(mbox)).map((b) => Buffer.from(b).toString());
    expect(parts).toEqual([
      'Subject: one\n\nbody\nFrom the start\nFrom inside a line is text\n',
      'Subject: two\n\nsecond\n',
    ]);
  });

  it('keeps an unquoted body line starting with "From " after an empty line in its message', () => {
    const mbox = `From a@x Mon Jan  1 00:00:00 2026\nSubject: one\n\nHello\n\nFrom here on it is a body line\n\nFrom - Tue Feb 10 12:08:34 2026\nSubject: two\n\nsecond\n`;
    const parts = splitMbox(bytes(mbox)).map((b) => Buffer.from(b).toString());
    expect(parts).toEqual([
      'Subject: one\n\nHello\n\nFrom here on it is a body line\n',
      'Subject: two\n\nsecond\n',
    ]);
  });

  it('walks folders recursively in name order, reading mbox and Maildir messages one by one', async () => {
    mkdirSync(path.join(dir, 'tree/sub'), { recursive: true });
    writeFileSync(path.join(dir, 'tree/b.xml.gz'), gzipSync(bytes(aggregateXml({ records: [] }))));
    writeFileSync(path.join(dir, 'tree/a.xml'), aggregateXml({ records: [] }));
    writeFileSync(path.join(dir, 'tree/.hidden'), 'x');
    writeFileSync(
      path.join(dir, 'tree/sub/reports.mbox'),
      `From x Mon Jan  1 00:00:00 2026\n${mail('m1')}\nFrom y Mon Jan  1 00:00:00 2026\n${mail('m2')}`,
    );
    for (const d of ['cur', 'new', 'tmp'])
      mkdirSync(path.join(dir, 'tree/Maildir', d), { recursive: true });
    writeFileSync(path.join(dir, 'tree/Maildir/cur/1.host:2,S'), mail('md1'));
    writeFileSync(path.join(dir, 'tree/Maildir/new/2.host'), mail('md2'));
    writeFileSync(path.join(dir, 'tree/Maildir/tmp/3.host'), mail('in-delivery'));
    expect(
      await collect(fileSource([path.join(dir, 'tree'), path.join(dir, 'missing.xml')])),
    ).toEqual([
      'tree/Maildir/cur/1.host:2,S',
      'tree/Maildir/new/2.host',
      'tree/a.xml',
      'tree/b.xml.gz',
      'tree/sub/reports.mbox#1',
      'tree/sub/reports.mbox#2',
      'missing.xml ERROR cannot read: ENOENT',
    ]);
  });
});

describe('large files stream', () => {
  it('ingests a report over 8 MB without reading it whole, and refuses a truncated one', async () => {
    const { openStore } = await import('../../src/store/open-store.ts');
    const { ingestReports } = await import('../../src/reports/ingest.ts');
    const { fixedClock } = await import('../../src/base/clock.ts');
    const records = Array.from({ length: 30_000 }, (_, i) => ({
      ip: `192.0.2.${i % 250}`,
      count: 1,
    }));
    const xml = aggregateXml({ reportId: 'big', records });
    expect(xml.length).toBeGreaterThan(8 * 1024 * 1024);
    writeFileSync(path.join(dir, 'big.xml'), xml);
    writeFileSync(path.join(dir, 'cut.xml'), xml.replace('big', 'cut').slice(0, 9_000_000));
    const store = await openStore('sqlite::memory:');
    const result = await ingestReports(
      store,
      fileSource([path.join(dir, 'big.xml'), path.join(dir, 'cut.xml')]),
      { clock: fixedClock(0) },
    );
    const rows = await store.db
      .selectFrom('records')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    await store.close();
    expect(result).toMatchObject({ ingested: 1, records: 30_000 });
    expect(result.refused.map((r) => [path.basename(r.source), r.reason.slice(0, 13)])).toEqual([
      ['cut.xml', 'malformed XML'],
    ]);
    expect(Number(rows.n)).toBe(30_000);
  });
});

describe('unreadable folders', () => {
  // Root reads any folder whatever its mode: the refusal can only be seen by another user.
  it.skipIf(process.getuid?.() === 0)(
    'refuses a folder it cannot list and goes on with the next path',
    async () => {
      const locked = path.join(dir, 'locked');
      mkdirSync(locked, { recursive: true });
      writeFileSync(path.join(dir, 'after.xml'), aggregateXml({ records: [] }));
      chmodSync(locked, 0o000);
      try {
        expect(await collect(fileSource([locked, path.join(dir, 'after.xml')]))).toEqual([
          'locked ERROR cannot read: EACCES',
          'after.xml',
        ]);
      } finally {
        chmodSync(locked, 0o700);
      }
    },
  );
});

describe('symlink loops', () => {
  it('reads a folder once even when links inside it point back to it (no exponential walk)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mxray-loop-'));
    try {
      writeFileSync(
        path.join(dir, 'r.xml'),
        aggregateXml({ records: [{ ip: '192.0.2.1', count: 1 }] }),
      );
      symlinkSync(dir, path.join(dir, 'again'));
      symlinkSync(dir, path.join(dir, 'once-more'));
      const items: SourceItem[] = [];
      for await (const item of fileSource([dir])) items.push(item);
      expect(items.map((i) => path.basename(i.source))).toEqual(['r.xml']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
