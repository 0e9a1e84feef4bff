/** What a Microsoft 365 DKIM CNAME target says, checked against the documented forms. */
export type M365TargetCheck =
  | { ok: true; format: 'onmicrosoft' | 'dkim.mail.microsoft'; tenant: string }
  | { ok: false; problem: string; expected: string };

/** `contoso.com` → `contoso-com`: Microsoft replaces the domain's dots with dashes. */
export function dashedDomain(domain: string): string {
  return domain.replace(/\./g, '-');
}

/**
 * Checks a selector CNAME target against Microsoft Learn's two forms:
 * old `selectorN-<domain-dashed>._domainkey.<tenant>.onmicrosoft.com`, and (May 2025+)
 * `selectorN-<domain-dashed>._domainkey.<prefix>.<char>-v<digit>.dkim.mail.microsoft`. The partition
 * character "is not configurable or predictable", so any `[a-z0-9]-v\d+` is accepted.
 */
export function checkM365Target(domain: string, selector: string, target: string): M365TargetCheck {
  const label = `${selector}-${dashedDomain(domain)}`;
  const expected = `${label}._domainkey.<tenant>.onmicrosoft.com (or ${label}._domainkey.<tenant>.<x>-v1.dkim.mail.microsoft): copy it from Get-DkimSigningConfig -Identity ${domain} | Format-List Selector1CNAME,Selector2CNAME`;
  const old = /^([a-z0-9-]+)\._domainkey\.([a-z0-9-]+)\.onmicrosoft\.com$/.exec(target);
  const fresh =
    /^([a-z0-9-]+)\._domainkey\.([a-z0-9-]+)\.[a-z0-9]-v\d+\.dkim\.mail\.microsoft$/.exec(target);
  const match = old ?? fresh;
  if (match) {
    const [, first, tenant] = match;
    if (first === label) {
      return {
        ok: true,
        format: old ? 'onmicrosoft' : 'dkim.mail.microsoft',
        tenant: tenant ?? '',
      };
    }
    const other = selector === 'selector1' ? 'selector2' : 'selector1';
    if (first === `${other}-${dashedDomain(domain)}`) {
      return {
        ok: false,
        problem: `it points to ${other}'s target (the two CNAMEs are swapped or copied)`,
        expected,
      };
    }
    return {
      ok: false,
      problem: `its first label is "${first}" where Microsoft uses "${label}"`,
      expected,
    };
  }
  if (target.includes(`${selector}-${domain}.`) || target.includes(`._domainkey.${domain}.`)) {
    return {
      ok: false,
      problem: 'the domain is written with dots where Microsoft uses dashes',
      expected,
    };
  }
  if (/\.dkim\.mail\.microsoft$/.test(target)) {
    return {
      ok: false,
      problem: 'the partition label (such as "n-v1") is missing or malformed',
      expected,
    };
  }
  return { ok: false, problem: 'it does not have the form Microsoft documents', expected };
}
