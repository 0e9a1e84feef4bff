import { describe, expect, it } from 'vitest';
import { summaryCsv } from '../../src/cli/render/reports.ts';
import type { ReportsSummary, SourceSummary } from '../../src/reports/summary-types.ts';

/** A summary whose only column of interest is the PTR name (anyone's text, from DNS). */
function withPtrs(ptrs: string[]): ReportsSummary {
  const sources = ptrs.map((ptr): SourceSummary => ({
    ip: '192.0.2.1',
    ptr,
    baseDomain: null,
    sender: null,
    senderBy: null,
    messages: 1,
    dmarcPass: 1,
    dkimAlignedPass: 1,
    spfAlignedPass: 1,
    fails: { dmarc: 0, dkimAligned: 0, spfAligned: 0 },
    dkimDomains: [],
    firstSeen: 0,
    isNew: false,
  }));
  return { sources } as unknown as ReportsSummary;
}

describe('summary CSV', () => {
  it('neutralises formula prefixes, tab and CR included, and quotes fields with a CR', () => {
    const csv = summaryCsv(withPtrs(['=1+2', '\t=1+2', '\r=1+2', 'a\rb', 'x"y', '-2+3']));
    const ptrs = csv
      .split('\n')
      .slice(1, -1)
      .map((line) => line.slice('192.0.2.1,'.length, line.indexOf(',,')));
    expect(ptrs).toEqual(["'=1+2", "'\t=1+2", `"'\r=1+2"`, `"a\rb"`, '"x""y"', "'-2+3"]);
  });
});
