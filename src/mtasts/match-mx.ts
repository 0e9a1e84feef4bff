/**
 * True when an MX host name matches one policy `mx` pattern. RFC 8461 4.1: matching follows
 * RFC 6125, except that `*` may only stand for the whole left-most label: `*.example.com` matches
 * `mx1.example.com` but neither `example.com` nor `a.b.example.com`. Case-insensitive; a trailing
 * dot is ignored.
 * @example matchesMxPattern('mx1.example.com', '*.example.com') // true
 */
export function matchesMxPattern(host: string, pattern: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  const p = pattern.toLowerCase().replace(/\.$/, '');
  if (!p.startsWith('*.')) return h === p;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === p.slice(2);
}

/** The MX hosts that no pattern of the policy matches (RFC 8461 4.1: senders skip or refuse them). */
export function uncoveredMxHosts(hosts: readonly string[], patterns: readonly string[]): string[] {
  return hosts.filter((h) => !patterns.some((p) => matchesMxPattern(h, p)));
}
