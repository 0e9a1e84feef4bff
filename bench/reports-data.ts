import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { seededRandom as prng } from '../test/helpers/seeded-random.ts';

export { prng };

/** One record as big reporters write it (Google-like: identifiers, one DKIM, one SPF result). */
export function recordXml(rand: () => number, i: number): string {
  const ip = `${40 + Math.floor(rand() * 180)}.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}.${i % 256}`;
  const pass = rand() < 0.8;
  return `  <record>
    <row>
      <source_ip>${ip}</source_ip>
      <count>${1 + Math.floor(rand() * 50)}</count>
      <policy_evaluated>
        <disposition>none</disposition>
        <dkim>${pass ? 'pass' : 'fail'}</dkim>
        <spf>${rand() < 0.9 ? 'pass' : 'fail'}</spf>
      </policy_evaluated>
    </row>
    <identifiers>
      <header_from>example.com</header_from>
    </identifiers>
    <auth_results>
      <dkim>
        <domain>example.com</domain>
        <selector>selector${1 + (i % 2)}</selector>
        <result>${pass ? 'pass' : 'fail'}</result>
      </dkim>
      <spf>
        <domain>example.com</domain>
        <result>pass</result>
      </spf>
    </auth_results>
  </record>
`;
}

export function reportHead(id: string, begin: number): string {
  return `<?xml version="1.0" encoding="UTF-8" ?>
<feedback>
  <report_metadata>
    <org_name>google.com</org_name>
    <email>noreply-dmarc-support@google.com</email>
    <report_id>${id}</report_id>
    <date_range>
      <begin>${begin}</begin>
      <end>${begin + 86399}</end>
    </date_range>
  </report_metadata>
  <policy_published>
    <domain>example.com</domain>
    <adkim>r</adkim>
    <aspf>r</aspf>
    <p>none</p>
    <sp>none</sp>
    <pct>100</pct>
  </policy_published>
`;
}

export interface BenchInput {
  name: string;
  bytes: Uint8Array;
  records: number;
  xmlBytes: number;
}

/** `count` reports of 1 to `maxRecords` records; one in five gzip'd, one in ten zipped. */
export function generateReports(count: number, maxRecords: number, seed = 7): BenchInput[] {
  const rand = prng(seed);
  const out: BenchInput[] = [];
  for (let r = 0; r < count; r++) {
    // Skewed towards small reports, as real mailboxes are (most reporters send a few records):
    // about 78 records on average, like the 2,000 reports with 155,662 records.
    const records = 1 + Math.floor(rand() ** 5.4 * maxRecords);
    let xml = reportHead(`bench-${r}`, 1_793_491_200 + (r % 30) * 86_400);
    for (let i = 0; i < records; i++) xml += recordXml(rand, i);
    xml += '</feedback>\n';
    const raw = Buffer.from(xml);
    const kind = r % 10;
    const name = `google.com!example.com!${r}.xml`;
    if (kind < 2)
      out.push({ name: `${name}.gz`, bytes: gzipSync(raw), records, xmlBytes: raw.length });
    else if (kind === 2)
      out.push({
        name: `${name}.zip`,
        bytes: zipSync({ [name]: raw }),
        records,
        xmlBytes: raw.length,
      });
    else out.push({ name, bytes: raw, records, xmlBytes: raw.length });
  }
  return out;
}
