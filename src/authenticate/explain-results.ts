import { parseAuthenticationResults, type AuthResResult } from '../authres/index.ts';
import { plainAddress } from '../mail/received.ts';
import type { PastedField } from './explain-input.ts';
import {
  classifyResult,
  compauthReason,
  dmarcActionMeaning,
  OUTCOME_MEANING,
  type Outcome,
} from './explain-taxonomy.ts';

/** Where a method gives an outcome a sharper meaning than {@link OUTCOME_MEANING}. */
const METHOD_MEANING: Readonly<Record<string, string>> = {
  'spf:fail': "the client IP is not in the domain's SPF record, which ends in -all",
  'spf:softfail': "the client IP is not in the domain's SPF record, which ends in ~all",
  'spf:neutral': "the domain's SPF record ends in ?all: it says nothing about this IP",
  'dkim:fail': 'the signature did not verify',
  'dmarc:fail': 'no SPF or DKIM pass with a domain aligned to the From domain',
  'arc:fail': 'the ARC chain is broken: a seal or message signature did not verify',
  'compauth:fail':
    "Microsoft's composite authentication (its own verdict over SPF, DKIM, DMARC and reputation) failed",
};

/** What a live diagnosis should look at for one result. */
export type DiagnosisTarget =
  | { kind: 'dkim-selector'; domain: string; selector: string }
  | { kind: 'domain'; domain: string; why: string };

/** One method result of a pasted header, explained. */
export interface ExplainedResult {
  method: string;
  /** The receiver's own words: `dkim=temperror (no key for signature)`. */
  receiverWords: string;
  result: string;
  /** The same result in mxray's taxonomy. */
  outcome: Outcome;
  meaning: string;
  /** What the result is about (domains, selector, client IP), as the header names them. */
  subject: { domain?: string; selector?: string; ip?: string; identity?: string };
  /** Receiver-specific details: Microsoft's action and compauth codes, ARC's first-hop view. */
  notes: string[];
  diagnose: DiagnosisTarget | null;
}

/** One pasted field, explained. */
export interface ExplainedHeader {
  field: string;
  line: number;
  authservId: string;
  /** Who wrote it, guessed from the authserv-id and format (`Gmail`, `Microsoft 365`...). */
  receiver: string;
  instance?: number;
  results: ExplainedResult[];
  /** Text the parser could not read. */
  unparsed?: string;
}

/**
 * Explains each result of pasted Authentication-Results fields: the receiver's words, the outcome
 * in one taxonomy, what it is about, and where a DNS diagnosis should look (the selector when a
 * DKIM result names domain and selector; the domain otherwise). Pure: the diagnosis is the caller's.
 * @example explainAuthResults(extractPastedFields('Authentication-Results: mx.google.com; dkim=temperror (no key for signature) header.i=@example.com header.s=selector1'))
 */
export function explainAuthResults(fields: readonly PastedField[]): ExplainedHeader[] {
  return fields.map((field) => {
    const parsed = parseAuthenticationResults(field.value);
    const header: ExplainedHeader = {
      field: field.name,
      line: field.line,
      authservId: parsed.authservId,
      receiver: receiverName(parsed.authservId, parsed.results),
      results: parsed.results.map(explainResult),
    };
    if (parsed.instance !== undefined) header.instance = parsed.instance;
    if (parsed.unparsed) header.unparsed = parsed.unparsed;
    return header;
  });
}

function receiverName(authservId: string, results: AuthResResult[]): string {
  const id = authservId.toLowerCase();
  if (id === 'mx.google.com' || id.endsWith('.google.com')) return 'Gmail';
  if (
    (id === '' && results.some((r) => r.method === 'compauth')) ||
    /(outlook\.com|office365\.com|onmicrosoft\.com|hotmail\.com)$/.test(id)
  )
    return 'Microsoft 365';
  if (id.includes('yahoo')) return 'Yahoo';
  if (id.endsWith('messagingengine.com')) return 'Fastmail';
  if (id.includes('protonmail')) return 'Proton';
  return id === '' ? 'unknown receiver (no authserv-id)' : id;
}

function explainResult(r: AuthResResult): ExplainedResult {
  const text = [r.comment, r.reason].filter(Boolean).join('; ');
  const outcome = classifyResult(r.method, r.result, text);
  const get = (ptype: string, property: string) =>
    r.properties.find((p) => p.ptype === ptype && p.property === property)?.value;
  const subject: ExplainedResult['subject'] = {};
  const notes: string[] = [];
  let diagnose: DiagnosisTarget | null = null;
  switch (r.method) {
    case 'dkim': {
      const identity = get('header', 'i');
      const domain = get('header', 'd') ?? domainOf(identity);
      const selector = get('header', 's');
      if (domain) subject.domain = domain;
      if (selector) subject.selector = selector;
      if (identity) subject.identity = identity;
      if (outcome === 'body-changed') {
        notes.push(
          'not a DNS problem: something on the way (a mailing list footer, a security gateway, a re-encoding) changed the body after signing',
        );
      } else if (outcome !== 'pass' && domain) {
        diagnose = selector
          ? { kind: 'dkim-selector', domain, selector }
          : {
              kind: 'domain',
              domain,
              why: 'the receiver named no selector (Microsoft writes only header.d); mxray check probes the common selectors',
            };
      }
      break;
    }
    case 'spf': {
      const mailFrom = get('smtp', 'mailfrom');
      const helo = get('smtp', 'helo');
      const domain = domainOf(mailFrom) ?? helo;
      if (domain) subject.domain = domain;
      if (mailFrom ?? helo) subject.identity = (mailFrom ?? helo) as string;
      const ip =
        get('smtp', 'remote-ip') ??
        (r.comment ?? '').split(/[\s;,()]+/).find((w) => plainAddress(w) !== null);
      if (ip) subject.ip = ip;
      if (/best guess record/i.test(text)) {
        notes.push('Gmail writes "best guess record" when the domain has no SPF record of its own');
      }
      if (outcome !== 'pass' && domain) {
        diagnose = { kind: 'domain', domain, why: `check the SPF record of ${domain}` };
      }
      break;
    }
    case 'dmarc': {
      const from = get('header', 'from');
      if (from) subject.domain = from;
      const action = get('', 'action');
      const meaning = action ? dmarcActionMeaning(action) : null;
      if (action) notes.push(`action=${action}: ${meaning ?? 'a receiver-specific action'}`);
      const dis = /dis=([a-z]+)/i.exec(r.comment ?? '');
      if (dis) notes.push(`disposition applied: ${(dis[1] as string).toLowerCase()}`);
      if (r.result === 'bestguesspass') {
        notes.push(
          'bestguesspass: the domain has no DMARC record, but the message would have passed',
        );
      }
      if (outcome !== 'pass' && from) {
        diagnose = { kind: 'domain', domain: from, why: `check the DMARC record of ${from}` };
      }
      break;
    }
    case 'arc': {
      const hop = /i=(\d+)\s+(.*)/.exec(r.comment ?? '');
      if (hop) notes.push(`ARC hop i=${hop[1]} saw: ${hop[2]}`);
      break;
    }
    case 'compauth': {
      const code = r.reason ?? '';
      const meaning = compauthReason(code);
      notes.push(
        `Microsoft composite authentication, reason ${code || '(none)'}: ${meaning ?? 'an undocumented code'}`,
      );
      break;
    }
    default:
      break;
  }
  return {
    method: r.method,
    receiverWords: `${r.method}=${r.result}${r.comment ? ` (${r.comment})` : ''}${r.reason ? ` reason=${/^[\w.-]+$/.test(r.reason) ? r.reason : `"${r.reason}"`}` : ''}`,
    result: r.result,
    outcome,
    meaning: METHOD_MEANING[`${r.method}:${outcome}`] ?? OUTCOME_MEANING[outcome],
    subject,
    notes,
    diagnose,
  };
}

/** The domain of an address or `@domain` identity; a bare domain stays as it is. */
function domainOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const d = value
    .slice(value.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase();
  return d === '' ? undefined : d;
}
