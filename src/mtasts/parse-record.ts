import type { StsIssue, StsParse, StsRecord } from './types.ts';

// RFC 8461 3.1: sts-id = 1*32(ALPHA / DIGIT); extension names and values per the same ABNF.
const ID = /^[A-Za-z0-9]{1,32}$/;
const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const EXT_VALUE = /^[\x21-\x3a\x3c\x3e-\x7e]+$/;

/** True for a TXT string that claims to be an MTA-STS record (RFC 8461 3.1: begins with v=STSv1). */
export function isStsRecord(text: string): boolean {
  return /^v=STSv1(?:[\s;]|$)/.test(text);
}

/**
 * Parses an `_mta-sts` TXT record. RFC 8461 3.1: `v=STSv1` first, then `id=` (1-32 letters and
 * digits); unknown fields are ignored; a syntactically invalid record means no policy at all.
 * @example parseStsRecord('v=STSv1; id=20160831085700Z') // { ok: true, value: { id: '20160831085700Z', ... } }
 */
export function parseStsRecord(text: string): StsParse<StsRecord> {
  const errors: StsIssue[] = [];
  const warnings: StsIssue[] = [];
  const fields = text.split(/[ \t]*;[ \t]*/);
  if (fields[fields.length - 1] === '') fields.pop(); // a trailing ";" is allowed
  if (fields[0] !== 'v=STSv1') {
    return {
      ok: false,
      errors: [{ severity: 'error', message: 'the record must start with "v=STSv1"' }],
      warnings,
    };
  }
  let id: string | undefined;
  const extensions: Record<string, string> = {};
  for (const field of fields.slice(1)) {
    const eq = field.indexOf('=');
    const name = eq > 0 ? field.slice(0, eq) : '';
    const value = eq > 0 ? field.slice(eq + 1) : '';
    if (name === 'id') {
      if (id !== undefined) errors.push({ severity: 'error', message: 'id= appears twice' });
      else if (!ID.test(value))
        errors.push({
          severity: 'error',
          message: `id="${value}" is not 1 to 32 letters and digits`,
        });
      else id = value;
    } else if (name === 'v') {
      errors.push({ severity: 'error', message: 'v= appears twice' });
    } else if (EXT_NAME.test(name) && EXT_VALUE.test(value)) {
      extensions[name] = value;
      warnings.push({ severity: 'warning', message: `unknown field ${name}= is ignored` });
    } else {
      errors.push({ severity: 'error', message: `"${field}" is not a name=value field` });
    }
  }
  if (id === undefined && !errors.some((e) => e.message.startsWith('id=')))
    errors.push({ severity: 'error', message: 'the id= field is missing' });
  if (errors.length > 0 || id === undefined) return { ok: false, errors, warnings };
  return { ok: true, value: { id, extensions }, warnings };
}
