const LF = 0x0a;
const CR = 0x0d;

/** True when some LF in `bytes` is not preceded by CR. */
export function hasBareLf(bytes: Uint8Array): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  for (;;) {
    const i = buf.indexOf(LF, pos);
    if (i < 0) return false;
    if (i === 0 || buf[i - 1] !== CR) return true;
    pos = i + 1;
  }
}

/**
 * Turns every bare LF into CRLF, as an MTA does when a Unix file (LF line ends) is submitted:
 * DKIM hashes the SMTP form (RFC 6376 5.3: CRLF). CRs already before an LF are kept; lone CRs stay.
 */
export function lfToCrlf(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let start = 0;
  let pos = 0;
  for (;;) {
    const i = bytes.indexOf(LF, pos);
    if (i < 0) break;
    if (i === 0 || bytes[i - 1] !== CR) {
      parts.push(bytes.subarray(start, i), CRLF_BYTES);
      start = i + 1;
    }
    pos = i + 1;
  }
  if (parts.length === 0) return bytes;
  parts.push(bytes.subarray(start));
  return Buffer.concat(parts);
}

const CRLF_BYTES = Buffer.from('\r\n');
