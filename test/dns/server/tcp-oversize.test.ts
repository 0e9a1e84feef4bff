import { afterAll, describe, expect, it } from 'vitest';
import { createStubResolver } from '../../../src/dns/net/stub-resolver.ts';
import { startDnsServer } from '../../../src/dns/server/index.ts';
import { zone } from '../../helpers/zone.ts';

// 300 TXT records of 255 octets: about 78 KB, more than one TCP message can carry (RFC 1035 4.2.2).
const huge = Array.from(
  { length: 300 },
  (_, i) => `huge TXT "${String(i).padStart(3, '0')}${'x'.repeat(252)}"`,
).join('\n');

const server = await startDnsServer({
  zones: [
    zone(
      `$ORIGIN big.test.\n$TTL 300\n@ SOA ns1 hostmaster 1 3600 600 86400 60\n@ NS ns1\n${huge}\nsmall TXT "ok"\n`,
    ),
  ],
  port: 0,
});
afterAll(() => server.close());

describe('embedded DNS server: an answer too large for a TCP message', () => {
  it('is SERVFAIL over TCP at once, not silence until the client times out', async () => {
    const resolver = createStubResolver({ servers: [server.address], timeoutMs: 3000, tries: 1 });
    const started = performance.now();
    const answer = await resolver.resolve('huge.big.test', 'TXT');
    expect(answer.status).toBe('servfail');
    expect(answer.exchanges.map((e) => [e.transport, e.rcode])).toEqual([
      ['udp', 'NOERROR'],
      ['tcp', 'SERVFAIL'],
    ]);
    expect(performance.now() - started).toBeLessThan(2000);
    expect((await resolver.resolve('small.big.test', 'TXT')).status).toBe('ok');
  });
});
