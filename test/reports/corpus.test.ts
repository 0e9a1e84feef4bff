import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAggregateReport } from '../../src/reports/aggregate-parser.ts';
import { parseFailureReport } from '../../src/reports/failure-parser.ts';
import { parseTlsReport } from '../../src/reports/tls-parser.ts';
import { unpack } from '../../src/reports/unpack.ts';
import { corporaDir } from '../helpers/corpora.ts';

/** Files in a corpus folder that are documentation, not samples. */
const NOT_SAMPLES = new Set(['MANIFEST.md', 'LICENSE', 'rua-schema.xsd']);

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) return walk(p);
      return NOT_SAMPLES.has(name) ? [] : [p];
    });
}

type Outcome =
  { kind: string; ok: true; summary: string } | { kind: string; ok: false; reason: string };

/** Every report found in one file, parsed, or the refusal with its reason. */
async function outcomes(file: string): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const unit of await unpack(path.basename(file), readFileSync(file))) {
    if (unit.kind === 'refused') {
      out.push({ kind: 'refused', ok: false, reason: unit.reason });
    } else if (unit.kind === 'aggregate') {
      const r = parseAggregateReport(unit.bytes);
      out.push(
        r.ok
          ? {
              kind: 'aggregate',
              ok: true,
              summary: `${r.report.orgName}/${r.report.reportId}/${r.report.records.length}`,
            }
          : { kind: 'aggregate', ok: false, reason: r.reason },
      );
    } else if (unit.kind === 'tls') {
      const r = parseTlsReport(unit.bytes);
      out.push(
        r.ok
          ? { kind: 'tls', ok: true, summary: `${r.report.orgName}/${r.report.reportId}` }
          : { kind: 'tls', ok: false, reason: r.reason },
      );
    } else {
      const r = parseFailureReport(unit.parts);
      out.push(
        r.ok
          ? { kind: 'failure', ok: true, summary: `${r.report.reporter}/${r.report.sourceIp}` }
          : { kind: 'failure', ok: false, reason: r.reason },
      );
    }
  }
  return out;
}

/** The inputs that must be refused, and why (everything else must parse). */
const EXPECTED_REFUSALS: Record<string, RegExp> = {
  'dmarc-reports-parsedmarc/aggregate/invalid_xml.xml': /^malformed XML/,
  'dmarc-reports-parsedmarc/empty.xml': /^the file is empty$/,
  'dmarc-reports-parsedmarc/failure/exim_plain_text_only_no_arf_part.eml': /no ARF part/,
  'dmarc-reports-other/opendmarc/bad.com!example.com!1337140800!1337227200.xml':
    /source_ip "108r\.166\.27\.220" is not an IP address/,
};

const suites = ['dmarc-reports-parsedmarc', 'dmarc-reports-other', 'smtp-tls-reports'] as const;

for (const suite of suites) {
  const dir = corporaDir(suite);
  describe.skipIf(dir === null)(`corpus ${suite}`, () => {
    const counts = { parsed: 0, refused: 0, files: 0 };
    afterAll(() => {
      console.log(
        `${suite}: ${counts.files} files, ${counts.parsed} reports parsed, ${counts.refused} refused with the expected reason`,
      );
    });
    for (const file of dir ? walk(dir) : []) {
      const rel = `${suite}/${path.relative(dir!, file)}`;
      it(rel, async () => {
        counts.files++;
        const results = await outcomes(file);
        expect(results.length).toBeGreaterThan(0);
        const expected = EXPECTED_REFUSALS[rel];
        for (const r of results) {
          if (expected) {
            expect(r.ok, `${rel} should be refused`).toBe(false);
            expect(r.ok ? '' : r.reason).toMatch(expected);
            counts.refused++;
          } else {
            expect(r.ok ? 'parsed' : r.reason).toBe('parsed');
            counts.parsed++;
          }
        }
      });
    }
  });
}

const parsedmarc = corporaDir('dmarc-reports-parsedmarc');
describe.skipIf(parsedmarc === null)('parsedmarc invariants', () => {
  const file = (rel: string) => readFileSync(path.join(parsedmarc!, rel));
  const aggregate = async (rel: string) => {
    const units = await unpack(rel, file(rel));
    const unit = units[0];
    if (unit?.kind !== 'aggregate') throw new Error(`${rel}: no aggregate report`);
    const parsed = parseAggregateReport(unit.bytes);
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.report;
  };

  it('parses the .xml, .gz and .zip of extract_report to the same report', async () => {
    const xml = await aggregate('extract_report/nice-input.xml');
    expect(await aggregate('extract_report/nice-input.xml.gz')).toEqual(xml);
    expect(await aggregate('extract_report/nice-input.xml.zip')).toEqual(xml);
    expect(xml.records).toHaveLength(20);
  });

  it('lower-cases mixed-case values (Pass) and reads the RFC 9990 namespace', async () => {
    const upper = await aggregate('aggregate_invalid/report_with_upper_cased_pass.xml');
    expect([upper.records[0]?.dkim, upper.records[0]?.spf, upper.records[0]?.disposition]).toEqual([
      'pass',
      'pass',
      'none',
    ]);
    expect((await aggregate('aggregate/rfc9990-sample.xml')).schema).toBe('rfc9990');
  });

  it('recovers the ikea.com report wrapped in an unclosed <xs:schema>', async () => {
    const ikea = await aggregate('aggregate/ikea.com!example.de!1538690400!1538776800.xml');
    expect([ikea.orgName, ikea.policy.domain, ikea.records.length]).toEqual([
      'ikea.com',
      'example.de',
      1,
    ]);
  });

  it('reads the 909 KB report with every record', async () => {
    const large = await aggregate('aggregate/!large-example.com!1711897200!1711983600.xml');
    expect(large.records.length).toBe(2286);
  });
});
