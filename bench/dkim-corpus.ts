import { createHash, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { fixedClock } from '../src/base/clock.ts';
import { referenceCanonicalBody } from '../test/helpers/reference-dkim-body.ts';
import { seededRandom } from '../test/helpers/seeded-random.ts';
import {
  blankSignatureValue,
  parseDkimSignature,
  signedHeaderData,
  signMessage,
} from '../src/dkim/index.ts';
import { parseMessage } from '../src/mail/index.ts';

/** One generated message, with the key that signed it. */
export interface BenchMessage {
  bytes: Buffer;
  keyType: 'rsa' | 'ed25519';
  publicKey: KeyObject;
}

export interface BenchCorpus {
  messages: BenchMessage[];
  totalBytes: number;
  /** Key records to serve: name -> TXT value. */
  records: Map<string, string>;
  signedAtMs: number;
}

const DOMAIN = 'bench.example';

/** 85% 2-16 KB, 12% 16-256 KB, 3% 256 KB-2 MB: about 58 KB a message on average. */
function pickSize(rand: () => number): number {
  const r = rand();
  const [lo, hi] = r < 0.85 ? [2048, 16384] : r < 0.97 ? [16384, 262144] : [262144, 2097152];
  return Math.floor(lo * Math.pow(hi / lo, rand()));
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PROSE = [
  'The quarterly figures are attached; please review them before the meeting on Thursday.',
  'Kind regards, and thanks again for the quick answer yesterday afternoon.',
  '    <td class="cell">indented HTML with a run of spaces</td>  ',
  'A line with a\ttab and  two spaces, as pasted text often has. ',
];

/**
 * A body like real mail: one part in three is text/HTML (one line in five with a run of spaces, a
 * tab or trailing space, so relaxed canonicalization has work), the rest base64 attachment lines.
 */
function body(size: number, rand: () => number): Buffer {
  const text = rand() < 1 / 3;
  const lines: string[] = [];
  let n = 0;
  while (n < size) {
    let line = '';
    if (text) {
      line =
        rand() < 0.2
          ? (PROSE[2 + Math.floor(rand() * 2)] as string)
          : (PROSE[Math.floor(rand() * 2)] as string);
    } else {
      for (let i = 0; i < 76; i++) line += ALPHABET[Math.floor(rand() * 64)];
    }
    lines.push(line);
    n += line.length + 2;
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

/**
 * Generates and signs the benchmark corpus: mostly RSA-2048, one in ten Ed25519, simple and
 * relaxed canonicalization alternating, four RSA selectors.
 */
export function generateCorpus(count: number, seed = 42): BenchCorpus {
  const rand = seededRandom(seed);
  const rsa = Array.from({ length: 4 }, () => generateKeyPairSync('rsa', { modulusLength: 2048 }));
  const ed = generateKeyPairSync('ed25519');
  const records = new Map<string, string>();
  rsa.forEach((k, i) =>
    records.set(
      `rsa${i}._domainkey.${DOMAIN}`,
      `v=DKIM1; k=rsa; p=${k.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`,
    ),
  );
  records.set(
    `ed._domainkey.${DOMAIN}`,
    `v=DKIM1; k=ed25519; p=${ed.publicKey.export({ type: 'spki', format: 'der' }).subarray(12).toString('base64')}`,
  );
  const signedAtMs = Date.UTC(2026, 0, 1);
  const clock = fixedClock(signedAtMs);
  const messages: BenchMessage[] = [];
  let totalBytes = 0;
  for (let i = 0; i < count; i++) {
    const head =
      `From: Sender ${i} <sender${i}@${DOMAIN}>\r\nTo: rcpt@example.org\r\n` +
      `Subject: Benchmark message ${i}\r\nDate: Thu, 1 Jan 2026 00:00:00 +0000\r\n` +
      `Message-ID: <${i}.${createHash('md5').update(String(i)).digest('hex')}@${DOMAIN}>\r\n` +
      `MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n`;
    const raw = Buffer.concat([Buffer.from(head), body(pickSize(rand), rand)]);
    const useEd = rand() < 0.1;
    const canon = i % 2 === 0 ? 'relaxed/relaxed' : 'simple/simple';
    const key = useEd ? ed : (rsa[i % rsa.length] as (typeof rsa)[number]);
    const selector = useEd ? 'ed' : `rsa${i % rsa.length}`;
    const signed = signMessage(
      raw,
      { domain: DOMAIN, selector, privateKey: key.privateKey, canonicalization: canon },
      { clock },
    );
    messages.push({
      bytes: signed.message,
      keyType: useEd ? 'ed25519' : 'rsa',
      publicKey: key.publicKey,
    });
    totalBytes += signed.message.length;
  }
  return {
    messages,
    totalBytes,
    records,
    signedAtMs,
  };
}

/** The node:crypto work one message needs, prepared outside the timed loop. */
export interface FloorWork {
  /** Exactly the bytes the body hash covers (canonical body). */
  canonicalBody: Buffer;
  /** Exactly the bytes `b=` signs (canonical signed fields and the blanked signature field). */
  headerData: Buffer;
  signature: Buffer;
  publicKey: KeyObject;
  keyType: 'rsa' | 'ed25519';
}

/**
 * Prepares the floor: for each message, the canonical body and signed header data it must hash
 * and the signature it must verify. Each is checked (the body digest equals `bh=`, the signature
 * verifies), so the floor does exactly the verifier's crypto work, no more and no less.
 */
export function prepareFloor(corpus: BenchCorpus): FloorWork[] {
  return corpus.messages.map((m, i) => {
    const msg = parseMessage(m.bytes);
    const field = msg.get('dkim-signature');
    const parse = field ? parseDkimSignature(field) : null;
    if (!field || !parse?.ok) throw new Error(`message ${i}: no valid DKIM-Signature`);
    const sig = parse.signature;
    const canonicalBody = referenceCanonicalBody(msg.body, sig.bodyCanon);
    const headerData = signedHeaderData(
      msg.headers,
      sig.signedHeaders,
      sig.headerCanon,
      blankSignatureValue(field, sig.bValueStart, sig.bValueEnd),
    );
    const work: FloorWork = {
      canonicalBody,
      headerData,
      signature: sig.signature,
      publicKey: m.publicKey,
      keyType: m.keyType,
    };
    if (!createHash('sha256').update(canonicalBody).digest().equals(sig.bodyHash)) {
      throw new Error(`message ${i}: the reference canonical body does not match bh=`);
    }
    if (!floorVerify(work)) throw new Error(`message ${i}: the signature does not verify`);
    return work;
  });
}

/** RSA signs the data with SHA-256 (RFC 6376 3.3.1); Ed25519 signs its SHA-256 digest (RFC 8463 3). */
function floorVerify(w: FloorWork): boolean {
  return w.keyType === 'rsa'
    ? verify('sha256', w.headerData, w.publicKey, w.signature)
    : verify(null, createHash('sha256').update(w.headerData).digest(), w.publicKey, w.signature);
}

/**
 * The node:crypto limit of a corpus, measured here: SHA-256 over every byte the verifier hashes
 * (canonical body, signed header data) and one signature verification per message, with the key
 * already parsed (as the verifier's key cache has it).
 */
export function cryptoFloorMs(work: readonly FloorWork[], now: () => number): number {
  const start = now();
  for (const w of work) {
    createHash('sha256').update(w.canonicalBody).digest();
    floorVerify(w);
  }
  return now() - start;
}
