/** The DMARC policy as the caller knows it (`missing`: none published; `unknown`: lookup failed). */
export type BimiDmarcPolicy = 'none' | 'quarantine' | 'reject' | 'missing' | 'unknown';

/** Whether receivers will consider the logo at all, given the domain's DMARC policy. */
export type BimiDmarcEligibility =
  | { eligible: true }
  | { eligible: false; reason: 'no-policy' | 'policy-none' | 'partial' | 'testing' | 'unknown' };

/**
 * BIMI draft (section "DMARC"): receivers show a logo only for mail that passes DMARC under an
 * enforcing policy: p=quarantine or p=reject, applied to all mail (pct=100, no t=y testing).
 * @example bimiDmarcEligibility({ policy: 'reject' }) // { eligible: true }
 */
export function bimiDmarcEligibility(dmarc: {
  policy: BimiDmarcPolicy;
  pct?: number;
  testing?: boolean;
}): BimiDmarcEligibility {
  switch (dmarc.policy) {
    case 'unknown':
      return { eligible: false, reason: 'unknown' };
    case 'missing':
      return { eligible: false, reason: 'no-policy' };
    case 'none':
      return { eligible: false, reason: 'policy-none' };
    case 'quarantine':
    case 'reject':
      if (dmarc.pct !== undefined && dmarc.pct < 100) return { eligible: false, reason: 'partial' };
      if (dmarc.testing) return { eligible: false, reason: 'testing' };
      return { eligible: true };
  }
}
