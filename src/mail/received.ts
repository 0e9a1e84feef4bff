/**
 * Received trace fields (RFC 5321 4.4, RFC 5322 3.6.7) as the MTAs in the wild write them:
 * Postfix `from helo (rdns [ip])`, Exim `from rdns ([ip] helo=name)`, Gmail `from helo (rdns. [ip])`,
 * Microsoft 365 `from helo (ip) by host (ip) with Microsoft SMTP Server`, and the clause-less
 * internal hops (`by 2002:a4a:: with SMTP id ...`). Purely syntactic: no DNS, no trust decisions.
 */

/** One Received field, split into its clauses. Absent clauses are null. */
export interface ReceivedTrace {
  /** The `from` name as written: the EHLO/HELO argument, or an address literal. */
  from: string | null;
  /** The comment after the `from` name (RFC 5321 TCP-info), without parentheses. */
  fromComment: string | null;
  /** The client address: from the TCP-info comment, or the `from` literal itself. */
  fromIp: string | null;
  /** The EHLO/HELO name: Exim's `helo=` in the comment, else the `from` name when it is a domain. */
  helo: string | null;
  /** The reverse-DNS name of the client in the TCP-info comment, when written. */
  reverseName: string | null;
  /** The `by` host (the MTA that added this field). */
  by: string | null;
  byComment: string | null;
  via: string | null;
  /** The protocol (`SMTP`, `ESMTPS`, `HTTPS`, `LMTP`, `Microsoft SMTP Server`...). */
  with: string | null;
  id: string | null;
  for: string | null;
  /** The `envelope-from` a comment names (Exim, sendmail), without angle brackets. */
  envelopeFrom: string | null;
  /** The date-time after the last ";", as written. */
  date: string | null;
}

/** Threat: a crafted multi-megabyte Received field scanned again for every clause. */
const MAX_RECEIVED_CHARS = 8192;

const CLAUSES = ['from', 'by', 'via', 'with', 'id', 'for'] as const;
type Clause = (typeof CLAUSES)[number];

/**
 * Splits an unfolded Received value into its clauses. Never throws; unknown words are ignored.
 * @example parseReceived('from mx.example.com (mx.example.com [192.0.2.1]) by mx.example.net with ESMTPS id 4B2; Mon, 1 Jan 2024 10:00:00 +0000').fromIp // '192.0.2.1'
 */
export function parseReceived(value: string): ReceivedTrace {
  let text = value.replace(/\r?\n[ \t]/g, ' ').slice(0, MAX_RECEIVED_CHARS);
  let date: string | null = null;
  const semi = lastTopLevelSemicolon(text);
  if (semi >= 0) {
    date = text.slice(semi + 1).trim() || null;
    text = text.slice(0, semi);
  }
  const tokens = tokenize(text);
  const values: Partial<Record<Clause, { value: string; comments: string[] }>> = {};
  const allComments: string[] = [];
  let current: { value: string; comments: string[] } | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.comment) {
      allComments.push(t.text);
      current?.comments.push(t.text);
      continue;
    }
    const clause = t.text.toLowerCase() as Clause;
    const next = tokens[i + 1];
    if ((CLAUSES as readonly string[]).includes(clause) && next && !next.comment) {
      const words = [next.text];
      i++;
      // "with Microsoft SMTP Server": the protocol may be several words, up to the next clause.
      while (clause === 'with' && isWord(tokens[i + 1])) {
        words.push((tokens[i + 1] as Token).text);
        i++;
      }
      current = { value: words.join(' '), comments: [] };
      values[clause] ??= current;
    } else current = null;
  }
  const from = values.from ?? null;
  const fromComment = from && from.comments.length > 0 ? from.comments.join(' ') : null;
  const tcp = parseTcpInfo(fromComment ?? '');
  const fromName = from?.value ?? null;
  const literal = fromName ? literalAddress(fromName) : null;
  return {
    from: fromName,
    fromComment,
    fromIp: tcp.ip ?? literal,
    helo: tcp.helo ?? (fromName && literal === null ? fromName.replace(/\.$/, '') : null),
    reverseName: tcp.name,
    by: values.by?.value ?? null,
    byComment: values.by && values.by.comments.length > 0 ? values.by.comments.join(' ') : null,
    via: values.via?.value ?? null,
    with: values.with?.value ?? null,
    id: values.id?.value ?? null,
    for: values.for ? values.for.value.replace(/^<(.*)>$/, '$1') : null,
    envelopeFrom: envelopeFrom(allComments),
    date,
  };
}

interface Token {
  text: string;
  comment: boolean;
}

function isWord(t: Token | undefined): boolean {
  return (
    t !== undefined && !t.comment && !(CLAUSES as readonly string[]).includes(t.text.toLowerCase())
  );
}

/** Words and comments (nested parentheses, RFC 5322 3.2.2), comments without their parentheses. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(') {
      let depth = 0;
      let j = i;
      for (; j < text.length; j++) {
        if (text[j] === '\\') j++;
        else if (text[j] === '(') depth++;
        else if (text[j] === ')' && --depth === 0) break;
      }
      tokens.push({ text: text.slice(i + 1, j).trim(), comment: true });
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s(]/.test(text[j] as string)) j++;
      tokens.push({ text: text.slice(i, j), comment: false });
      i = j;
    }
  }
  return tokens;
}

/** The ";" before the date: the last one outside comments (comments may hold ";"). */
function lastTopLevelSemicolon(text: string): number {
  let depth = 0;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (c === ';' && depth === 0) last = i;
  }
  return last;
}

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** An IPv4 or IPv6 address as written (an `IPv6:` prefix removed), or null. */
export function plainAddress(text: string): string | null {
  const t = text.replace(/^IPv6:/i, '');
  if (IPV4.test(t)) return t;
  if (/^[0-9a-f:.]+$/i.test(t) && t.includes(':') && (t.match(/:/g) ?? []).length >= 2) {
    // URL parsing validates IPv6 syntax without any I/O.
    try {
      return new URL(`http://[${t}]/`).hostname.length > 2 ? t.toLowerCase() : null;
    } catch {
      return null;
    }
  }
  return null;
}

/** RFC 5321 4.1.3 address-literal: `[192.0.2.1]` or `[IPv6:2001:db8::1]`. */
function literalAddress(text: string): string | null {
  const m = /^\[([^\]]+)\]$/.exec(text);
  return m ? plainAddress(m[1] as string) : null;
}

/**
 * TCP-info (RFC 5321 4.4): `rdns [ip]`, `[ip]`, Microsoft's bare `ip`, Gmail's `rdns. [ip]`,
 * Exim's `[ip] helo=name` and `rdns [ip]:port`.
 */
function parseTcpInfo(comment: string): {
  ip: string | null;
  name: string | null;
  helo: string | null;
} {
  let ip: string | null = null;
  let name: string | null = null;
  let helo: string | null = null;
  for (const word of comment.split(/[\s,;]+/)) {
    if (word === '') continue;
    const heloMatch = /^helo=(.+)$/i.exec(word);
    if (heloMatch) {
      helo ??= (heloMatch[1] as string).replace(/\.$/, '');
      continue;
    }
    const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(word);
    const candidate = bracketed ? plainAddress(bracketed[1] as string) : plainAddress(word);
    if (candidate) {
      ip ??= candidate;
      continue;
    }
    if (name === null && ip === null && /^[a-z0-9-]+(\.[a-z0-9-]+)+\.?$/i.test(word)) {
      name = word.replace(/\.$/, '').toLowerCase();
    }
  }
  return { ip, name, helo };
}

function envelopeFrom(comments: string[]): string | null {
  for (const c of comments) {
    const m = /envelope-from\s*<?([^\s<>]*)>?/i.exec(c);
    if (m) return m[1] as string;
  }
  return null;
}
