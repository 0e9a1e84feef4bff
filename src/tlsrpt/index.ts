/** SMTP TLS Reporting (RFC 8460): the `_smtp._tls` TXT record that says where reports go. */
export {
  isTlsRptRecord,
  parseTlsRptRecord,
  type TlsRptDestination,
  type TlsRptParse,
  type TlsRptRecord,
} from './parse-record.ts';
