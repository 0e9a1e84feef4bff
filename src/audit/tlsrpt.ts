import { txtValue, type DnsAnswer, type Resolver } from '../dns/types.ts';
import type { Finding } from '../findings/finding.ts';
import { makeFinding } from '../findings/make-finding.ts';
import type { StsMode } from '../mtasts/index.ts';
import { isTlsRptRecord, parseTlsRptRecord } from '../tlsrpt/index.ts';
import { isTemporaryFailure, temperrorFinding } from './dns-failure.ts';

/** Looks up `_smtp._tls.<domain>` TXT (RFC 8460 3); run it alongside the other lookups. */
export function lookupTlsRpt(domain: string, resolver: Resolver): Promise<DnsAnswer> {
  return resolver.resolve(`_smtp._tls.${domain}`, 'TXT');
}

/**
 * Findings for the TLS-RPT record in `answer`. `stsMode` is the MTA-STS mode senders apply (null:
 * none): without reports an enforced or tested policy fails silently, so a missing record matters more.
 */
export function auditTlsRpt(domain: string, answer: DnsAnswer, stsMode: StsMode | null): Finding[] {
  const subject = `_smtp._tls.${domain}`;
  if (isTemporaryFailure(answer)) return [temperrorFinding(answer, 'the TLS-RPT record')];
  const texts = answer.status === 'ok' ? answer.records.map(txtValue).filter(isTlsRptRecord) : [];
  if (texts.length === 0) {
    return [
      makeFinding('TLSRPT_MISSING', {
        ...(stsMode ? { severity: 'warning' as const } : {}),
        subject,
        summary: `${domain} asks for no SMTP TLS reports (no ${subject} record).`,
        explanation: stsMode
          ? `MTA-STS is in ${stsMode} mode, but without TLS-RPT (RFC 8460) you will not hear when senders fail to set up TLS to your MX hosts or refuse to deliver.`
          : 'Senders such as Google and Microsoft send daily reports of TLS failures to domains that ask (RFC 8460); without a record you do not see them.',
        fix: `Publish "${subject}. TXT \\"v=TLSRPTv1; rua=mailto:tls-reports@${domain}\\"" and ingest the reports with mxray reports ingest.`,
        evidence: [answer],
      }),
    ];
  }
  // RFC 8460 3: unless exactly one record starts with v=TLSRPTv1, senders assume no TLS-RPT.
  const parsed = texts.length === 1 ? parseTlsRptRecord(texts[0] ?? '') : undefined;
  if (!parsed || !parsed.ok) {
    const why = parsed
      ? parsed.errors.join('; ')
      : `${texts.length} TXT records start with v=TLSRPTv1`;
    return [
      makeFinding('TLSRPT_INVALID', {
        subject,
        summary: `The TLS-RPT record of ${domain} is invalid: ${why}.`,
        explanation: 'RFC 8460 3: senders that find no single valid record send no reports at all.',
        fix: `Publish exactly one record: "${subject}. TXT \\"v=TLSRPTv1; rua=mailto:<address>\\"" (several addresses separated by commas).`,
        evidence: [answer],
        data: { records: texts },
      }),
    ];
  }
  return [
    makeFinding('TLSRPT_OK', {
      subject,
      summary: `SMTP TLS reports for ${domain} go to ${parsed.record.rua.map((d) => d.uri).join(', ')}.`,
      explanation:
        parsed.warnings.length > 0
          ? `The record is valid (${parsed.warnings.join('; ')}).`
          : 'The record is valid: senders report TLS failures to these addresses.',
      evidence: [answer],
      data: { rua: parsed.record.rua, warnings: parsed.warnings },
    }),
  ];
}
