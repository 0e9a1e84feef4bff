import { describe, expect, it } from 'vitest';
import { createHttpsFetcher } from '../../src/runtime/https-fetcher.ts';
import { startPolicyServers } from './policy-server.ts';
import { memoryResolver, zone } from '../helpers/zone.ts';

const body = 'version: STSv1\nmode: enforce\nmx: mx.ok.test\nmax_age: 86400\n';
const { fetcher, port, ca } = await startPolicyServers(
  {
    'mta-sts.ok.test': { body },
    'mta-sts.slow.test': { hang: true },
    'mta-sts.moved.test': { status: 302, headers: { location: 'https://elsewhere.test/p' } },
  },
  { 'mta-sts.wrongname.test': { body } },
);
const limits = { timeoutMs: 2000, maxBytes: 65536 };
const url = (host: string) => `https://${host}/.well-known/mta-sts.txt`;

describe('createHttpsFetcher (node:https, real loopback server with a test CA)', () => {
  it('returns status, body, Content-Type and TLS details', async () => {
    const r = await fetcher.fetch(url('mta-sts.ok.test'), limits);
    expect(r).toMatchObject({ ok: true, status: 200, body, contentType: 'text/plain' });
    expect(r.ok && r.tls.subject).toBe('mta-sts.ok.test');
    expect(r.ok && r.tls.protocol).toMatch(/^TLSv1\.[23]$/);
  });
  it('does not follow a redirect (RFC 8461 3.3) and says where it pointed', async () => {
    const r = await fetcher.fetch(url('mta-sts.moved.test'), limits);
    expect(r).toMatchObject({ ok: false, kind: 'http-status', status: 302 });
    expect(!r.ok && r.reason).toContain('https://elsewhere.test/p');
  });
  it('maps a certificate for another name to kind tls', async () => {
    const r = await fetcher.fetch(url('mta-sts.wrongname.test'), limits);
    expect(r).toMatchObject({ ok: false, kind: 'tls' });
    expect(!r.ok && r.reason).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
  });
  it('maps an untrusted CA to kind tls (the system roots do not know the test CA)', async () => {
    const plain = createHttpsFetcher({
      connectTo: () => ({ address: '127.0.0.1', port }),
    });
    const r = await plain.fetch(url('mta-sts.ok.test'), limits);
    expect(r).toMatchObject({ ok: false, kind: 'tls' });
  });
  it('stops at the size cap with kind too-large', async () => {
    const r = await fetcher.fetch(url('mta-sts.ok.test'), { timeoutMs: 2000, maxBytes: 10 });
    expect(r).toMatchObject({ ok: false, kind: 'too-large' });
  });
  it('gives up after the timeout with kind timeout', async () => {
    const r = await fetcher.fetch(url('mta-sts.slow.test'), { timeoutMs: 200, maxBytes: 65536 });
    expect(r).toMatchObject({ ok: false, kind: 'timeout' });
  });
  it('maps a refused connection to kind network', async () => {
    const closed = createHttpsFetcher({ connectTo: () => ({ address: '127.0.0.1', port: 9 }) });
    const r = await closed.fetch(url('mta-sts.ok.test'), limits);
    expect(r).toMatchObject({ ok: false, kind: 'network' });
    expect(!r.ok && r.reason).toContain('ECONNREFUSED');
  });
  it('maps a name that does not resolve to kind dns', async () => {
    const r = await createHttpsFetcher().fetch(url('mta-sts.nothing.invalid'), limits);
    expect(r).toMatchObject({ ok: false, kind: 'dns' });
  });
  it('resolves the policy host through the given Resolver, not the system DNS', async () => {
    const resolver = memoryResolver(
      zone(`$ORIGIN test.\n$TTL 60\n@ SOA ns. h. 1 1 1 1 60\nmta-sts.ok A 127.0.0.1\n`),
    );
    const viaDns = createHttpsFetcher({ ca: [ca], port, resolver });
    expect(await viaDns.fetch(url('mta-sts.ok.test'), limits)).toMatchObject({
      ok: true,
      status: 200,
    });
    const missing = await viaDns.fetch(url('mta-sts.gone.test'), limits);
    expect(missing).toMatchObject({ ok: false, kind: 'dns' });
    expect(!missing.ok && missing.reason).toContain('nxdomain');
  });
});
