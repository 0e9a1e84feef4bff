import { describe, expect, it } from 'vitest';
import { verifyArc } from '../../src/arc/index.ts';
import { fixedClock } from '../../src/base/clock.ts';
import { createMemoryResolver } from '../../src/dns/memory-resolver.ts';
import { zoneFromRecords } from '../../src/dns/zone/zone.ts';

const resolver = createMemoryResolver([zoneFromRecords('', [])]);
const clock = fixedClock(Date.UTC(2026, 0, 1));
const BODY = 'From: a@example.com\r\nTo: b@example.net\r\nSubject: x\r\n\r\nbody\r\n';

/** An ARC set with syntactically valid fields (the signatures are not real). */
function set(i: number, cv = i === 1 ? 'none' : 'pass'): string {
  return [
    `ARC-Seal: i=${i}; a=rsa-sha256; cv=${cv}; d=example.org; s=s1; t=1; b=AAAA`,
    `ARC-Message-Signature: i=${i}; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=s1; h=from; bh=AAAA; b=AAAA`,
    `ARC-Authentication-Results: i=${i}; mx.example.org; spf=pass`,
  ].join('\r\n');
}

function message(...sets: string[]): Buffer {
  return Buffer.from(`${sets.reverse().join('\r\n')}\r\n${BODY}`, 'latin1');
}

describe('verifyArc on bad input', () => {
  it('gives none without ARC fields, also for empty or header-less messages', async () => {
    for (const text of [BODY, '', '\r\nbody only\r\n']) {
      const r = await verifyArc(Buffer.from(text), { resolver, clock });
      expect(r).toMatchObject({ cv: 'none', instance: 0 });
    }
  });

  it('fails a chain of 60 sets: over the 50-instance limit, without a DNS query', async () => {
    const sets = Array.from({ length: 60 }, (_, k) => set(k + 1));
    const r = await verifyArc(message(...sets), { resolver, clock });
    expect(r).toMatchObject({ cv: 'fail', failure: 'too-many-fields', failedPart: 'structure' });
    expect(r.answers).toEqual([]);
    const at51 = await verifyArc(message(set(51)), { resolver, clock });
    expect(at51).toMatchObject({ cv: 'fail', failure: 'instance-over-limit', failedInstance: 51 });
    expect(at51.reason).toMatch(/at most 50/);
  });

  it('fails broken instance numbers with the instance and the reason', async () => {
    const cases: Array<[Buffer, string, number | undefined]> = [
      [message(set(1), set(3)), 'instance-missing', 2],
      [message(set(2)), 'instance-missing', 1],
      [message(set(1), set(1)), 'instance-duplicate', 1],
      [message(set(1).replace('i=1; a=rsa', 'i=0; a=rsa')), 'instance-invalid', undefined],
      [
        message(
          set(1).replace('ARC-Authentication-Results: i=1;', 'ARC-Authentication-Results: i=x;'),
        ),
        'instance-invalid',
        undefined,
      ],
      [
        message(set(1).replace('i=1; a=rsa-sha256; cv', 'i=-1; a=rsa-sha256; cv')),
        'instance-invalid',
        undefined,
      ],
    ];
    for (const [bytes, failure, failedInstance] of cases) {
      const r = await verifyArc(bytes, { resolver, clock });
      expect(r.cv, failure).toBe('fail');
      expect(r.failure).toBe(failure);
      expect(r.failedInstance).toBe(failedInstance);
      expect(r.reason.length).toBeGreaterThan(10);
    }
  });

  it('fails wrong cv values for their place, and a chain already marked failed', async () => {
    const firstPass = await verifyArc(message(set(1, 'pass')), { resolver, clock });
    expect(firstPass).toMatchObject({ failure: 'cv-invalid', failedInstance: 1 });
    const laterNone = await verifyArc(message(set(1), set(2, 'none')), { resolver, clock });
    expect(laterNone).toMatchObject({ failure: 'cv-invalid', failedInstance: 2 });
    const marked = await verifyArc(message(set(1), set(2, 'fail')), { resolver, clock });
    expect(marked).toMatchObject({ failure: 'chain-already-failed', failedInstance: 2 });
  });

  it('fails tag syntax: ";;", duplicate tags, h= on a seal, rsa-sha1, bad base64', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['cv=none; d=example.org;', 'cv=none;; d=example.org;', /empty tag/],
      ['cv=none;', 'cv=none; cv=none;', /twice/],
      ['cv=none;', 'cv=none; h=from;', /h= tag/],
      ['ARC-Seal: i=1; a=rsa-sha256', 'ARC-Seal: i=1; a=rsa-sha1', /rsa-sha1/],
      ['t=1; b=AAAA', 't=1; b=!!!', /not base64/],
    ];
    for (const [from, to, reason] of cases) {
      const r = await verifyArc(message(set(1).replace(from, to)), { resolver, clock });
      expect(r.cv, to).toBe('fail');
      expect(r.failedPart).toBe('ARC-Seal');
      expect(r.reason).toMatch(reason);
    }
  });

  it('checks the newest AMS body hash before any DNS query', async () => {
    const r = await verifyArc(message(set(1)), { resolver, clock });
    expect(r).toMatchObject({ cv: 'fail', failedInstance: 1, failure: 'body-hash-mismatch' });
    expect(r.answers).toEqual([]);
  });
});
