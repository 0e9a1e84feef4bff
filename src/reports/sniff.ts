/** What a blob of bytes is, judged by its content (file names and MIME labels lie: mimecast). */
export type ContentKind = 'gzip' | 'zip' | 'xml' | 'json' | 'mail' | 'empty' | 'unknown';

/**
 * Sniffs the content: gzip (RFC 1952 magic 1f 8b), zip (`PK\3\4`, or `PK\5\6` for an empty
 * archive), XML or JSON by the first non-blank character (after a BOM), a mail message by a
 * header line or an mbox `From ` line.
 */
export function sniff(bytes: Uint8Array): ContentKind {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b) {
    if ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6)) return 'zip';
  }
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).replace(/^\uFEFF|^ï»¿/, '');
  const trimmed = head.trimStart();
  if (trimmed === '') return bytes.length > 512 ? 'unknown' : 'empty';
  if (trimmed.startsWith('<')) return 'xml';
  if (trimmed.startsWith('{')) return 'json';
  if (/^(From [^\r\n]*\r?\n)?[!-9;-~]+:/.test(head)) return 'mail';
  return 'unknown';
}
