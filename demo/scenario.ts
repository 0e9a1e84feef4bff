import { generateKeyPairSync } from 'node:crypto';
import { parseZoneFile, type Zone } from '../src/dns/zone/zone.ts';

/**
 * The demo world, served by the embedded DNS server: the story's Microsoft 365 customers, a
 * healthy Google Workspace domain, a domain over the SPF lookup limit, and the provider zones
 * behind them. Keys are generated at start, so every key record is real.
 */
export interface DemoDomain {
  domain: string;
  story: string;
  selectors?: string[];
}

export const DEMO_DOMAINS: DemoDomain[] = [
  {
    domain: 'contoso-demo.example',
    story:
      'Microsoft 365 customer: both selector CNAMEs in place, but Microsoft publishes neither key (the story).',
  },
  {
    domain: 'northwind-demo.example',
    story:
      'Microsoft 365 customer after a rotation: only the active selector2 has a key, as Microsoft intends.',
  },
  { domain: 'fabrikam-demo.example', story: 'Healthy Google Workspace domain.' },
  {
    domain: 'tailspin-demo.example',
    story:
      'SPF over the 10-lookup limit, and aggregate reports sent to a vendor that never authorized them.',
  },
];

/** A public key as the base64 of its DER SubjectPublicKeyInfo, as DKIM's p= wants it. */
function publicKeyBase64(bits: number): string {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
}

/** A DKIM TXT record's RDATA: the value split into 255-byte character-strings (RFC 1035 3.3.14). */
export function dkimTxt(p: string): string {
  const value = `v=DKIM1; k=rsa; p=${p}`;
  const parts = value.match(/.{1,255}/g) ?? [];
  return `( ${parts.map((s) => `"${s}"`).join('\n    ')} )`;
}

const SOA =
  '@ 3600 IN SOA ns1.demo-dns.example. hostmaster.demo-dns.example. 2026112901 3600 600 604800 300';

/** Zone files of the demo world (zone-file text, parsed by the same parser users' files go through). */
export function demoZoneTexts(): Record<string, string> {
  const northwindKey = publicKeyBase64(2048);
  const fabrikamKey = publicKeyBase64(2048);
  const contosoGoogleKey = publicKeyBase64(2048);
  return {
    // The TLD itself, so the RFC 9989 DMARC tree walk gets NXDOMAIN for _dmarc.example, not REFUSED.
    example: `$ORIGIN example.
$TTL 3600
${SOA}
`,
    'contoso-demo.example': `$ORIGIN contoso-demo.example.
$TTL 3600
${SOA}
@ NS ns1.demo-dns.example.
@ MX 0 contoso-demo-example.mail.protection.outlook.com.
@ TXT "v=spf1 include:spf.protection.outlook.com -all"
_dmarc TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@contoso-demo.example"
selector1._domainkey CNAME selector1-contoso-demo-example._domainkey.contosoltd.onmicrosoft.com.
selector2._domainkey CNAME selector2-contoso-demo-example._domainkey.contosoltd.onmicrosoft.com.
; The marketing team also sends through Google Workspace, signed s=google (seen in the DMARC reports).
google._domainkey TXT ${dkimTxt(contosoGoogleKey)}
`,
    'northwind-demo.example': `$ORIGIN northwind-demo.example.
$TTL 3600
${SOA}
@ NS ns1.demo-dns.example.
@ MX 0 northwind-demo-example.mail.protection.outlook.com.
@ TXT "v=spf1 include:spf.protection.outlook.com -all"
_dmarc TXT "v=DMARC1; p=reject; rua=mailto:dmarc@northwind-demo.example"
selector1._domainkey CNAME selector1-northwind-demo-example._domainkey.northwindtraders.onmicrosoft.com.
selector2._domainkey CNAME selector2-northwind-demo-example._domainkey.northwindtraders.onmicrosoft.com.
`,
    'fabrikam-demo.example': `$ORIGIN fabrikam-demo.example.
$TTL 3600
${SOA}
@ NS ns1.demo-dns.example.
@ MX 1 aspmx.l.google.com.
@ MX 5 alt1.aspmx.l.google.com.
@ TXT "v=spf1 include:_spf.google.com -all"
_dmarc TXT "v=DMARC1; p=reject; rua=mailto:dmarc@fabrikam-demo.example"
google._domainkey TXT ${dkimTxt(fabrikamKey)}
`,
    'tailspin-demo.example': `$ORIGIN tailspin-demo.example.
$TTL 3600
${SOA}
@ NS ns1.demo-dns.example.
@ MX 10 mail.tailspin-demo.example.
mail A 192.0.2.25
@ TXT "v=spf1 mx a include:_spf.google.com include:spf.protection.outlook.com include:sendgrid.net include:servers.mcsv.net include:spf.crm-vendor.example -all"
_dmarc TXT "v=DMARC1; p=none; rua=mailto:reports@dmarc-vendor.example"
`,
    'onmicrosoft.com': `$ORIGIN onmicrosoft.com.
$TTL 3600
${SOA}
; contosoltd: neither selector's key is published (the story).
; northwindtraders: only the active selector2's key is published.
selector2-northwind-demo-example._domainkey.northwindtraders TXT ${dkimTxt(northwindKey)}
`,
    'outlook.com': `$ORIGIN outlook.com.
$TTL 3600
${SOA}
contoso-demo-example.mail.protection A 52.101.68.10
northwind-demo-example.mail.protection A 52.101.68.11
spf.protection TXT "v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip4:52.100.0.0/15 ip4:52.102.0.0/16 ip4:104.47.0.0/17 ip6:2a01:111:f400::/48 -all"
`,
    'google.com': `$ORIGIN google.com.
$TTL 300
${SOA}
aspmx.l A 142.250.27.26
alt1.aspmx.l A 142.250.153.26
_spf TXT "v=spf1 include:_netblocks.google.com include:_netblocks2.google.com include:_netblocks3.google.com ~all"
_netblocks TXT "v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ip4:66.102.0.0/20 ~all"
_netblocks2 TXT "v=spf1 ip6:2001:4860:4000::/36 ip6:2404:6800:4000::/36 ~all"
_netblocks3 TXT "v=spf1 ip4:172.217.32.0/20 ip4:172.253.56.0/21 ~all"
`,
    'sendgrid.net': `$ORIGIN sendgrid.net.
$TTL 3600
${SOA}
@ TXT "v=spf1 ip4:167.89.0.0/17 ip4:149.72.0.0/16 ~all"
`,
    'mcsv.net': `$ORIGIN mcsv.net.
$TTL 3600
${SOA}
servers TXT "v=spf1 ip4:205.201.128.0/20 ip4:198.2.128.0/18 ~all"
`,
    'crm-vendor.example': `$ORIGIN crm-vendor.example.
$TTL 3600
${SOA}
spf TXT "v=spf1 include:spf1.crm-vendor.example include:spf2.crm-vendor.example ~all"
spf1 TXT "v=spf1 ip4:198.51.100.0/24 ~all"
spf2 TXT "v=spf1 ip4:203.0.113.0/24 ~all"
`,
    'dmarc-vendor.example': `$ORIGIN dmarc-vendor.example.
$TTL 3600
${SOA}
@ MX 10 mx.dmarc-vendor.example.
mx A 198.51.100.53
; No tailspin-demo.example._report._dmarc record: reports are not authorized (RFC 7489 7.1).
`,
  };
}

/** The demo world as zones for the embedded server. */
export function demoZones(): Zone[] {
  return Object.entries(demoZoneTexts()).map(([origin, text]) =>
    parseZoneFile(text, { origin, fileName: `${origin}.zone` }),
  );
}
