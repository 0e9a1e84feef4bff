import { SaxesParser } from 'saxes';
import type { ReportLimits } from './limits.ts';
import type { AggregateRecord, DkimAuth, SpfAuth } from './types.ts';

/** RFC 9990 (DMARCbis aggregate reporting) namespace; RFC 7489 reports have none or a draft one. */
const DMARC_2_NS = 'urn:ietf:params:xml:ns:dmarc-2.0';

/** The raw report-level text fields as found, validated later by {@link validateHeader}. */
export interface RawHeader {
  namespace: string | null;
  fields: Map<string, string>;
  seenMetadata: boolean;
  seenPolicy: boolean;
}

/** Thrown inside the SAX callbacks to stop parsing; caught by {@link AggregateSax.write}. */
class Refusal extends Error {}

/** Local names by raw tag name: a report repeats the same few dozen tags thousands of times. */
const LOCAL_NAMES = new Map<string, string>();
const MAX_CACHED_NAMES = 1000;

function localName(name: string): string {
  const cached = LOCAL_NAMES.get(name);
  if (cached !== undefined) return cached;
  const colon = name.indexOf(':');
  const local = (colon < 0 ? name : name.slice(colon + 1)).toLowerCase();
  // Bounded: a hostile report with endless distinct tag names must not grow the cache forever.
  if (LOCAL_NAMES.size < MAX_CACHED_NAMES) LOCAL_NAMES.set(name, local);
  return local;
}

function emptyRecord(): AggregateRecord {
  return {
    sourceIp: '',
    count: -1,
    disposition: null,
    dkim: null,
    spf: null,
    reasons: [],
    headerFrom: null,
    envelopeFrom: null,
    envelopeTo: null,
    dkimResults: [],
    spfResults: [],
  };
}

const lower = (v: string): string => v.trim().toLowerCase();
const orNull = (v: string): string | null => (v.trim() === '' ? null : v.trim());

/**
 * A push parser for one aggregate report over saxes: text goes in with {@link write}, records
 * come out with {@link takeRecords} as they complete, so a huge report streams in bounded memory.
 * DOCTYPE is refused (no internal subset, so no entity expansion: "billion laughs"); saxes itself
 * never fetches external entities and knows only the five predefined ones.
 */
export class AggregateSax {
  readonly header: RawHeader = {
    namespace: null,
    fields: new Map(),
    seenMetadata: false,
    seenPolicy: false,
  };
  /** Set once the first `<record>` opens: the header fields are complete from then on. */
  recordsStarted = false;
  recordCount = 0;
  feedbackClosed = false;
  refused: string | null = null;

  private readonly parser = new SaxesParser<{ xmlns: false; position: false }>({
    xmlns: false,
    position: false,
  });
  /** Element path below `<feedback>` (local names, lower-cased); null until it opens. */
  private path: string[] | null = null;
  private depth = 0;
  private text = '';
  private record: AggregateRecord | null = null;
  private dkim: DkimAuth | null = null;
  private spf: SpfAuth | null = null;
  private reason: { type: string; comment: string | null } | null = null;
  private pending: AggregateRecord[] = [];

  constructor(private readonly limits: ReportLimits) {
    const p = this.parser;
    p.on('doctype', () => this.refuse('the XML has a DOCTYPE (refused: entity expansion)'));
    p.on('error', (err) => {
      // Trailing junk after </feedback> (ikea.com wraps the report in an unclosed <xs:schema>)
      // does not spoil a complete report.
      if (this.feedbackClosed) return;
      this.refuse(`malformed XML: ${err.message.replace(/^undefined:/, '').trim()}`);
    });
    p.on('opentag', (tag) => this.open(localName(tag.name), tag.attributes));
    p.on('closetag', (tag) => this.close(localName(tag.name)));
    p.on('text', (t) => this.addText(t));
    p.on('cdata', (t) => this.addText(t));
  }

  /** Feeds text; returns false once the report is refused (see {@link refused}). */
  write(chunk: string | null): boolean {
    if (this.refused) return false;
    try {
      if (chunk === null) this.parser.close();
      else this.parser.write(chunk);
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
    }
    return this.refused === null;
  }

  /** Records completed since the last call. */
  takeRecords(): AggregateRecord[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  private refuse(reason: string): never {
    this.refused ??= reason;
    throw new Refusal(reason);
  }

  private addText(t: string): void {
    if (this.path === null || this.feedbackClosed) return;
    if (this.text.length + t.length > this.limits.maxFieldChars) {
      this.refuse(`a text field is longer than ${this.limits.maxFieldChars} characters`);
    }
    this.text += t;
  }

  private open(name: string, attributes: Record<string, string>): void {
    this.depth++;
    if (this.depth > this.limits.maxXmlDepth) {
      this.refuse(`XML nested deeper than ${this.limits.maxXmlDepth} elements`);
    }
    this.text = '';
    if (this.path === null) {
      if (name === 'feedback' && !this.feedbackClosed) {
        this.path = [];
        this.header.namespace = attributes.xmlns ?? null;
      }
      return;
    }
    const path = this.path;
    path.push(name);
    const parent = path.length >= 2 ? path[path.length - 2] : null;
    if (path.length === 1) {
      if (name === 'record') this.startRecord();
      else if (name === 'report_metadata') this.header.seenMetadata = true;
      else if (name === 'policy_published') this.header.seenPolicy = true;
    } else if (this.record && parent === 'auth_results') {
      if (name === 'dkim')
        this.dkim = { domain: '', selector: null, result: '', humanResult: null };
      if (name === 'spf') this.spf = { domain: '', scope: null, result: '', humanResult: null };
    } else if (this.record && name === 'reason' && parent === 'policy_evaluated') {
      this.reason = { type: '', comment: null };
    }
  }

  private startRecord(): void {
    this.recordsStarted = true;
    if (this.recordCount >= this.limits.maxRecordsPerReport) {
      this.refuse(`more than ${this.limits.maxRecordsPerReport} records in one report`);
    }
    this.record = emptyRecord();
  }

  private close(name: string): void {
    this.depth--;
    const path = this.path;
    if (path === null) return;
    if (path.length === 0) {
      if (name === 'feedback') {
        this.path = null;
        this.feedbackClosed = true;
      }
      return;
    }
    const text = this.text;
    this.text = '';
    const top = path[0];
    if (top === 'record' && this.record) this.closeInRecord(path, name, text, this.record);
    else if (path.length >= 2 && (top === 'report_metadata' || top === 'policy_published')) {
      // Keys like `report_metadata/date_range/begin`: the header is validated as a whole later.
      if (path.length <= 3) this.header.fields.set(path.join('/'), text.trim());
    } else if (path.length === 1 && name === 'version') {
      this.header.fields.set('version', text.trim());
    }
    path.pop();
  }

  private closeInRecord(path: string[], name: string, text: string, r: AggregateRecord): void {
    const where = path.length >= 2 ? path[path.length - 2] : null;
    if (path.length === 1) {
      this.pending.push(r);
      this.recordCount++;
      this.record = null;
      return;
    }
    const max = this.limits.maxEntriesPerRecord;
    switch (where) {
      case 'row':
        if (name === 'source_ip') r.sourceIp = text.trim();
        else if (name === 'count') r.count = parseCount(text);
        return;
      case 'policy_evaluated':
        if (name === 'disposition') r.disposition = lower(text);
        else if (name === 'dkim') r.dkim = lower(text);
        else if (name === 'spf') r.spf = lower(text);
        else if (name === 'reason' && this.reason) {
          if (r.reasons.length >= max) this.refuse(`a record has more than ${max} reasons`);
          if (this.reason.type !== '' || this.reason.comment) r.reasons.push(this.reason);
          this.reason = null;
        }
        return;
      case 'reason':
        if (this.reason && name === 'type') this.reason.type = lower(text);
        if (this.reason && name === 'comment') this.reason.comment = orNull(text);
        return;
      case 'identifiers':
        if (name === 'header_from') r.headerFrom = orNull(text)?.toLowerCase() ?? null;
        else if (name === 'envelope_from') r.envelopeFrom = orNull(text)?.toLowerCase() ?? null;
        else if (name === 'envelope_to') r.envelopeTo = orNull(text)?.toLowerCase() ?? null;
        return;
      case 'auth_results':
        if (name === 'dkim' && this.dkim) {
          if (r.dkimResults.length >= max)
            this.refuse(`a record has more than ${max} DKIM results`);
          r.dkimResults.push(this.dkim);
          this.dkim = null;
        } else if (name === 'spf' && this.spf) {
          if (r.spfResults.length >= max) this.refuse(`a record has more than ${max} SPF results`);
          r.spfResults.push(this.spf);
          this.spf = null;
        }
        return;
      case 'dkim':
        if (this.dkim) setAuthField(this.dkim, name, text);
        return;
      case 'spf':
        if (this.spf) setAuthField(this.spf, name, text);
        return;
      default:
        return;
    }
  }
}

function setAuthField(auth: DkimAuth | SpfAuth, name: string, text: string): void {
  if (name === 'domain') auth.domain = text.trim().toLowerCase();
  else if (name === 'result') auth.result = lower(text);
  else if (name === 'human_result') auth.humanResult = orNull(text);
  else if (name === 'selector' && 'selector' in auth) auth.selector = orNull(text);
  else if (name === 'scope' && 'scope' in auth) auth.scope = orNull(text)?.toLowerCase() ?? null;
}

/** A count as sent, or NaN when it is not a plain non-negative integer (checked by the caller). */
function parseCount(text: string): number {
  const t = text.trim();
  return /^\d{1,10}$/.test(t) ? Number(t) : Number.NaN;
}

/** True when the report declares the RFC 9990 namespace. */
export function isDmarc2(namespace: string | null): boolean {
  return namespace === DMARC_2_NS;
}
