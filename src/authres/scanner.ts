/** Limits of the Authentication-Results parser, each with its threat. */
export const AUTHRES_LIMITS = {
  /** Characters read from one value: header fields can be megabytes of junk. */
  maxChars: 65_536,
  /** Results per value: a real header has a handful; thousands would only cost memory. */
  maxResults: 100,
  /** Properties per result. */
  maxProperties: 64,
  /** Comment nesting: RFC 5322 comments nest; deep nesting is a stack and time attack. */
  maxCommentDepth: 32,
} as const;

/**
 * A cursor over a header value with the RFC 5322 3.2.2 lexical pieces Authentication-Results
 * uses: folding whitespace, (nested) comments, quoted strings, and bare words.
 */
export class Scanner {
  pos = 0;
  /** The text from a comment nested deeper than the limit; the scanner stops there. */
  overflow: string | undefined;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string {
    return this.text[this.pos] ?? '';
  }

  rest(): string {
    return this.text.slice(this.pos);
  }

  /** Skips whitespace and comments (CFWS); returns the comments' texts. */
  skipCfws(): string[] {
    const comments: string[] = [];
    for (;;) {
      while (/\s/.test(this.peek())) this.pos++;
      if (this.peek() !== '(') return comments;
      comments.push(this.comment());
    }
  }

  /** Reads a comment at `(`, nested comments and quoted-pairs included; returns its inner text. */
  comment(): string {
    const start = this.pos;
    let depth = 0;
    let out = '';
    while (!this.done) {
      const c = this.text[this.pos++] ?? '';
      if (c === '\\') {
        out += this.text[this.pos++] ?? '';
        continue;
      }
      if (c === '(') {
        depth++;
        if (depth > AUTHRES_LIMITS.maxCommentDepth) {
          // Too deep to be a real comment: stop reading the value here.
          this.overflow = this.text.slice(start);
          this.pos = this.text.length;
          return '';
        }
        if (depth === 1) continue;
      } else if (c === ')') {
        depth--;
        if (depth === 0) return out.trim();
      }
      out += c;
    }
    return out.trim(); // unterminated: everything to the end
  }

  /** Reads a quoted string at `"`, unescaping quoted-pairs. */
  quoted(): string {
    this.pos++;
    let out = '';
    while (!this.done) {
      const c = this.text[this.pos++] ?? '';
      if (c === '\\') out += this.text[this.pos++] ?? '';
      else if (c === '"') return out;
      else out += c;
    }
    return out;
  }

  /** Reads characters matching `re` (one character at a time). */
  take(re: RegExp): string {
    const start = this.pos;
    while (!this.done && re.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** A value: a quoted string (optionally followed by `@domain`) or a run up to space, `;` or `(`. */
  value(): string {
    if (this.peek() === '"') {
      const q = this.quoted();
      return this.peek() === '@' ? `${q}${this.take(/[^\s;()]/)}` : q;
    }
    return this.take(/[^\s;()]/);
  }
}
