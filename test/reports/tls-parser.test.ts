import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTlsReport } from '../../src/reports/tls-parser.ts';
import { corporaDir } from '../helpers/corpora.ts';

const dir = corporaDir('smtp-tls-reports/cry-inc-dmarc-report-viewer');

describe.skipIf(!dir)('parseTlsReport identity', () => {
  it('trims organization-name and report-id, so a white-space variant is the same report', () => {
    const json = JSON.parse(readFileSync(path.join(dir ?? '', 'rfc-example.json'), 'utf8'));
    const plain = parseTlsReport(Buffer.from(JSON.stringify(json)));
    json['organization-name'] = ` ${json['organization-name']}\n`;
    json['report-id'] = `\t${json['report-id']} `;
    const padded = parseTlsReport(Buffer.from(JSON.stringify(json)));
    expect(plain.ok && padded.ok).toBe(true);
    if (plain.ok && padded.ok) {
      expect(padded.report.orgName).toBe(plain.report.orgName);
      expect(padded.report.reportId).toBe(plain.report.reportId);
    }
  });
});
