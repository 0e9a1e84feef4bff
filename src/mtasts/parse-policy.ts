import { MAX_AGE_LIMIT, MAX_AGE_SHORT, POLICY_MAX_LINES } from './limits.ts';
import type { StsIssue, StsMode, StsParse, StsPolicy } from './types.ts';

// RFC 8461 3.2: sts-policy-mx-value = ["*."] Domain (RFC 5321 Domain: LDH labels).
const MX_PATTERN =
  /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
// RFC 8461 3.2: field names are sts-policy-ext-name = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".").
const FIELD_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const MODES: readonly StsMode[] = ['enforce', 'testing', 'none'];

/**
 * Parses an MTA-STS policy file (RFC 8461 3.2): `key: value` lines ended by LF or CRLF. Unknown
 * fields are ignored; of a repeated field other than `mx` the first wins (both noted as warnings).
 * @example parseStsPolicy('version: STSv1\nmode: enforce\nmx: *.example.com\nmax_age: 604800\n')
 */
export function parseStsPolicy(text: string): StsParse<StsPolicy> {
  const errors: StsIssue[] = [];
  const warnings: StsIssue[] = [];
  const fields = new Map<string, string>();
  const mx: string[] = [];
  const lines = text.split(/\r?\n/);
  if (lines.length > POLICY_MAX_LINES)
    errors.push({ severity: 'error', message: `more than ${POLICY_MAX_LINES} lines` });
  lines.slice(0, POLICY_MAX_LINES).forEach((raw, index) => {
    const line = raw.replace(/[ \t]+$/, '');
    if (line === '') return;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    const value = colon > 0 ? line.slice(colon + 1).replace(/^[ \t]+/, '') : '';
    if (!FIELD_NAME.test(name) || hasControlCharacter(value)) {
      errors.push({
        severity: 'error',
        message: `line ${index + 1} is not "key: value": ${JSON.stringify(line.slice(0, 80))}`,
      });
      return;
    }
    if (name === 'mx') {
      mx.push(value.toLowerCase());
    } else if (fields.has(name)) {
      warnings.push({
        severity: 'warning',
        message: `${name} appears twice; senders use the first value (${fields.get(name)})`,
      });
    } else {
      fields.set(name, value);
      if (!['version', 'mode', 'max_age'].includes(name))
        warnings.push({ severity: 'warning', message: `unknown field "${name}" is ignored` });
    }
  });

  const version = fields.get('version');
  if (version === undefined)
    errors.push({ severity: 'error', message: 'the version field is missing' });
  else if (version !== 'STSv1')
    errors.push({ severity: 'error', message: `version is "${version}", not "STSv1"` });
  else if (!/^version[ \t]*:/.test(text))
    warnings.push({
      severity: 'warning',
      message: 'version is not the first line, as many senders expect',
    });

  const modeText = fields.get('mode');
  const mode = MODES.find((m) => m === modeText);
  if (modeText === undefined)
    errors.push({ severity: 'error', message: 'the mode field is missing' });
  else if (!mode)
    errors.push({
      severity: 'error',
      message: `mode is "${modeText}", not enforce, testing or none`,
    });

  const maxAge = parseMaxAge(fields.get('max_age'), errors, warnings);

  for (const pattern of mx) {
    if (!MX_PATTERN.test(pattern))
      errors.push({
        severity: 'error',
        message: `mx "${pattern}" is not a host name or "*." followed by one`,
      });
  }
  // RFC 8461 3.2: mx is required; only a "none" policy (a domain leaving MTA-STS) works without it.
  if (mx.length === 0 && mode !== 'none')
    errors.push({ severity: 'error', message: 'there is no mx field: no MX host is allowed' });

  if (errors.length > 0 || !mode || maxAge === undefined) return { ok: false, errors, warnings };
  return { ok: true, value: { version: 'STSv1', mode, mx, maxAge }, warnings };
}

/** RFC 8461 3.2: max_age = 1*10DIGIT seconds, at most 31557600. */
function parseMaxAge(
  text: string | undefined,
  errors: StsIssue[],
  warnings: StsIssue[],
): number | undefined {
  if (text === undefined) {
    errors.push({ severity: 'error', message: 'the max_age field is missing' });
    return undefined;
  }
  if (!/^\d{1,10}$/.test(text)) {
    errors.push({ severity: 'error', message: `max_age "${text}" is not a number of seconds` });
    return undefined;
  }
  const value = Number(text);
  if (value > MAX_AGE_LIMIT) {
    errors.push({
      severity: 'error',
      message: `max_age ${value} is above the limit of ${MAX_AGE_LIMIT} seconds (one year)`,
    });
    return undefined;
  }
  if (value < MAX_AGE_SHORT)
    warnings.push({
      severity: 'warning',
      message: `max_age ${value} is under a day: RFC 8461 3.2 expects weeks or more, so an attacker who blocks the refresh soon wins`,
    });
  return value;
}

/** RFC 8461 3.2: values are printable (sts-policy-vchar); a stray CR or NUL means a broken file. */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
