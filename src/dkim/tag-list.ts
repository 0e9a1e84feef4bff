/** One tag of a tag list with where its value sits in the parsed text. */
export interface Tag {
  name: string;
  /** The value with surrounding whitespace removed (inner folding kept). */
  value: string;
  /** Offsets in the parsed text of the raw value (between `=` and `;` or the end, whitespace included). */
  start: number;
  end: number;
}

export type TagListResult = { ok: true; tags: Map<string, Tag> } | { ok: false; reason: string };

const TAG_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * Parses an RFC 6376 3.2 tag list (`a=b; c=d;`). Tag names are case-sensitive; a duplicate tag
 * makes the whole list invalid (3.2: "Tags with duplicate names MUST NOT occur"). Empty specs
 * (`;;`, trailing `;`) are tolerated.
 */
export function parseTagList(text: string): TagListResult {
  const tags = new Map<string, Tag>();
  let pos = 0;
  while (pos <= text.length) {
    let semi = text.indexOf(';', pos);
    if (semi < 0) semi = text.length;
    const spec = text.slice(pos, semi);
    if (spec.trim() !== '') {
      const eq = spec.indexOf('=');
      if (eq < 0) return { ok: false, reason: `"${clip(spec)}" is not a tag=value pair` };
      const name = spec.slice(0, eq).trim();
      if (!TAG_NAME.test(name))
        return { ok: false, reason: `"${clip(name)}" is not a valid tag name` };
      if (tags.has(name)) return { ok: false, reason: `the tag ${name}= appears twice` };
      tags.set(name, { name, value: spec.slice(eq + 1).trim(), start: pos + eq + 1, end: semi });
    }
    pos = semi + 1;
  }
  return { ok: true, tags };
}

function clip(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}

/** Removes all folding whitespace (for base64 values: RFC 6376 3.5 allows FWS inside `b=`). */
export function stripWhitespace(value: string): string {
  return value.replace(/[ \t\r\n]+/g, '');
}

/** Strict base64 check after whitespace removal (RFC 6376 2.10 base64string). */
export function isBase64(value: string): boolean {
  return /^[A-Za-z0-9+/]*={0,2}$/.test(value) && value.length % 4 === 0;
}
