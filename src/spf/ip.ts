import ipaddr from 'ipaddr.js';

/** A client address as SPF sees it: IPv4-mapped IPv6 addresses count as IPv4 (RFC 7208 5). */
export type SpfIp = ipaddr.IPv4 | ipaddr.IPv6;

/** RFC 7208 12: ip4-network = qnum "." qnum "." qnum "." qnum, no leading zeros. */
const QNUM = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IP4 = new RegExp(`^${QNUM}\\.${QNUM}\\.${QNUM}\\.${QNUM}$`);

export function isIp4Network(text: string): boolean {
  return IP4.test(text);
}

/** RFC 4291 2.2 text forms, without zone identifiers. */
export function isIp6Network(text: string): boolean {
  return text.includes(':') && !text.includes('%') && ipaddr.IPv6.isValid(text);
}

/**
 * Parses the client IP. An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) becomes the IPv4 address:
 * the mail came over IPv4 and `ip4`, `a` and `mx` must see it as such (RFC 7208 5, RFC 4291 2.5.5.2).
 */
export function parseClientIp(text: string): SpfIp | null {
  const trimmed = text.trim();
  if (isIp4Network(trimmed)) return ipaddr.IPv4.parse(trimmed);
  if (!isIp6Network(trimmed)) return null;
  const v6 = ipaddr.IPv6.parse(trimmed);
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

/** True when `ip` lies in `network`/`prefix`; an address of the other family never matches. */
export function ipInNetwork(ip: SpfIp, network: string, prefix: number): boolean {
  let net: SpfIp;
  try {
    net = ipaddr.parse(network);
  } catch {
    return false;
  }
  if (ip.kind() !== net.kind()) return false;
  return ip.kind() === 'ipv4'
    ? (ip as ipaddr.IPv4).match(net as ipaddr.IPv4, prefix)
    : (ip as ipaddr.IPv6).match(net as ipaddr.IPv6, prefix);
}

/** The `%{i}` form (RFC 7208 7.3): dotted quad, or 32 dot-separated nibbles for IPv6. */
export function macroIp(ip: SpfIp): string {
  if (ip.kind() === 'ipv4') return ip.toString();
  return (ip as ipaddr.IPv6)
    .toByteArray()
    .flatMap((b) => [(b >> 4).toString(16), (b & 15).toString(16)])
    .join('.');
}

/** The reverse-lookup name (in-addr.arpa or ip6.arpa) of an address. */
export function reverseName(ip: SpfIp): string {
  const parts = macroIp(ip).split('.').reverse().join('.');
  return `${parts}.${ip.kind() === 'ipv4' ? 'in-addr' : 'ip6'}.arpa`;
}
