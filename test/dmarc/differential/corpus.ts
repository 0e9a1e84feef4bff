import type { Zone } from '../../../src/dns/zone/zone.ts';
import { zone } from '../../helpers/zone.ts';

/**
 * The generated differential corpus: organizations with different policies (p, sp, np, pct,
 * strict alignment, odd case, multiple records, a PSD record on co.uk, a private-suffix parent),
 * and every combination of From domain (the organization, a subdomain, a deep one, an existing
 * and a non-existent host), SPF domain and DKIM domain (aligned, child, sibling, other).
 */
export const DIFFERENTIAL_ZONE: Zone = zone(`
  $ORIGIN .
  $TTL 300
  _dmarc.alpha.com.        TXT "v=DMARC1; p=reject; sp=quarantine"
  _dmarc.beta.com.         TXT "v=DMARC1; p=quarantine; adkim=s; aspf=s"
  _dmarc.gamma.com.        TXT "v=DMARC1; p=reject; sp=none; np=quarantine"
  _dmarc.delta.com.        TXT "v=DMARC1; p=reject; pct=50"
  _dmarc.epsilon.com.      TXT "v=DMARC1; p=Reject; sp=QUARANTINE"
  _dmarc.eta.com.          TXT "v=DMARC1; p=none"
  _dmarc.mail.eta.com.     TXT "v=DMARC1; p=reject"
  _dmarc.theta.com.        TXT "v=DMARC1; p=reject"
  _dmarc.mail.theta.com.   TXT "v=DMARC1; p=none"
                           TXT "v=DMARC1; p=quarantine"
  _dmarc.shop.co.uk.       TXT "v=DMARC1; p=reject; sp=none"
  _dmarc.co.uk.            TXT "v=DMARC1; p=quarantine; psd=y"
  _dmarc.blogspot.com.     TXT "v=DMARC1; p=reject"
  www.alpha.com.   A 192.0.2.1
  www.gamma.com.   A 192.0.2.1
  www.shop.co.uk.  A 192.0.2.1
`);

/** The organizations of the corpus; zeta.com publishes nothing. */
export const ORGANIZATIONS = [
  'alpha.com',
  'beta.com',
  'gamma.com',
  'delta.com',
  'epsilon.com',
  'zeta.com',
  'eta.com',
  'theta.com',
  'shop.co.uk',
  'myblog.blogspot.com',
];

export interface DifferentialCase {
  from: string;
  spf: string | null;
  dkim: string | null;
}

/** Every combination for every organization (10 x 5 x 4 x 5 = 1000 cases). */
export function differentialCases(): DifferentialCase[] {
  const cases: DifferentialCase[] = [];
  for (const org of ORGANIZATIONS) {
    const froms = [org, `mail.${org}`, `a.b.${org}`, `www.${org}`, `ghost.${org}`];
    const spfs = [null, org, `bounce.${org}`, 'esp.example.net'];
    const dkims = [null, org, `mail.${org}`, `news.${org}`, 'esp.example.net'];
    for (const from of froms) {
      for (const spf of spfs) for (const dkim of dkims) cases.push({ from, spf, dkim });
    }
  }
  cases.push({ from: 'co.uk', spf: 'co.uk', dkim: null });
  return cases;
}
