/**
 * One vocabulary for what receivers write. Gmail, Microsoft 365, Yahoo and the open-source
 * verifiers use different result words for the same cause (a missing DKIM key is Gmail's
 * `temperror (no key for signature)`, Microsoft's `permerror` or `fail`, and other verifiers'
 * `neutral (no key)`); {@link classifyResult} maps result word plus comment to one outcome.
 */
export type Outcome =
  | 'pass'
  | 'fail'
  | 'softfail'
  | 'neutral'
  | 'none'
  | 'no-key'
  | 'key-unusable'
  | 'body-changed'
  | 'signature-invalid'
  | 'dns-error'
  | 'record-error'
  | 'policy'
  | 'unknown';

/** Plain words for each outcome (what it means, whoever wrote it). */
export const OUTCOME_MEANING: Readonly<Record<Outcome, string>> = {
  pass: 'verified',
  fail: 'checked and not authorised',
  softfail: 'probably not authorised (the domain asks for ~all: accept but mark)',
  neutral: 'the domain makes no assertion',
  none: 'nothing to check (no record, or no signature)',
  'no-key': 'no DKIM key in the DNS for the signature (NXDOMAIN, no TXT, or a dangling CNAME)',
  'key-unusable': 'a key record exists but cannot be used (syntax, revoked, too short, wrong type)',
  'body-changed': 'the body changed after signing (a footer, a rewrite, a re-encoding)',
  'signature-invalid': 'the signature does not match the signed header fields or the published key',
  'dns-error': 'a DNS lookup failed temporarily (timeout, SERVFAIL): retrying may succeed',
  'record-error': 'a published record is broken (syntax, too many lookups): only a DNS fix helps',
  policy: 'the receiver refused it by local policy (e.g. a SHA-1 signature, a key too weak)',
  unknown: 'a result word mxray does not know',
};

interface Rule {
  methods: readonly string[];
  pattern: RegExp;
  outcome: Outcome;
}

/** Comment and reason phrases that say more than the result word; the first match wins. */
const PHRASES: readonly Rule[] = [
  {
    methods: ['dkim', 'arc'],
    pattern:
      /no (public )?key|key not found|key (is )?missing|nxdomain|no key for signature|unable to find key/,
    outcome: 'no-key',
  },
  {
    methods: ['dkim', 'arc'],
    pattern: /body hash|bad body|body.*(mismatch|changed)/,
    outcome: 'body-changed',
  },
  {
    methods: ['dkim', 'arc'],
    pattern:
      /key.*(syntax|invalid|revoked|too (short|small)|weak)|bad key|inappropriate key|key.*mismatch/,
    outcome: 'key-unusable',
  },
  {
    methods: ['dkim', 'arc'],
    pattern:
      /signature (did not|does not|failed to) verify|bad signature|signature (verification )?fail|signature mismatch|invalid signature/,
    outcome: 'signature-invalid',
  },
  { methods: ['dkim', 'arc'], pattern: /not signed|no signature/, outcome: 'none' },
  { methods: ['spf'], pattern: /best guess record/, outcome: 'none' },
  {
    methods: ['spf'],
    pattern: /does not designate permitted sender hosts|no spf record/,
    outcome: 'none',
  },
  {
    methods: ['spf', 'dkim', 'dmarc', 'arc'],
    pattern: /too many (dns )?lookups|syntax|permanent error/,
    outcome: 'record-error',
  },
  {
    methods: ['spf', 'dkim', 'dmarc', 'arc'],
    pattern:
      /timeout|timed out|temporar|servfail|dns (error|failure)|error in processing during lookup/,
    outcome: 'dns-error',
  },
];

/** What one result word means when no phrase says more. */
function byWord(result: string): Outcome {
  switch (result) {
    case 'pass':
      return 'pass';
    case 'fail':
    case 'hardfail':
      return 'fail';
    case 'softfail':
      return 'softfail';
    case 'neutral':
      return 'neutral';
    case 'none':
    case 'bestguesspass':
      return 'none';
    case 'temperror':
      return 'dns-error';
    case 'permerror':
      return 'record-error';
    case 'policy':
      return 'policy';
    default:
      return 'unknown';
  }
}

/**
 * The outcome of one Authentication-Results entry: a known phrase in its comment or reason
 * first (receivers put the cause there), else its result word. A `pass` is always `pass`.
 * @example classifyResult('dkim', 'temperror', 'no key for signature') // 'no-key'
 */
export function classifyResult(method: string, result: string, text = ''): Outcome {
  const word = result.toLowerCase();
  if (word === 'pass') return 'pass';
  const lower = text.toLowerCase();
  const m = method.toLowerCase();
  for (const rule of PHRASES) {
    if (rule.methods.includes(m) && rule.pattern.test(lower)) return rule.outcome;
  }
  // RFC 8601 2.7.1: "temperror" is a lookup that failed, "permerror" one that cannot succeed.
  return byWord(word);
}

/** Microsoft 365's `compauth` reason codes (its composite-authentication verdict). */
export function compauthReason(code: string): string | null {
  const c = code.trim();
  if (c === '000')
    return 'explicit failure: DMARC failed and the domain asks for quarantine or reject';
  if (c === '001') return 'implicit failure: weak or missing SPF/DKIM/DMARC for the From domain';
  if (c === '002') return 'the organisation forbids this sender/domain pair from spoofing';
  if (c === '010') return "DMARC failed for one of the organisation's own accepted domains";
  if (/^[17]\d\d$/.test(c)) return 'passed composite authentication';
  if (/^2\d\d$/.test(c)) return 'soft-passed implicit authentication';
  if (/^3\d\d$/.test(c)) return 'not checked for composite authentication';
  if (/^[49]\d\d$/.test(c))
    return 'composite authentication bypassed (an allow rule or a trusted path)';
  if (/^6\d\d$/.test(c))
    return "implicit failure for one of the organisation's own accepted domains";
  return null;
}

/** Microsoft 365's DMARC `action=` values. */
export function dmarcActionMeaning(action: string): string | null {
  switch (action.toLowerCase()) {
    case 'none':
      return 'no action';
    case 'quarantine':
      return 'quarantined (the domain asks for p=quarantine)';
    case 'reject':
      return 'rejected (the domain asks for p=reject)';
    case 'oreject':
      return 'the domain asks for p=reject, but the receiving organisation overrode it and sent the message to Junk';
    case 'pct.quarantine':
    case 'pct.reject':
      return "the domain's pct= sampled this failing message out of its policy";
    case 'sp.quarantine':
    case 'sp.reject':
      return 'the subdomain policy (sp=) applied';
    default:
      return null;
  }
}
