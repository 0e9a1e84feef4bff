import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/base/clock.ts';
import { parseAggregateReport } from '../../src/reports/aggregate-parser.ts';
import { ingestReports } from '../../src/reports/ingest.ts';
import type { SourceItem } from '../../src/reports/sources/types.ts';
import { unpack } from '../../src/reports/unpack.ts';
import { openStore } from '../../src/store/open-store.ts';
import { aggregateXml, bytes } from './fixtures.ts';

const good = aggregateXml({ records: [{ ip: '192.0.2.1', count: 1 }] });
const refusal = (outcome: ReturnType<typeof parseAggregateReport>) =>
  outcome.ok ? 'parsed' : outcome.reason;

describe('hostile XML is refused', () => {
  it('refuses a DOCTYPE with an entity-expansion bomb (billion laughs)', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><feedback><report_metadata><org_name>&lol2;</org_name></report_metadata></feedback>`;
    expect(refusal(parseAggregateReport(bytes(lol)))).toBe(
      'the XML has a DOCTYPE (refused: entity expansion)',
    );
  });

  it('refuses an external entity (XXE) before anything is read', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE feedback [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><feedback><report_metadata><org_name>&xxe;</org_name></report_metadata></feedback>`;
    expect(refusal(parseAggregateReport(bytes(xxe)))).toMatch(/DOCTYPE/);
  });

  it('refuses an undefined entity without a DOCTYPE', () => {
    const text = good.replace('Reporter Inc.', 'Reporter &undefined;');
    expect(refusal(parseAggregateReport(bytes(text)))).toMatch(/^malformed XML/);
  });

  it('refuses nesting deeper than the limit and a giant text field', () => {
    const deep = `<feedback>${'<x>'.repeat(100)}${'</x>'.repeat(100)}</feedback>`;
    expect(refusal(parseAggregateReport(bytes(deep)))).toBe('XML nested deeper than 32 elements');
    const huge = good.replace('Reporter Inc.', 'A'.repeat(100_000));
    expect(refusal(parseAggregateReport(bytes(huge)))).toBe(
      'a text field is longer than 65536 characters',
    );
  });

  it('refuses a report with more records than the limit', () => {
    const many = aggregateXml({
      records: Array.from({ length: 11 }, () => ({ ip: '192.0.2.1', count: 1 })),
    });
    expect(
      refusal(parseAggregateReport(bytes(many), { limits: { maxRecordsPerReport: 10 } })),
    ).toBe('more than 10 records in one report');
  });
});

describe('archive bombs are refused with a reason', () => {
  const zeros = new Uint8Array(20 * 1024 * 1024);

  it('refuses a gzip that expands more than the ratio limit', async () => {
    const [unit] = await unpack('bomb.xml.gz', gzipSync(zeros));
    expect(unit).toEqual({
      kind: 'refused',
      name: 'bomb.xml.gz',
      reason: 'decompression bomb: expands more than 200:1',
    });
  });

  it('refuses a gzip that expands beyond the byte limit', async () => {
    const [unit] = await unpack('big.xml.gz', gzipSync(zeros), {
      maxDecompressedBytes: 1024 * 1024,
      maxCompressionRatio: 100_000,
    });
    expect(unit).toMatchObject({
      kind: 'refused',
      reason: 'decompression bomb: expands beyond 1048576 bytes',
    });
  });

  it('refuses a zip bomb spread over members (the total counts, not each member)', async () => {
    const members = Object.fromEntries(
      Array.from({ length: 8 }, (_, i) => [`m${i}.xml`, new Uint8Array(400 * 1024)]),
    );
    const [unit] = await unpack('spread.zip', zipSync(members), {
      maxDecompressedBytes: 1024 * 1024,
      maxCompressionRatio: 100_000,
    });
    expect(unit).toMatchObject({
      kind: 'refused',
      reason: 'decompression bomb: expands beyond 1048576 bytes',
    });
  });

  it('refuses a zip with too many members', async () => {
    const members = Object.fromEntries(
      Array.from({ length: 65 }, (_, i) => [`m${i}.xml`, bytes(good)]),
    );
    const [unit] = await unpack('many.zip', zipSync(members));
    expect(unit).toMatchObject({ kind: 'refused', reason: 'zip bomb: more than 64 members' });
  });

  it('refuses archives nested deeper than the limit, and accepts double gzip', async () => {
    let nested: Uint8Array = bytes(good);
    for (let i = 0; i < 4; i++) nested = gzipSync(nested);
    const [unit] = await unpack('deep.xml.gz.gz.gz.gz', nested);
    expect(unit).toMatchObject({ kind: 'refused', reason: 'nested archives deeper than 3 levels' });
    const [twice] = await unpack('twice.xml.gz.gz', gzipSync(gzipSync(bytes(good))));
    expect(twice?.kind).toBe('aggregate');
  });

  it('reads every member of a zip, and .json.gz TLS reports', async () => {
    const zip = zipSync({
      'a.xml': bytes(good),
      'b.xml': bytes(good.replace('r-1', 'r-2')),
      'dir/': new Uint8Array(0),
    });
    expect((await unpack('two.zip', zip)).map((u) => [u.kind, u.name])).toEqual([
      ['aggregate', 'two.zip/a.xml'],
      ['aggregate', 'two.zip/b.xml'],
    ]);
    const [tls] = await unpack('r.json.gz', gzipSync(bytes('{"organization-name":"x"}')));
    expect(tls).toMatchObject({ kind: 'tls', name: 'r.json' });
  });

  it('finds base64 and quoted-printable report attachments in a mail message', async () => {
    const b64 = Buffer.from(zipSync({ 'r.xml': bytes(good) }))
      .toString('base64')
      .replace(/(.{76})/g, '$1\r\n');
    const qp = good.replace('r-1', 'r-qp').replace(/=/g, '=3D');
    const mail = [
      'From: noreply-dmarc-support@google.com',
      'Subject: Report domain: example.com',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="x"',
      '',
      '--x',
      'Content-Type: application/zip; name="r.zip"',
      'Content-Transfer-Encoding: base64',
      'Content-Disposition: attachment; filename="r.zip"',
      '',
      b64,
      '--x',
      'Content-Type: text/xml; name="q.xml"',
      'Content-Transfer-Encoding: quoted-printable',
      'Content-Disposition: attachment; filename="q.xml"',
      '',
      qp,
      '--x--',
      '',
    ].join('\r\n');
    const units = await unpack('mail.eml', bytes(mail));
    expect(units.map((u) => [u.kind, u.name])).toEqual([
      ['aggregate', 'mail.eml/r.zip/r.xml'],
      ['aggregate', 'mail.eml/q.xml'],
    ]);
    const qpUnit = units[1];
    expect(qpUnit?.kind === 'aggregate' && refusal(parseAggregateReport(qpUnit.bytes))).toBe(
      'parsed',
    );
  });
});

describe('forwarded report mails', () => {
  it('reads a report mail attached as message/rfc822, and skips text attachments', async () => {
    const inner = [
      'From: noreply-dmarc-support@google.com',
      'Subject: Report domain: example.com',
      'Content-Type: application/gzip; name="r.xml.gz"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(gzipSync(bytes(good))).toString('base64'),
      '',
    ].join('\r\n');
    const outer = [
      'From: admin@example.com',
      'Subject: Fwd: Report domain: example.com',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="o"',
      '',
      '--o',
      'Content-Type: text/plain',
      'Content-Disposition: attachment; filename="notes.txt"',
      '',
      'Note: see the attached report',
      '--o',
      'Content-Type: message/rfc822',
      'Content-Disposition: attachment',
      '',
      inner,
      '--o--',
      '',
    ].join('\r\n');
    const units = await unpack('fwd.eml', bytes(outer));
    expect(units.map((u) => u.kind)).toEqual(['aggregate']);
  });
});

describe('a bad input never stops the batch', () => {
  it('refuses the bomb, stores the rest and reports both', async () => {
    const store = await openStore('sqlite::memory:');
    async function* items(): AsyncGenerator<SourceItem> {
      yield { source: 'bomb.gz', bytes: gzipSync(new Uint8Array(20 * 1024 * 1024)) };
      yield { source: 'missing.xml', error: 'cannot read: ENOENT' };
      yield { source: 'good.xml', bytes: bytes(good) };
    }
    const result = await ingestReports(store, items(), { clock: fixedClock(0) });
    await store.close();
    expect(result.ingested).toBe(1);
    expect(result.refused).toEqual([
      { source: 'bomb.gz', reason: 'decompression bomb: expands more than 200:1' },
      { source: 'missing.xml', reason: 'cannot read: ENOENT' },
    ]);
  });
});
