import { createHash, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { fixedClock } from '../src/base/clock.ts';
import { signMessage } from '../src/dkim/index.ts';

/** One generated message and what its floor costs (one verification of this key type). */
export interface BenchMessage {
  bytes: Buffer;
  keyType: 'rsa' | 'ed25519';
}

export interface BenchCorpus {
  messages: BenchMessage[];
  totalBytes: number;
  /** Key records to serve: name -> TXT value. */
  records: Map<string, string>;
  /** One key per type, for measuring the crypto floor. */
  keys: Record<'rsa' | 'ed25519', { privateKey: KeyObject; publicKey: KeyObject }>;
  signedAtMs: number;
}

const DOMAIN = 'bench.example';

/** A deterministic pseudo-random generator (mulberry32), so runs are comparable. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
  const rand = random(seed);
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
    messages.push({ bytes: signed.message, keyType: useEd ? 'ed25519' : 'rsa' });
    totalBytes += signed.message.length;
  }
  return {
    messages,
    totalBytes,
    records,
    keys: { rsa: rsa[0] as (typeof rsa)[number], ed25519: ed },
    signedAtMs,
  };
}

/**
 * The node:crypto floor of a corpus: SHA-256 over every byte of every message plus one signature
 * verification per message (its key type, key already parsed), measured here.
 */
export function cryptoFloorMs(corpus: BenchCorpus, now: () => number): number {
  const data = Buffer.alloc(600, 'h');
  const digest = createHash('sha256').update(data).digest();
  const sigs = {
    rsa: sign('sha256', data, corpus.keys.rsa.privateKey),
    ed25519: sign(null, digest, corpus.keys.ed25519.privateKey),
  };
  const start = now();
  for (const m of corpus.messages) {
    createHash('sha256').update(m.bytes).digest();
    const key = corpus.keys[m.keyType].publicKey;
    if (m.keyType === 'rsa') verify('sha256', data, key, sigs.rsa);
    else verify(null, createHash('sha256').update(data).digest(), key, sigs.ed25519);
  }
  return now() - start;
}
