import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { PolicyFetcher } from '../../src/mtasts/index.ts';
import { createHttpsFetcher } from '../../src/runtime/https-fetcher.ts';

/** What the test server answers for one host; `hang` never answers. */
export interface Site {
  status?: number;
  body?: string;
  contentType?: string | null;
  headers?: Record<string, string>;
  hang?: boolean;
}

/** A throw-away PKI made with the openssl CLI: a CA and leaf certificates for the given names. */
export function makePki(leaves: Record<string, string[]>): {
  ca: string;
  leaves: Record<string, { key: string; cert: string }>;
} {
  const dir = mkdtempSync(join(tmpdir(), 'mxray-pki-'));
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    run([
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=mxray test CA',
    ]);
    const out: Record<string, { key: string; cert: string }> = {};
    for (const [label, names] of Object.entries(leaves)) {
      run([
        'req',
        ...ec,
        '-keyout',
        `${label}.key`,
        '-out',
        `${label}.csr`,
        '-subj',
        `/CN=${names[0]}`,
      ]);
      writeFileSync(
        join(dir, `${label}.ext`),
        `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}\n`,
      );
      run([
        'x509',
        '-req',
        '-in',
        `${label}.csr`,
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        `${label}.pem`,
        '-days',
        '1',
        '-extfile',
        `${label}.ext`,
      ]);
      out[label] = {
        key: readFileSync(join(dir, `${label}.key`), 'utf8'),
        cert: readFileSync(join(dir, `${label}.pem`), 'utf8'),
      };
    }
    return { ca: readFileSync(join(dir, 'ca.pem'), 'utf8'), leaves: out };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A real HTTPS server on 127.0.0.1 serving `sites` by Host header; closed after the file's tests. */
async function listen(
  key: string,
  cert: string,
  sites: Record<string, Site>,
): Promise<Server & { port: number }> {
  const server = createServer({ key, cert }, (req, res) => {
    const site = sites[(req.headers.host ?? '').replace(/:\d+$/, '')];
    if (!site) {
      res.writeHead(404).end('no such site');
      return;
    }
    if (site.hang) return;
    const headers: Record<string, string> = { ...site.headers };
    if (site.contentType !== null) headers['content-type'] = site.contentType ?? 'text/plain';
    res.writeHead(site.status ?? 200, headers).end(site.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });
  return Object.assign(server, { port: (server.address() as AddressInfo).port });
}

/**
 * Two loopback HTTPS servers with a test CA: one whose certificate covers every name in `sites`,
 * and one (for names in `wrongCert`) whose certificate is for another name. The fetcher is the
 * real one, trusting the test CA and connecting every `*.test` host to its server.
 */
export async function startPolicyServers(
  sites: Record<string, Site>,
  wrongCert: Record<string, Site> = {},
): Promise<{ fetcher: PolicyFetcher; ca: string; port: number }> {
  const pki = makePki({ good: Object.keys(sites), wrong: ['mta-sts.someone-else.test'] });
  const good = await listen(pki.leaves.good!.key, pki.leaves.good!.cert, sites);
  const wrong = await listen(pki.leaves.wrong!.key, pki.leaves.wrong!.cert, wrongCert);
  const fetcher = createHttpsFetcher({
    ca: [pki.ca],
    connectTo: (host) =>
      host in wrongCert
        ? { address: '127.0.0.1', port: wrong.port }
        : host.endsWith('.test')
          ? { address: '127.0.0.1', port: good.port }
          : undefined,
  });
  return { fetcher, ca: pki.ca, port: good.port };
}
