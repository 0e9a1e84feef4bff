import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAuthenticationResults } from '../../src/authres/index.ts';
import { corporaDir } from '../helpers/corpora.ts';

const root = corporaDir();

/** Every .eml file under a folder. */
function emlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return emlFiles(full);
    return name.endsWith('.eml') ? [full] : [];
  });
}

/** The unfolded values of every (ARC-)Authentication-Results(-Original) field in a header section. */
function authResFields(message: string): string[] {
  const head = message.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n(?=[ \t])/g, '');
  return unfolded
    .split(/\r?\n/)
    .filter((line) => /^(ARC-)?Authentication-Results(-Original)?\s*:/i.test(line));
}

/**
 * Values in the corpora that hold text which is not RFC 8601 syntax, and what it is. The parser
 * keeps it in `unparsed` and still returns every result around it.
 */
const EXPECTED_UNPARSED: Record<string, string> = {
  // Microsoft 365 writing its authserv-id again between results.
  'cardinalhealth.mail.onmicrosoft.com': 'a repeated authserv-id',
};

describe.skipIf(!root)('Authentication-Results fields in the corpora messages', () => {
  it('parses every field into results, none of them lost', () => {
    const fields = emlFiles(root ?? '').flatMap((file) =>
      authResFields(readFileSync(file, 'latin1')).map((value) => ({ file, value })),
    );
    let clean = 0;
    const surprises: string[] = [];
    for (const { file, value } of fields) {
      const ar = parseAuthenticationResults(value);
      const methods = (
        value.match(/[a-z-]+=(pass|fail|none|neutral|softfail|temperror|permerror|policy)\b/gi) ??
        []
      ).length;
      if (ar.results.length === 0 && !ar.none)
        surprises.push(`${path.basename(file)}: no results in ${value}`);
      if (ar.unparsed === undefined) clean++;
      else if (!(ar.unparsed in EXPECTED_UNPARSED)) {
        surprises.push(`${path.basename(file)}: unparsed "${ar.unparsed}"`);
      }
      // Every method=result in the text is a result, or sits inside a comment (Gmail's arc= comment).
      expect(ar.results.length, value).toBeLessThanOrEqual(methods);
    }
    console.log(
      `authres corpora fields: ${fields.length} parsed, ${clean} without unparsed text, ${fields.length - clean} with documented unparsed text`,
    );
    expect(fields.length).toBeGreaterThan(10);
    expect(surprises).toEqual([]);
  });
});
