import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** True when NSD is installed; otherwise the caller skips (or fails under MXRAY_REQUIRE_SERVICES=1). */
export function nsdAvailable(): boolean {
  const found = spawnSync('sh', ['-c', 'command -v nsd'], { encoding: 'utf8' }).status === 0;
  if (!found && process.env.MXRAY_REQUIRE_SERVICES === '1') {
    throw new Error('MXRAY_REQUIRE_SERVICES=1 but nsd is not installed (apt-get install nsd)');
  }
  if (!found) console.log('skipping: nsd is not installed (apt-get install nsd)');
  return found;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts NSD (an independent authoritative server) on a free loopback port serving the given
 * zone-file texts (origin → text), in a temporary folder, as SERVICES.md describes.
 */
export async function startNsd(
  zones: Record<string, string>,
): Promise<{ address: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mxray-nsd-'));
  mkdirSync(path.join(dir, 'zones'));
  const port = await freePort();
  const zoneBlocks = Object.entries(zones).map(([origin, text]) => {
    const file = path.join(dir, 'zones', `${origin}.zone`);
    writeFileSync(file, text);
    return `zone:\n  name: "${origin}"\n  zonefile: "${file}"\n`;
  });
  const conf = `server:
  ip-address: 127.0.0.1
  port: ${port}
  username: ""
  chroot: ""
  zonesdir: "${dir}/zones"
  pidfile: "${dir}/nsd.pid"
  database: ""
  zonelistfile: "${dir}/zone.list"
  xfrdfile: "${dir}/xfrd.state"
  xfrdir: "${dir}"
  logfile: "${dir}/nsd.log"
remote-control:
  control-enable: no
${zoneBlocks.join('')}`;
  writeFileSync(path.join(dir, 'nsd.conf'), conf);
  execFileSync('nsd', ['-c', path.join(dir, 'nsd.conf'), '-P', path.join(dir, 'nsd.pid')]);
  // NSD forks; wait until it answers.
  for (let i = 0; i < 50; i++) {
    const probe = spawnSync('bash', ['-c', `exec 3<>/dev/tcp/127.0.0.1/${port}`]);
    if (probe.status === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    address: `127.0.0.1:${port}`,
    async stop() {
      let pid = 0;
      try {
        pid = Number(readFileSync(path.join(dir, 'nsd.pid'), 'utf8').trim());
        process.kill(pid);
      } catch {
        // already gone
      }
      // NSD writes its state on the way out: wait for it to exit before removing its folder.
      for (let i = 0; pid > 0 && i < 50; i++) {
        try {
          process.kill(pid, 0);
        } catch {
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}
