/** A report destination of a TLS-RPT record (RFC 8460 3: mailto or https). */
export interface TlsRptDestination {
  uri: string;
  scheme: 'mailto' | 'https';
  /** The mailbox for mailto:, the host for https:. */
  target: string;
}

/** The `_smtp._tls` TXT record (RFC 8460 3). */
export interface TlsRptRecord {
  rua: TlsRptDestination[];
  /** Extension fields; RFC 8460 3 says unknown fields are ignored. */
  extensions: Record<string, string>;
}

/** The outcome of parsing, as a value: errors make the record unusable for reporters. */
export type TlsRptParse =
  | { ok: true; record: TlsRptRecord; warnings: string[] }
  | { ok: false; errors: string[]; warnings: string[] };

// RFC 8460 3: tlsrpt-ext-name and tlsrpt-ext-value.
const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const EXT_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;
// A mailbox as reporters use it: local@domain with at least one dot in the domain.
const MAILBOX = /^[^@\s]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/** True for a TXT string that claims to be a TLS-RPT record (RFC 8460 3: begins with v=TLSRPTv1). */
export function isTlsRptRecord(text: string): boolean {
  return /^v=TLSRPTv1(?:[\s;]|$)/.test(text);
}

/**
 * Parses a `_smtp._tls` TXT record (RFC 8460 3): `v=TLSRPTv1` first, then `rua=` with one or more
 * comma-separated mailto: or https: URIs.
 * @example parseTlsRptRecord('v=TLSRPTv1; rua=mailto:tlsrpt@example.com')
 */
export function parseTlsRptRecord(text: string): TlsRptParse {
  const errors: string[] = [];
  const warnings: string[] = [];
  const fields = text.split(/[ \t]*;[ \t]*/);
  if (fields[fields.length - 1] === '') fields.pop(); // a trailing ";" is allowed
  if (fields[0] !== 'v=TLSRPTv1')
    return { ok: false, errors: ['the record must start with "v=TLSRPTv1"'], warnings };
  let rua: TlsRptDestination[] | undefined;
  const extensions: Record<string, string> = {};
  for (const field of fields.slice(1)) {
    const eq = field.indexOf('=');
    const name = eq > 0 ? field.slice(0, eq) : '';
    const value = eq > 0 ? field.slice(eq + 1) : '';
    if (name === 'rua') {
      if (rua) errors.push('rua= appears twice');
      else rua = parseRua(value, errors, warnings);
    } else if (name === 'v') {
      errors.push('v= appears twice');
    } else if (EXT_NAME.test(name) && EXT_VALUE.test(value)) {
      extensions[name] = value;
      warnings.push(`unknown field ${name}= is ignored`);
    } else {
      errors.push(`"${field}" is not a name=value field`);
    }
  }
  if (!rua) errors.push('the rua= field is missing: reporters have nowhere to send reports');
  else if (rua.length === 0 && errors.length === 0)
    errors.push('rua= has no mailto: or https: address reporters can use');
  if (errors.length > 0 || !rua) return { ok: false, errors, warnings };
  return { ok: true, record: { rua, extensions }, warnings };
}

/** RFC 8460 3: rua = tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri); only mailto and https are defined. */
function parseRua(value: string, errors: string[], warnings: string[]): TlsRptDestination[] {
  const out: TlsRptDestination[] = [];
  for (const uri of value.split(/[ \t]*,[ \t]*/)) {
    if (uri === '') {
      errors.push('rua= has an empty address');
      continue;
    }
    const lower = uri.toLowerCase();
    if (lower.startsWith('mailto:')) {
      const mailbox = decodeOrNull(uri.slice(7).split('?')[0] ?? '');
      if (mailbox && MAILBOX.test(mailbox)) out.push({ uri, scheme: 'mailto', target: mailbox });
      else errors.push(`"${uri}" is not a valid mailto: address`);
    } else if (lower.startsWith('https://')) {
      const host = hostOf(uri);
      if (host) out.push({ uri, scheme: 'https', target: host });
      else errors.push(`"${uri}" is not a valid https: URL`);
    } else if (lower.startsWith('http://')) {
      errors.push(`"${uri}" uses http:, but RFC 8460 3 allows only https: and mailto:`);
    } else {
      warnings.push(`"${uri}" is neither mailto: nor https: and is ignored by reporters`);
    }
  }
  return out;
}

function decodeOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function hostOf(uri: string): string | null {
  try {
    const url = new URL(uri);
    return url.hostname || null;
  } catch {
    return null;
  }
}
