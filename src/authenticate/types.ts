import type { ArcVerification, ChainValidation } from '../arc/index.ts';
import type { DnsAnswer, DnsStatus } from '../dns/types.ts';
import type { DkimSignatureResult } from '../dkim/index.ts';
import type { DmarcEvaluation, DmarcPolicy, DmarcResult } from '../dmarc/index.ts';
import type { SpfResult, SpfVerification } from '../spf/index.ts';

/** Where one connection fact came from. */
export type FactSource = 'option' | 'received' | 'return-path' | 'none';

/** The SMTP facts SPF needs (RFC 7208 2.4), and where each came from. */
export interface ConnectionFacts {
  ip: string | null;
  helo: string | null;
  /** The RFC5321.MailFrom address; empty for the null sender `<>`; null when unknown. */
  mailFrom: string | null;
  source: { ip: FactSource; helo: FactSource; mailFrom: FactSource };
  /** The Received field the facts were read from, when they were. */
  received?: {
    /** Position of the field in the header block (0 = top). */
    index: number;
    /** Position among Received fields, 1 = topmost. */
    hop: number;
    /** The `by` host that wrote it. */
    by: string | null;
    /** Why this field was taken as the receiving hop. */
    why: string;
  };
}

/** The connection facts a caller gives (from `--ip`, `--helo`, `--mail-from`). */
export interface GivenConnection {
  ip?: string;
  helo?: string;
  mailFrom?: string;
}

/** The SPF verdict of the message; `evaluation` is absent when SPF could not run. */
export interface SpfVerdict {
  result: SpfResult;
  /** The domain checked: MAIL FROM's, or HELO's for the null sender; empty when unknown. */
  domain: string;
  identity: 'mailfrom' | 'helo' | null;
  reason: string;
  evaluation?: SpfVerification;
}

/** The ARC chain verdict (RFC 8617 5.2). */
export interface ArcVerdict {
  result: ChainValidation;
  /** The newest instance (0 without a chain). */
  instance: number;
  reason: string;
  /** The sealer of the newest set, when there is one. */
  sealer: string | null;
  verification: ArcVerification;
}

/** The DMARC verdict with the disposition a receiver would apply. */
export interface DmarcVerdict {
  result: DmarcResult;
  /** The disposition for this message: none, quarantine or reject. */
  disposition: DmarcPolicy;
  /** The policy domain (where the record was found), or the author domain when there is none. */
  domain: string;
  fromDomain: string | null;
  reason: string;
  evaluation?: DmarcEvaluation;
}

/**
 * A failure whose cause is in the DNS, and where to look: the CLI runs the same diagnosis as
 * `mxray check` for it (for DKIM keys, the selector's CNAME chain).
 */
export type DnsCause =
  | {
      /** `arc`: an ARC-Seal or ARC-Message-Signature key (published like a DKIM key). */
      method: 'dkim' | 'arc';
      domain: string;
      selector: string;
      /** `<selector>._domainkey.<domain>`. */
      name: string;
      status: DnsStatus;
      summary: string;
      answer: DnsAnswer | null;
    }
  | { method: 'spf' | 'dmarc'; domain: string; name: string; summary: string };

/** Everything `authenticateMessage` found about one message. */
export interface MessageAuthentication {
  connection: ConnectionFacts;
  spf: SpfVerdict;
  dkim: DkimSignatureResult[];
  arc: ArcVerdict;
  dmarc: DmarcVerdict;
  /** The Authentication-Results value we would add (RFC 8601), without the field name. */
  authenticationResults: string;
  /** The authserv-id used in {@link authenticationResults}. */
  authservId: string;
  dnsCauses: DnsCause[];
  /** Problems with the message itself (a limit passed, malformed lines). */
  messageProblems: string[];
}
