import { parseMacroString } from './macro-syntax.ts';
import { MAX_RECORD_LENGTH } from './limits.ts';
import type {
  SpfMechanism,
  SpfMechanismName,
  SpfModifier,
  SpfQualifier,
  SpfRecord,
  SpfSyntaxError,
  SpfTerm,
} from './types.ts';
import { isIp4Network, isIp6Network } from './ip.ts';

export type SpfParse = { ok: true; record: SpfRecord } | { ok: false; error: SpfSyntaxError };

const VERSION = /^v=spf1( |$)/i;
const MODIFIER = /^([a-zA-Z][a-zA-Z0-9\-_.]*)=(.*)$/s;
const DIRECTIVE = /^([+\-~?]?)([a-zA-Z0-9]+)(.*)$/s;
/** RFC 7208 12: toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum ). */
const TOPLABEL = /^([a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])$/i;
const MECHANISMS = new Set<string>(['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists']);

/** True when a record's text selects it as SPF version 1 (RFC 7208 4.5). */
export function isSpfRecordText(text: string): boolean {
  return VERSION.test(text);
}

/**
 * Parses a `v=spf1` record (RFC 7208 4.5, 4.6, 12). Any syntax error anywhere makes the whole
 * record a permerror (RFC 7208 4.6), so the first error is returned with its position.
 * @example parseSpfRecord('v=spf1 mx -all') // { ok: true, record: { mechanisms: [...] } }
 */
export function parseSpfRecord(text: string): SpfParse {
  const fail = (message: string, position: number, token: string): SpfParse => ({
    ok: false,
    error: { message, position, token },
  });
  if (text.length > MAX_RECORD_LENGTH) {
    return fail(
      `the record is ${text.length} characters long; mxray stops at ${MAX_RECORD_LENGTH}`,
      0,
      '',
    );
  }
  if (!VERSION.test(text))
    return fail('the record does not start with "v=spf1"', 0, text.slice(0, 6));
  const terms: SpfTerm[] = [];
  const record: SpfRecord = { text, mechanisms: [], modifiers: [], terms };
  // RFC 7208 12: terms are separated by one or more spaces (SP only, not tabs).
  const re = / +([^ ]+)/g;
  re.lastIndex = 6;
  let m: RegExpExecArray | null;
  let consumed = 6;
  while ((m = re.exec(text)) !== null) {
    if (m.index !== consumed) break;
    const token = m[1] as string;
    const position = m.index + m[0].length - token.length;
    consumed = m.index + m[0].length;
    const term = parseTerm(token, position);
    if ('message' in term) return { ok: false, error: term };
    terms.push(term);
    if (term.kind === 'mechanism') record.mechanisms.push(term);
    else {
      record.modifiers.push(term);
      if (term.name === 'redirect' || term.name === 'exp') {
        // RFC 7208 6: redirect and exp each appear at most once.
        if (record[term.name]) return fail(`"${term.name}=" appears twice`, position, token);
        record[term.name] = term;
      }
    }
  }
  if (!/^ *$/.test(text.slice(consumed))) {
    return fail('unexpected characters', consumed, text.slice(consumed, consumed + 20));
  }
  return { ok: true, record };
}

function parseTerm(token: string, position: number): SpfTerm | SpfSyntaxError {
  const err = (message: string): SpfSyntaxError => ({ message, position, token });
  const mod = MODIFIER.exec(token);
  if (mod) {
    const name = (mod[1] as string).toLowerCase();
    const value = mod[2] as string;
    const modifier: SpfModifier = { kind: 'modifier', text: token, position, name, value };
    if (name === 'redirect' || name === 'exp') {
      const problem = checkDomainSpec(value);
      return problem ? err(`${name}=: ${problem}`) : modifier;
    }
    // RFC 7208 6: unknown modifiers are ignored, but their value must still be a macro-string.
    const macro = parseMacroString(value);
    return macro.ok ? modifier : err(`modifier "${name}": ${macro.message}`);
  }
  const dir = DIRECTIVE.exec(token);
  if (!dir) return err(`"${token}" is not a mechanism or modifier`);
  const qualifier = (dir[1] || '+') as SpfQualifier;
  const name = (dir[2] as string).toLowerCase();
  const rest = dir[3] as string;
  if (!MECHANISMS.has(name)) return err(`unknown mechanism "${dir[2]}"`);
  const mech: SpfMechanism = {
    kind: 'mechanism',
    text: token,
    position,
    qualifier,
    name: name as SpfMechanismName,
  };
  switch (mech.name) {
    case 'all':
      return rest === '' ? mech : err('"all" takes no argument');
    case 'include':
    case 'exists':
    case 'ptr': {
      if (rest === '') return mech.name === 'ptr' ? mech : err(`"${name}" needs ":domain"`);
      if (!rest.startsWith(':')) return err(`"${name}" takes ":domain" and no CIDR length`);
      const problem = checkDomainSpec(rest.slice(1));
      if (problem) return err(problem);
      mech.domainSpec = rest.slice(1);
      return mech;
    }
    case 'a':
    case 'mx': {
      // RFC 7208 5.3/5.4: [":" domain-spec] [dual-cidr-length]; the CIDR part is at the end.
      const cidr = /((?:\/\d+)?)((?:\/\/\d+)?)$/.exec(rest);
      const c4 = cidr?.[1] ?? '';
      const c6 = cidr?.[2] ?? '';
      const spec = rest.slice(0, rest.length - c4.length - c6.length);
      if (spec !== '') {
        if (!spec.startsWith(':')) return err(`"${name}" is followed by "${spec}"`);
        const problem = checkDomainSpec(spec.slice(1));
        if (problem) return err(problem);
        mech.domainSpec = spec.slice(1);
      }
      if (c4 !== '') {
        const n = cidrValue(c4.slice(1), 32);
        if (n === null) return err(`"${c4}" is not an IPv4 CIDR length (0 to 32)`);
        mech.cidr4 = n;
      }
      if (c6 !== '') {
        const n = cidrValue(c6.slice(2), 128);
        if (n === null) return err(`"${c6}" is not an IPv6 CIDR length (0 to 128)`);
        mech.cidr6 = n;
      }
      return mech;
    }
    case 'ip4':
    case 'ip6': {
      const ip = /^:([^/]*)(?:\/(\d+))?$/.exec(rest);
      const max = mech.name === 'ip4' ? 32 : 128;
      if (!ip) return err(`"${name}" needs ":address" or ":address/length"`);
      const network = ip[1] as string;
      const valid = mech.name === 'ip4' ? isIp4Network(network) : isIp6Network(network);
      if (!valid)
        return err(`"${network}" is not an ${mech.name === 'ip4' ? 'IPv4' : 'IPv6'} address`);
      mech.network = network;
      if (ip[2] !== undefined) {
        const n = cidrValue(ip[2], max);
        if (n === null) return err(`"/${ip[2]}" is not a CIDR length (0 to ${max})`);
        if (mech.name === 'ip4') mech.cidr4 = n;
        else mech.cidr6 = n;
      }
      return mech;
    }
  }
}

/** RFC 7208 5.6: a CIDR length has no leading zeros and is at most 32 or 128. */
function cidrValue(text: string, max: number): number | null {
  if (!/^(0|[1-9]\d{0,2})$/.test(text)) return null;
  const n = Number(text);
  return n <= max ? n : null;
}

/**
 * Checks a domain-spec (RFC 7208 7.1): a valid macro-string ending in a macro or in "." toplabel
 * with an optional trailing dot. Returns the problem in plain words, or null.
 */
export function checkDomainSpec(spec: string): string | null {
  if (spec === '') return 'the domain is empty';
  const macro = parseMacroString(spec);
  if (!macro.ok) return macro.message;
  const last = macro.tokens[macro.tokens.length - 1];
  if (last?.kind === 'macro' && spec.endsWith('}')) return null;
  const trimmed = spec.endsWith('.') ? spec.slice(0, -1) : spec;
  const dot = trimmed.lastIndexOf('.');
  const top = trimmed.slice(dot + 1);
  if (dot < 0 || !TOPLABEL.test(top)) {
    return `"${spec}" does not end in a valid top-level label or a macro (RFC 7208 7.1)`;
  }
  return null;
}
