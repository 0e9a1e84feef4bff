/** A BIMI assertion record (`default._bimi.<domain>` TXT, draft-brand-indicators-for-message-identification 4.2). */
export interface BimiRecord {
  /** The logo (SVG Tiny PS) URL from l=, or null when l= is empty. */
  logo: string | null;
  /** The evidence document (VMC or CMC, PEM) URL from a=, or null when absent, empty or "self". */
  evidence: string | null;
  /** True when l= and a= are both empty: the domain declines to show a logo. */
  declined: boolean;
  /** Tags mxray does not know, kept for display (the draft says receivers ignore them). */
  extensions: Record<string, string>;
}

/** The outcome of parsing, as a value: errors make receivers ignore the record. */
export type BimiParse =
  | { ok: true; record: BimiRecord; warnings: string[] }
  | { ok: false; errors: string[]; warnings: string[] };

/** Tag values we read at most (a TXT record is small; this bounds work on a hostile one). */
const MAX_TAGS = 32;

/** True for a TXT string that claims to be a BIMI record (it begins with v=BIMI1). */
export function isBimiRecord(text: string): boolean {
  return /^v=BIMI1(?:[\s;]|$)/i.test(text);
}

/**
 * Parses a BIMI assertion record: a tag list (as in DKIM) starting with `v=BIMI1`, with `l=` (logo
 * URL) and `a=` (evidence URL), both HTTPS. Only the record is checked: fetching and validating
 * the SVG or the certificate is out of scope.
 * @example parseBimiRecord('v=BIMI1; l=https://example.com/logo.svg; a=https://example.com/vmc.pem')
 */
export function parseBimiRecord(text: string): BimiParse {
  const errors: string[] = [];
  const warnings: string[] = [];
  const tags = new Map<string, string>();
  const parts = text.split(';').map((p) => p.trim());
  if (parts[parts.length - 1] === '') parts.pop(); // a trailing ";" is allowed
  if (parts.length > MAX_TAGS)
    return { ok: false, errors: [`more than ${MAX_TAGS} tags`], warnings };
  for (const part of parts) {
    const eq = part.indexOf('=');
    const name = eq > 0 ? part.slice(0, eq).trim().toLowerCase() : '';
    if (!/^[a-z][a-z0-9_]*$/.test(name)) {
      errors.push(`"${part}" is not a tag=value pair`);
      continue;
    }
    if (tags.has(name)) errors.push(`${name}= appears twice`);
    else tags.set(name, part.slice(eq + 1).trim());
  }
  // The draft (4.2, like RFC 6376 3.2): v= must be the first tag and be exactly BIMI1.
  if (parts[0]?.replace(/\s+/g, '') !== 'v=BIMI1')
    errors.push('the record must start with "v=BIMI1"');
  const logo = httpsUrl('l', tags.get('l'), errors);
  const aTag = tags.get('a');
  const evidence = aTag?.toLowerCase() === 'self' ? null : httpsUrl('a', aTag, errors);
  if (!tags.has('l')) errors.push('the l= tag (logo location) is missing');
  const extensions: Record<string, string> = {};
  for (const [name, value] of tags) {
    if (['v', 'l', 'a'].includes(name)) continue;
    extensions[name] = value;
    if (name !== 'avp' && name !== 's') warnings.push(`unknown tag ${name}= is ignored`);
  }
  if (errors.length > 0) return { ok: false, errors, warnings };
  return {
    ok: true,
    record: { logo, evidence, declined: logo === null && evidence === null, extensions },
    warnings,
  };
}

/** The draft requires HTTPS for l= and a=; an empty value means "none". */
function httpsUrl(tag: string, value: string | undefined, errors: string[]): string | null {
  if (value === undefined || value === '') return null;
  if (value.includes(',')) {
    errors.push(`${tag}= holds several URLs; receivers accept exactly one`);
    return null;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    errors.push(`${tag}="${value}" is not a URL`);
    return null;
  }
  if (url.protocol !== 'https:') {
    errors.push(`${tag}="${value}" is not an https: URL; receivers fetch only over HTTPS`);
    return null;
  }
  return value;
}
