import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkExternalDestination,
  discoverDmarcPolicy,
  evaluateDmarc,
} from '../../src/dmarc/index.ts';
import { startTestDns, type TestDns } from '../helpers/dns-server.ts';
import { zone } from '../helpers/zone.ts';

/** The same code paths over real UDP on loopback, with the embedded server's misbehaviours. */
describe('DMARC over the embedded DNS server on loopback', () => {
  let dns: TestDns;
  beforeAll(async () => {
    dns = await startTestDns(
      [
        zone(`
          $ORIGIN example.com.
          $TTL 300
          @        SOA ns1 hostmaster 1 3600 600 86400 300
          @        NS  ns1
          ns1      A   192.0.2.53
          _dmarc   TXT "v=DMARC1; p=reject; sp=quarantine; np=reject; " "rua=mailto:d@reports.example.net"
          www      A   192.0.2.80
          broken   TXT "placeholder"
          slow     TXT "placeholder"
        `),
        zone(`
          $ORIGIN example.net.
          @        SOA ns1 hostmaster 1 3600 600 86400 300
          @        NS  ns1
          example.com._report._dmarc.reports TXT "v=DMARC1"
        `),
      ],
      {
        faults: [
          { name: '_dmarc.broken.example.com', fault: 'servfail' },
          { name: '_dmarc.slow.example.com', fault: 'timeout' },
        ],
      },
    );
  });
  afterAll(async () => dns.close());

  it('finds the organizational record for a subdomain, with the exchanges as evidence', async () => {
    const d = await discoverDmarcPolicy('www.example.com', { resolver: dns.resolver });
    expect(d).toMatchObject({ status: 'found', policyDomain: 'example.com' });
    expect(d.recordText).toBe(
      'v=DMARC1; p=reject; sp=quarantine; np=reject; rua=mailto:d@reports.example.net',
    );
    expect(d.answers[0]?.exchanges[0]?.transport).toBe('udp');
    expect(d.answers[0]?.status).toBe('nxdomain');
  });

  it('applies sp to an existing host and np to a missing one', async () => {
    const input = (fromDomain: string) => ({
      fromDomain,
      spf: { result: 'fail', domain: fromDomain },
      dkim: [],
    });
    const www = await evaluateDmarc(input('www.example.com'), { resolver: dns.resolver });
    expect(www).toMatchObject({ result: 'fail', policy: 'quarantine', policyTag: 'sp' });
    const ghost = await evaluateDmarc(input('ghost.example.com'), { resolver: dns.resolver });
    expect(ghost).toMatchObject({ result: 'fail', policy: 'reject', policyTag: 'np' });
  });

  it('turns SERVFAIL and a timeout into temperror', async () => {
    for (const domain of ['broken.example.com', 'slow.example.com']) {
      const e = await evaluateDmarc(
        { fromDomain: domain, spf: { result: 'pass', domain }, dkim: [] },
        { resolver: dns.resolver },
      );
      expect(e.result, domain).toBe('temperror');
    }
  });

  it('verifies an external report destination', async () => {
    const r = await checkExternalDestination('example.com', 'reports.example.net', {
      resolver: dns.resolver,
    });
    expect(r.status).toBe('authorized');
  });
});
