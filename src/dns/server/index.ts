export { startDnsServer, type DnsServer, type DnsServerOptions } from './dns-server.ts';
export { respond, type RespondContext } from './respond.ts';
