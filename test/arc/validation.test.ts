import { afterAll, describe, expect, it } from 'vitest';
import { verifyArc } from '../../src/arc/index.ts';
import { fixedClock } from '../../src/base/clock.ts';
import { corporaDir } from '../helpers/corpora.ts';
import { startTestDns, type TestDns } from '../helpers/dns-server.ts';
import { loadScenarios, scenarioZone, wireMessage } from './valimail-suite.ts';

const dir = corporaDir('arc-valimail-testsuite');

describe.skipIf(!dir)('ValiMail ARC validation suite (RFC 8617) on the embedded DNS server', () => {
  const scenarios = dir ? loadScenarios(dir, 'arc-draft-validation-tests.yml') : [];
  const servers: TestDns[] = [];
  afterAll(async () => Promise.all(servers.map((s) => s.close())));
  const clock = fixedClock(Date.UTC(2026, 0, 1));

  it('gives the expected cv for every test', async () => {
    let total = 0;
    const failures: string[] = [];
    for (const scenario of scenarios) {
      const dns = await startTestDns([scenarioZone(scenario)]);
      servers.push(dns);
      for (const [name, test] of Object.entries(scenario.tests)) {
        total++;
        // MANIFEST: an empty cv is a chain whose earlier seal already says cv=fail (RFC 8617 5.2).
        const expected = (test.cv || 'fail').toLowerCase();
        const result = await verifyArc(wireMessage(test.message), {
          resolver: dns.resolver,
          clock,
        });
        if (result.cv !== expected) {
          failures.push(`${name}: expected ${expected}, got ${result.cv} (${result.reason})`);
        }
      }
    }
    console.log(`arc valimail validation: ${total - failures.length}/${total}`);
    expect(failures).toEqual([]);
    expect(total).toBe(171);
  });
});
