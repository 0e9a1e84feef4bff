/** The DMARC policy that applies to mail from the audited domain, as far as the audit knows. */
export type EffectivePolicy = 'none' | 'quarantine' | 'reject' | 'missing' | 'unknown';

/**
 * One sentence on what the domain's DMARC policy does to mail that fails DKIM, appended to DKIM
 * findings so a person sees the consequence, not just the cause.
 */
export function dmarcConsequence(domain: string, policy: EffectivePolicy): string {
  switch (policy) {
    case 'reject':
      return `${domain}'s DMARC policy is p=reject: receivers reject such mail unless SPF passes for an aligned Return-Path domain, which forwarding breaks.`;
    case 'quarantine':
      return `${domain}'s DMARC policy is p=quarantine: receivers put such mail in spam unless SPF passes for an aligned Return-Path domain, which forwarding breaks.`;
    case 'none':
      return `${domain}'s DMARC policy is p=none: the mail is still delivered, but DMARC reports show DKIM failing and receivers may score it as spam.`;
    case 'missing':
      return `${domain} has no DMARC policy: receivers judge such mail on their own, and Gmail and Yahoo require DMARC for bulk senders.`;
    case 'unknown':
      return `What DMARC does to such mail depends on ${domain}'s DMARC policy, which could not be read.`;
  }
}
