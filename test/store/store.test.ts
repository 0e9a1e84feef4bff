import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/base/clock.ts';
import { ingestReports } from '../../src/reports/ingest.ts';
import type { SourceItem } from '../../src/reports/sources/types.ts';
import { summarizeReports } from '../../src/reports/summary.ts';
import { listQuarantine } from '../../src/store/quarantine-queries.ts';
import { countRows } from '../../src/store/reports-queries.ts';
import { selectorsSeen } from '../../src/store/summary-queries.ts';
import { openStore } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/store.ts';
import { aggregateXml, bytes } from '../reports/fixtures.ts';
import { STORE_TARGETS } from './targets.ts';

const clock = fixedClock(Date.UTC(2026, 10, 10));

async function* items(list: Array<[string, string | Uint8Array]>): AsyncGenerator<SourceItem> {
  for (const [source, content] of list) {
    yield { source, bytes: typeof content === 'string' ? bytes(content) : content };
  }
}

const tlsJson = JSON.stringify({
  'organization-name': 'Google Inc.',
  'date-range': {
    'start-datetime': '2026-11-06T00:00:00Z',
    'end-datetime': '2026-11-06T23:59:59Z',
  },
  'contact-info': 'smtp-tls-reporting@google.com',
  'report-id': 'tls-1',
  policies: [
    {
      policy: {
        'policy-type': 'sts',
        'policy-domain': 'example.com',
        'policy-string': ['version: STSv1'],
      },
      summary: { 'total-successful-session-count': 90, 'total-failure-session-count': 10 },
      'failure-details': [{ 'result-type': 'certificate-expired', 'failed-session-count': 10 }],
    },
  ],
});

for (const target of STORE_TARGETS) {
  describe(`store on ${target.name}`, () => {
    let store: Store;
    let url: string;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ store, url, dispose } = await target.open());
    });
    afterAll(async () => {
      await dispose?.();
    });

    it('migrates once: reopening the same database is a no-op', async () => {
      const again = await openStore(url);
      await again.close();
      expect(await countRows(store.db)).toEqual({ reports: 0, records: 0, quarantine: 0 });
    });

    it('stores reports, records and per-record DKIM/SPF results; a re-ingest changes nothing', async () => {
      const report = aggregateXml({
        reportId: 'agg-1',
        records: [
          {
            ip: '192.0.2.1',
            count: 3_000_000_000,
            dkimAuth: [
              { domain: 'example.com', selector: 's1', result: 'pass' },
              { domain: 'esp.example', selector: 'k1', result: 'fail' },
            ],
          },
          {
            ip: '2001:db8::1',
            count: 5,
            dkim: 'fail',
            dkimAuth: [{ domain: 'example.com', selector: 's1', result: 'fail' }],
          },
        ],
      });
      const list: Array<[string, string]> = [
        ['a.xml', report],
        ['tls.json', tlsJson],
      ];
      const first = await ingestReports(store, items(list), { clock });
      expect(first).toMatchObject({ ingested: 2, duplicates: 0, refused: [] });
      const second = await ingestReports(store, items(list), { clock });
      expect(second).toMatchObject({ ingested: 0, duplicates: 2, refused: [] });
      expect(await countRows(store.db)).toMatchObject({ reports: 2, records: 2 });
      const dkim = await store.db
        .selectFrom('record_dkim')
        .selectAll()
        .orderBy('record_seq')
        .orderBy('domain')
        .execute();
      expect(dkim.map((d) => [d.record_seq, d.domain, d.selector, d.result])).toEqual([
        [0, 'esp.example', 'k1', 'fail'],
        [0, 'example.com', 's1', 'pass'],
        [1, 'example.com', 's1', 'fail'],
      ]);
      const row = await store.db
        .selectFrom('reports')
        .selectAll()
        .where('kind', '=', 'aggregate')
        .executeTakeFirstOrThrow();
      // A count above 2^31 survives the round trip (bigint on PostgreSQL, number in JS).
      expect(Number(row.message_count)).toBe(3_000_000_005);
      const tls = await store.db.selectFrom('tls_failures').selectAll().execute();
      expect(tls.map((t) => [t.result_type, Number(t.failed_session_count)])).toEqual([
        ['certificate-expired', 10],
      ]);
    });

    it('keeps awkward text intact through the bulk insert (quotes, commas, braces, NULL)', async () => {
      const awkward = 'a "quoted", {braced} \\ NULL';
      const report = aggregateXml({
        reportId: 'awkward',
        domain: 'awkward.example',
        records: [
          {
            ip: '192.0.2.77',
            count: 1,
            dkimAuth: [
              { domain: 'awkward.example', selector: awkward.replace(/[<&]/g, ''), result: 'pass' },
            ],
          },
        ],
      });
      await ingestReports(store, items([['awkward.xml', report]]), { clock });
      const row = await store.db
        .selectFrom('record_dkim')
        .select('selector')
        .where('selector', 'like', 'a "quoted"%')
        .executeTakeFirstOrThrow();
      expect(row.selector).toBe(awkward);
    });

    it('rolls a report back whole when a later record is refused, and quarantines it once', async () => {
      // About 2.4 MB of XML: the records of the first 1 MB slices are inserted before the bad one.
      const records = Array.from({ length: 6000 }, (_, i) => ({
        ip: `198.51.100.${i % 250}`,
        count: 1,
      }));
      records[5900] = { ip: 'not-an-ip', count: 1 };
      const bad = aggregateXml({ reportId: 'agg-bad', records });
      const before = await countRows(store.db);
      const result = await ingestReports(
        store,
        items([
          ['bad.xml', bad],
          ['bad.xml', bad],
        ]),
        {
          clock,
          // Small slices so thousands of records are inserted before the bad one is reached.
          limits: {},
        },
      );
      expect(result.ingested).toBe(0);
      expect(result.refused.map((r) => r.reason)).toEqual([
        'record 5901: source_ip "not-an-ip" is not an IP address',
        'record 5901: source_ip "not-an-ip" is not an IP address',
      ]);
      const after = await countRows(store.db);
      expect(after.records).toBe(before.records);
      expect(after.reports).toBe(before.reports);
      expect(after.quarantine).toBe(before.quarantine + 1);
      expect((await listQuarantine(store.db))[0]).toMatchObject({
        name: 'bad.xml',
        source: 'bad.xml',
      });
    });

    it('stores failure reports and keeps refused inputs with their reasons', async () => {
      const arf = [
        'From: dmarc@receiver.example',
        'To: ruf@example.com',
        'Subject: failure report',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=feedback-report; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'A message failed DMARC.',
        '--b',
        'Content-Type: message/feedback-report',
        '',
        'Feedback-Type: auth-failure',
        'User-Agent: test/1.0',
        'Version: 1',
        'Auth-Failure: dmarc',
        'Source-IP: 192.0.2.9',
        'Reported-Domain: example.com',
        'DKIM-Domain: example.com',
        'DKIM-Selector: s1',
        'Arrival-Date: Thu, 5 Nov 2026 10:00:00 +0000',
        '',
        '--b',
        'Content-Type: text/rfc822-headers',
        '',
        'From: Boss <boss@example.com>',
        'Subject: wire the money',
        '',
        '--b--',
        '',
      ].join('\r\n');
      const result = await ingestReports(
        store,
        items([
          ['ruf.eml', arf],
          ['junk.bin', 'hello world'],
        ]),
        { clock },
      );
      expect(result.ingested).toBe(1);
      expect(result.refused).toEqual([
        {
          source: 'junk.bin',
          reason: 'not a report (neither XML, JSON, gzip, zip nor a mail message)',
        },
      ]);
      const row = await store.db
        .selectFrom('failure_reports')
        .selectAll()
        .executeTakeFirstOrThrow();
      expect([row.source_ip, row.dkim_selector, row.auth_failure]).toEqual([
        '192.0.2.9',
        's1',
        'dmarc',
      ]);
      expect(JSON.parse(row.original_headers)).toContainEqual({
        name: 'Subject',
        value: 'wire the money',
      });
    });

    it('summarises pass rates and DKIM results per selector the same way on both databases', async () => {
      const summary = await summarizeReports(store.db, { domain: 'example.com' });
      expect(summary.totals).toMatchObject({
        messages: 3_000_000_005,
        dmarcPass: 3_000_000_005,
        dkimAlignedPass: 3_000_000_000,
      });
      const s1 = summary.selectors.find((s) => s.selector === 's1');
      expect(s1).toMatchObject({ domain: 'example.com', pass: 3_000_000_000, fail: 5 });
      // esp.example signs too, but is not at or below example.com.
      expect(await selectorsSeen(store.db, 'example.com')).toEqual([
        { domain: 'example.com', selector: 's1', messages: 3_000_000_005 },
      ]);
      expect(summary.tls).toEqual([
        { domain: 'example.com', policyType: 'sts', success: 90, failure: 10 },
      ]);
    });
  });
}
