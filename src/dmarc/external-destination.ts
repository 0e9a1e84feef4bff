import { assertNever } from '../base/assert-never.ts';
import { toAsciiName } from '../dns/name.ts';
import { txtValues } from '../dns/types.ts';
import type { DnsAnswer, Resolver } from '../dns/types.ts';
import { organizationalDomain } from './org-domain.ts';
import { isDmarcRecord } from './parse-record.ts';

/** The outcome of {@link checkExternalDestination}. */
export interface ExternalDestinationCheck {
  status: 'authorized' | 'not-authorized' | 'same-organization' | 'temperror';
  queryName: string;
  answer?: DnsAnswer;
}

/**
 * RFC 7489 7.1: may reports for `policyDomain` be sent to an address at `destinationDomain`?
 * When both have the same organizational domain no check is needed; otherwise the destination
 * must publish a TXT record starting with `v=DMARC1` at
 * `<policyDomain>._report._dmarc.<destinationDomain>`.
 * @example await checkExternalDestination('example.com', 'reports.example.net', { resolver })
 */
export async function checkExternalDestination(
  policyDomain: string,
  destinationDomain: string,
  options: { resolver: Resolver },
): Promise<ExternalDestinationCheck> {
  const policy = toAsciiName(policyDomain) ?? policyDomain.toLowerCase();
  const destination = toAsciiName(destinationDomain) ?? destinationDomain.toLowerCase();
  const queryName = `${policy}._report._dmarc.${destination}`;
  if (organizationalDomain(policy) === organizationalDomain(destination)) {
    return { status: 'same-organization', queryName };
  }
  const answer = await options.resolver.resolve(queryName, 'TXT');
  switch (answer.status) {
    case 'ok':
      return {
        status: txtValues(answer).some(isDmarcRecord) ? 'authorized' : 'not-authorized',
        queryName,
        answer,
      };
    case 'nxdomain':
    case 'nodata':
    case 'cname-loop':
    case 'cname-too-long':
      return { status: 'not-authorized', queryName, answer };
    case 'servfail':
    case 'refused':
    case 'timeout':
    case 'error':
      return { status: 'temperror', queryName, answer };
    default:
      return assertNever(answer.status, 'DNS status');
  }
}
