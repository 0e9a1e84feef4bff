import { parseReportUris } from './parse-uri.ts';
import { clip, splitTagList } from './tag-list.ts';
import type { RawTag } from './tag-list.ts';
import type { DmarcIssue, DmarcParseResult, DmarcPolicy, DmarcRecord } from './types.ts';

const POLICIES: ReadonlySet<string> = new Set(['none', 'quarantine', 'reject']);
const FO_VALUES: ReadonlySet<string> = new Set(['0', '1', 'd', 's']);
const KNOWN_RF: ReadonlySet<string> = new Set(['afrf']);
const UINT32_MAX = 4294967295;

/**
 * True when a TXT value is a DMARC record at all: its first tag is `v=DMARC1`, the name in any case,
 * the value exactly `DMARC1` (RFC 7489 6.3; RFC 9989 4.7), WSP allowed around `=`. Other TXT
 * records at `_dmarc` are ignored during discovery (RFC 7489 6.6.3 step 2).
 */
export function isDmarcRecord(text: string): boolean {
  return /^\s*[vV]\s*=\s*DMARC1\s*(;|$)/.test(text);
}

/**
 * Parses a DMARC record (RFC 7489 6.3, RFC 9989 4.7). Unknown tags and tag values that break the
 * tag's own syntax are warnings (RFC 7489 6.3: ignored, defaults apply); a broken tag list is an
 * error. A missing or invalid `p` (or invalid `sp`/`np`) follows RFC 7489 6.6.3: with a valid
 * `rua` the record counts as `p=none`, otherwise there is no policy (`kind: 'no-policy'`).
 * @example parseDmarcRecord('v=DMARC1; p=reject; rua=mailto:d@example.com!10m')
 */
export function parseDmarcRecord(text: string): DmarcParseResult {
  if (!isDmarcRecord(text)) {
    return {
      ok: false,
      kind: 'not-dmarc',
      errors: [
        {
          tag: 'v',
          severity: 'error',
          message: `the record does not start with "v=DMARC1" (found "${clip(text.trim(), 30)}")`,
        },
      ],
    };
  }
  const list = splitTagList(text);
  if (!list.ok) return { ok: false, kind: 'syntax', errors: [list.error] };

  const warnings: DmarcIssue[] = [];
  const record: DmarcRecord = { v: 'DMARC1', p: 'none', unknown: {} };
  const seen = new Set<string>();
  const policyProblems: DmarcIssue[] = [];
  let hasP = false;

  for (const tag of list.tags.slice(1)) {
    if (seen.has(tag.name)) {
      warnings.push({
        tag: tag.name,
        severity: 'warning',
        message: `the tag "${tag.name}" appears more than once; the first value is used`,
      });
      continue;
    }
    seen.add(tag.name);
    if (tag.name === 'p' || tag.name === 'sp' || tag.name === 'np') {
      const policy = parsePolicy(tag, policyProblems);
      if (policy === undefined) continue;
      if (tag.name === 'p') {
        record.p = policy;
        hasP = true;
      } else record[tag.name] = policy;
      continue;
    }
    applyTag(record, tag, warnings);
  }

  if (!hasP && policyProblems.every((i) => i.tag !== 'p')) {
    policyProblems.unshift({ tag: 'p', severity: 'error', message: 'the record has no "p" tag' });
  }
  if (policyProblems.length > 0) {
    // RFC 7489 6.6.3 step 6 (RFC 9989 4.7 likewise): a valid rua turns the record into p=none.
    if (record.rua && record.rua.length > 0) {
      // Literally "as if ... p=none was retrieved": an invalid sp/np also voids a valid p.
      record.p = 'none';
      delete record.sp;
      delete record.np;
      for (const issue of policyProblems) {
        warnings.push({
          ...issue,
          severity: 'warning',
          message: `${issue.message}; with a valid rua the record is treated as p=none (RFC 7489 6.6.3)`,
        });
      }
    } else {
      return {
        ok: false,
        kind: 'no-policy',
        errors: policyProblems.map((i) => ({
          ...i,
          message: `${i.message}, and there is no valid rua: no DMARC policy applies (RFC 7489 6.6.3)`,
        })),
      };
    }
  }
  return { ok: true, record, warnings };
}

function parsePolicy(tag: RawTag, problems: DmarcIssue[]): DmarcPolicy | undefined {
  const value = tag.value.toLowerCase();
  if (POLICIES.has(value)) return value as DmarcPolicy;
  problems.push({
    tag: tag.name,
    severity: 'error',
    message: `"${tag.name}=${clip(tag.value, 30)}" is not none, quarantine or reject`,
  });
  return undefined;
}

/** Sets one non-policy tag on the record, or records why it was ignored. */
function applyTag(record: DmarcRecord, tag: RawTag, warnings: DmarcIssue[]): void {
  const value = tag.value;
  const lower = value.toLowerCase();
  const bad = (expected: string) =>
    warnings.push({
      tag: tag.name,
      severity: 'warning',
      message: `"${tag.name}=${clip(value, 30)}" is invalid (expected ${expected}); the default applies`,
    });
  switch (tag.name) {
    case 'adkim':
    case 'aspf':
      if (lower === 'r' || lower === 's') record[tag.name] = lower;
      else bad('"r" or "s"');
      return;
    case 'psd':
      if (lower === 'y' || lower === 'n' || lower === 'u') record.psd = lower;
      else bad('"y", "n" or "u"');
      return;
    case 't':
      if (lower === 'y' || lower === 'n') record.t = lower;
      else bad('"y" or "n"');
      return;
    case 'pct': {
      // RFC 7489 6.3: an integer from 0 to 100.
      const n = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
      if (n >= 0 && n <= 100) record.pct = n;
      else bad('an integer from 0 to 100');
      return;
    }
    case 'ri': {
      const n = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
      if (n <= UINT32_MAX) record.ri = n;
      else bad('a number of seconds');
      return;
    }
    case 'rua':
    case 'ruf': {
      const uris = parseReportUris(tag.name, value, warnings);
      if (uris.length > 0) record[tag.name] = uris;
      else if (value.trim() !== '') bad('one or more URIs');
      return;
    }
    case 'fo': {
      const parts = lower.split(':').map((s) => s.trim());
      const valid = parts.filter((p) => FO_VALUES.has(p));
      if (valid.length < parts.length) bad('a colon-separated list of 0, 1, d, s');
      if (valid.length > 0) record.fo = valid;
      return;
    }
    case 'rf': {
      const parts = lower.split(':').map((s) => s.trim());
      const unknown = parts.filter((p) => !KNOWN_RF.has(p));
      if (unknown.length > 0) bad('"afrf"');
      if (parts.length > unknown.length) record.rf = parts.filter((p) => KNOWN_RF.has(p));
      return;
    }
    case 'v':
      warnings.push({ tag: 'v', severity: 'warning', message: 'the "v" tag must only be first' });
      return;
    default:
      record.unknown[tag.name] = value;
      warnings.push({
        tag: tag.name,
        severity: 'warning',
        message: `unknown tag "${tag.name}" ignored (RFC 7489 6.3)`,
      });
  }
}
