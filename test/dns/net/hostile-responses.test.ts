import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { createStubResolver } from '../../../src/dns/net/stub-resolver.ts';
import { reply, startFakeDns, type FakeDns, type FakeHandler } from './fake-dns.ts';

const started: FakeDns[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});
async function fake(handler: FakeHandler): Promise<FakeDns> {
  const server = await startFakeDns(handler);
  started.push(server);
  return server;
}
const fast = { timeoutMs: 200, tries: 1 };
const good = (q: Parameters<FakeHandler>[0]) =>
  reply(q, { answers: [{ type: 'A', name: 'example.com', ttl: 60, data: '192.0.2.1' }] });
const forged = (q: Parameters<FakeHandler>[0]) =>
  reply(q, { answers: [{ type: 'A', name: 'example.com', ttl: 60, data: '203.0.113.66' }] });

describe('responses that must be ignored (RFC 5452 9.1)', () => {
  it('ignores a response with the wrong ID and keeps waiting for the right one', async () => {
    const server = await fake((q) => [
      reply(q, {
        id: ((q.packet.id ?? 0) + 1) & 0xffff,
        answers: [{ type: 'A', name: 'example.com', ttl: 60, data: '203.0.113.66' }],
      }),
      good(q),
    ]);
    const answer = await createStubResolver({ servers: [server.address], ...fast }).resolve(
      'example.com',
      'A',
    );
    expect(answer.status).toBe('ok');
    expect(answer.records.map((r) => r.data)).toEqual([{ type: 'A', address: '192.0.2.1' }]);
  });

  it('times out when only wrong-ID responses arrive', async () => {
    const server = await fake((q) => [reply(q, { id: ((q.packet.id ?? 0) + 1) & 0xffff })]);
    const answer = await createStubResolver({ servers: [server.address], ...fast }).resolve(
      'example.com',
      'A',
    );
    expect(answer.status).toBe('timeout');
  });

  it('ignores a response from another source port', async () => {
    const server = await fake((q) => [{ fromOtherPort: forged(q) }, good(q)]);
    const answer = await createStubResolver({ servers: [server.address], ...fast }).resolve(
      'example.com',
      'A',
    );
    expect(answer.records.map((r) => r.data)).toEqual([{ type: 'A', address: '192.0.2.1' }]);
  });

  it('ignores a response to another question', async () => {
    const server = await fake((q) => {
      const other = {
        ...q,
        packet: { ...q.packet, questions: [{ name: 'evil.example', type: 'A' as const }] },
      };
      return [forged(other), good(q)];
    });
    const answer = await createStubResolver({ servers: [server.address], ...fast }).resolve(
      'example.com',
      'A',
    );
    expect(answer.records.map((r) => r.data)).toEqual([{ type: 'A', address: '192.0.2.1' }]);
  });
});

describe('garbage', () => {
  it('reports a malformed response with our ID without throwing', async () => {
    const server = await fake((q) => {
      const bytes = good(q);
      return [bytes.subarray(0, bytes.length - 3)];
    });
    const answer = await createStubResolver({ servers: [server.address], ...fast }).resolve(
      'example.com',
      'A',
    );
    expect(answer.status).toBe('error');
    expect(answer.error).toMatch(/^127.0.0.1:\d+: malformed response: the message claims/);
  });

  it('reports random bytes as malformed once no valid response came', async () => {
    const server = await fake(() => [randomBytes(40), Buffer.from([1, 2, 3])]);
    const answer = await createStubResolver({ servers: [server.address], ...fast }).resolve(
      'example.com',
      'A',
    );
    expect(answer.status).toBe('error');
    expect(answer.error).toContain('malformed response');
  });

  it('reports a malformed TCP response', async () => {
    const server = await fake((q) => [good(q).subarray(0, 20)]);
    const answer = await createStubResolver({
      servers: [server.address],
      tcpOnly: true,
      ...fast,
    }).resolve('example.com', 'A');
    expect(answer.status).toBe('error');
    expect(answer.error).toContain('malformed response');
  });
});

describe('names and cancellation', () => {
  it('sends no query for an invalid name', async () => {
    const server = await fake((q) => [good(q)]);
    const resolver = createStubResolver({ servers: [server.address], ...fast });
    const answer = await resolver.resolve('exa mple..com', 'A');
    expect(answer.status).toBe('error');
    expect(answer.error).toContain('empty label');
    expect(server.queries).toHaveLength(0);
  });

  it('sends an IDN name as its A-label', async () => {
    const server = await fake((q) => [reply(q)]);
    const answer = await createStubResolver({ servers: [server.address], ...fast }).resolve(
      'Bücher.example.',
      'MX',
    );
    expect(answer.name).toBe('xn--bcher-kva.example');
    expect(server.queries[0]?.packet.questions?.[0]?.name).toBe('xn--bcher-kva.example');
  });

  it('asks the root as an empty name', async () => {
    const server = await fake((q) => [
      reply(q, { answers: [{ type: 'NS', name: '.', ttl: 60, data: 'a.root-servers.net' }] }),
    ]);
    const answer = await createStubResolver({ servers: [server.address], ...fast }).resolve(
      '.',
      'NS',
    );
    expect(answer).toMatchObject({ name: '', status: 'ok' });
    expect(answer.records[0]).toMatchObject({ name: '', data: { target: 'a.root-servers.net' } });
  });

  it('rejects with the abort reason when the signal fires', async () => {
    const server = await fake(() => []);
    const resolver = createStubResolver({ servers: [server.address], timeoutMs: 5000, tries: 1 });
    const controller = new AbortController();
    const pending = resolver.resolve('example.com', 'A', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 50);
    await expect(pending).rejects.toThrow('stop');
  });
});
