/** Builders for synthetic aggregate reports used by several tests (no corpus files copied). */

export interface FixtureRecord {
  ip: string;
  count: number | string;
  dkim?: string;
  spf?: string;
  dkimAuth?: Array<{ domain: string; selector?: string; result: string }>;
  spfAuth?: Array<{ domain: string; result: string }>;
  reasons?: string[];
}

/** An RFC 7489 aggregate report as XML text. */
export function aggregateXml(options: {
  org?: string;
  reportId?: string;
  domain?: string;
  begin?: number | string;
  end?: number | string;
  records: FixtureRecord[];
}): string {
  const records = options.records
    .map(
      (r) =>
        `<record><row><source_ip>${r.ip}</source_ip><count>${r.count}</count><policy_evaluated><disposition>none</disposition><dkim>${r.dkim ?? 'pass'}</dkim><spf>${r.spf ?? 'pass'}</spf>${(r.reasons ?? []).map((t) => `<reason><type>${t}</type></reason>`).join('')}</policy_evaluated></row><identifiers><header_from>${options.domain ?? 'example.com'}</header_from></identifiers><auth_results>${(r.dkimAuth ?? []).map((d) => `<dkim><domain>${d.domain}</domain>${d.selector ? `<selector>${d.selector}</selector>` : ''}<result>${d.result}</result></dkim>`).join('')}${(r.spfAuth ?? [{ domain: options.domain ?? 'example.com', result: 'pass' }]).map((s) => `<spf><domain>${s.domain}</domain><result>${s.result}</result></spf>`).join('')}</auth_results></record>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feedback>
<report_metadata><org_name>${options.org ?? 'Reporter Inc.'}</org_name><email>dmarc@reporter.example</email><report_id>${options.reportId ?? 'r-1'}</report_id><date_range><begin>${options.begin ?? 1_793_491_200}</begin><end>${options.end ?? 1_793_577_599}</end></date_range></report_metadata>
<policy_published><domain>${options.domain ?? 'example.com'}</domain><adkim>r</adkim><aspf>r</aspf><p>none</p><pct>100</pct></policy_published>
${records}
</feedback>
`;
}

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
