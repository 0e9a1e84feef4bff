import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { bufferIo } from '../../src/cli/io.ts';

describe('mxray check exit status', () => {
  it('is 4 (retry) when the only errors are failed DNS lookups', async () => {
    const io = bufferIo();
    const code = await main(
      ['check', 'down.test', '--resolver', '127.0.0.1:9', '--timeout', '100', '--json'],
      io,
    );
    expect(code).toBe(4);
    const report = JSON.parse(io.stdout());
    expect(report.findings.every((f: { id: string }) => f.id === 'DNS_TEMPERROR')).toBe(true);
  });
});
