import { MAX_RECORD_CHARS, MAX_TAGS } from './limits.ts';
import type { DmarcIssue } from './types.ts';

/** One `tag=value` pair as written, the name lower-cased. */
export interface RawTag {
  name: string;
  value: string;
}

export type TagListResult = { ok: true; tags: RawTag[] } | { ok: false; error: DmarcIssue };

/**
 * Tag names (RFC 6376 3.2 tag-name, which RFC 7489 6.4 follows): a letter, then letters, digits,
 * "_". A "-" is accepted too: `x-vendor=1` is plainly a tag=value pair, so it is an unknown tag
 * (warning), not junk.
 */
const TAG_NAME = /^[a-z][a-z0-9_-]*$/i;

/**
 * Splits a record into tags (RFC 7489 6.4, RFC 9989 4.7): `tag *WSP "=" *WSP value` separated by
 * `*WSP ";" *WSP`; empty parts (a trailing or doubled `;`) are allowed. A part without `=` or with
 * an invalid name is junk and fails the whole list: a receiver cannot know what was meant.
 */
export function splitTagList(text: string): TagListResult {
  if (text.length > MAX_RECORD_CHARS) {
    return {
      ok: false,
      error: {
        severity: 'error',
        message: `the record is ${text.length} characters long; mxray refuses records over ${MAX_RECORD_CHARS}`,
      },
    };
  }
  const tags: RawTag[] = [];
  for (const part of text.split(';')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const eq = trimmed.indexOf('=');
    if (eq < 0) {
      return {
        ok: false,
        error: { severity: 'error', message: `"${clip(trimmed)}" is not a tag=value pair` },
      };
    }
    const name = trimmed.slice(0, eq).trim();
    if (!TAG_NAME.test(name)) {
      return {
        ok: false,
        error: {
          severity: 'error',
          message:
            name === ''
              ? `"${clip(trimmed)}" has no tag name before "="`
              : `"${clip(name)}" is not a valid tag name (letters, digits, "_" and "-", starting with a letter)`,
        },
      };
    }
    tags.push({ name: name.toLowerCase(), value: trimmed.slice(eq + 1).trim() });
    if (tags.length > MAX_TAGS) {
      return {
        ok: false,
        error: { severity: 'error', message: `the record has more than ${MAX_TAGS} tags` },
      };
    }
  }
  return { ok: true, tags };
}

/** Shortens text quoted in a message so one bad record cannot flood a report. */
export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
