import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';

/** Where the system lists its nameservers (resolv.conf(5)). */
const RESOLV_CONF = '/etc/resolv.conf';
/** resolv.conf(5): "If no nameserver entries are present, the default is to use the local server." */
const FALLBACK = '127.0.0.1';

/**
 * The `nameserver` addresses of a resolv.conf text, in order. IPv6 zone ids (`%eth0`) are stripped
 * (the label would not round-trip through our address parser, and loopback/global servers do not
 * need them); lines that are not IP addresses are skipped.
 * @example parseResolvConf('nameserver 1.1.1.1\n# x\nnameserver fe80::1%eth0') // ['1.1.1.1', 'fe80::1']
 */
export function parseResolvConf(text: string): string[] {
  const servers: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const match = /^nameserver\s+(\S+)/.exec(line);
    if (!match?.[1]) continue;
    const address = match[1].split('%')[0] ?? '';
    if (isIP(address) !== 0) servers.push(address);
  }
  return servers;
}

/** The system's nameservers from /etc/resolv.conf, or 127.0.0.1 when it is missing or lists none. */
export async function systemNameservers(path = RESOLV_CONF): Promise<string[]> {
  try {
    const servers = parseResolvConf(await readFile(path, 'utf8'));
    return servers.length > 0 ? servers : [FALLBACK];
  } catch {
    return [FALLBACK];
  }
}
