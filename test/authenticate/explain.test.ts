import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import {
  classifyResult,
  explainAuthResults,
  extractPastedFields,
} from '../../src/authenticate/index.ts';
import { corporaDir } from '../helpers/corpora.ts';
import { fixture } from './world.ts';

describe('classifyResult: receivers’ words to one taxonomy', () => {
  it.each([
    ['dkim', 'temperror', 'no key for signature', 'no-key'], // Gmail
    ['dkim', 'permerror', 'no key for signature', 'no-key'], // Microsoft
    ['dkim', 'neutral', 'no key', 'no-key'], // other verifiers
    ['dkim', 'fail', 'body hash did not verify', 'body-changed'], // Microsoft
    ['dkim', 'neutral', 'body hash did not verify', 'body-changed'], // Gmail
    ['dkim', 'fail', 'signature did not verify', 'signature-invalid'],
    ['dkim', 'permerror', 'key syntax error', 'key-unusable'],
    ['dkim', 'temperror', '', 'dns-error'],
    ['dkim', 'permerror', '', 'record-error'],
    ['dkim', 'none', 'message not signed', 'none'],
    ['spf', 'temperror', 'sender IP is 192.0.2.1; DNS Timeout', 'dns-error'],
    ['spf', 'permerror', 'too many DNS lookups', 'record-error'],
    [
      'spf',
      'neutral',
      'google.com: 192.0.2.1 is neither permitted nor denied by best guess record for domain of a@example.org',
      'none',
    ],
    ['spf', 'softfail', 'sender IP is 192.0.2.1', 'softfail'],
    ['spf', 'fail', '', 'fail'],
    ['dmarc', 'bestguesspass', '', 'none'],
    ['dmarc', 'fail', '', 'fail'],
    ['dkim', 'pass', 'no key words ignored on a pass', 'pass'],
    ['x-custom', 'weird', '', 'unknown'],
  ])('%s=%s (%s) → %s', (method, result, comment, outcome) => {
    expect(classifyResult(method, result, comment)).toBe(outcome);
  });
});

describe('extractPastedFields', () => {
  it('a bare value, a set of fields, an indented paste', () => {
    expect(
      extractPastedFields(
        'dkim=temperror (no key for signature) header.i=@example.com header.s=selector1',
      ),
    ).toEqual([
      {
        name: 'Authentication-Results',
        value: 'dkim=temperror (no key for signature) header.i=@example.com header.s=selector1',
        line: 1,
      },
    ]);
    const pasted = [
      '    ARC-Authentication-Results: i=1; mx.google.com;',
      '           dkim=pass header.i=@example.com header.s=s1;',
      '           spf=pass smtp.mailfrom=example.com',
      '    Authentication-Results: mx.google.com;',
      '           dmarc=fail (p=REJECT dis=REJECT) header.from=example.com',
      '    X-Other: x',
    ].join('\n');
    const fields = extractPastedFields(pasted);
    expect(fields.map((f) => [f.name, f.line])).toEqual([
      ['ARC-Authentication-Results', 1],
      ['Authentication-Results', 4],
    ]);
    expect(fields[0]?.value).toBe(
      'i=1; mx.google.com; dkim=pass header.i=@example.com header.s=s1; spf=pass smtp.mailfrom=example.com',
    );
  });

  it('a whole message: only its header block is read', () => {
    const msg =
      'Received: from a (a [192.0.2.1]) by b; x\nAuthentication-Results: b; spf=pass smtp.mailfrom=a.example\nFrom: x@a.example\n\nAuthentication-Results: quoted; dkim=fail\n';
    expect(extractPastedFields(msg).map((f) => f.value)).toEqual([
      'b; spf=pass smtp.mailfrom=a.example',
    ]);
  });

  it('nothing to explain', () => {
    expect(extractPastedFields('')).toEqual([]);
    expect(extractPastedFields('From: a@example.com\nSubject: x\n\nbody')).toEqual([]);
  });
});

describe('explainAuthResults', () => {
  it('Gmail temperror (no key) names the selector to diagnose', () => {
    const [h] = explainAuthResults(
      extractPastedFields(fixture('gmail-contoso-dangling-selector.eml').toString('utf8')),
    );
    expect(h).toMatchObject({ authservId: 'mx.google.com', receiver: 'Gmail' });
    expect(h?.results[0]).toMatchObject({
      method: 'dkim',
      receiverWords: 'dkim=temperror (no key for signature)',
      outcome: 'no-key',
      subject: { domain: 'contoso.example', selector: 'selector1' },
      diagnose: { kind: 'dkim-selector', domain: 'contoso.example', selector: 'selector1' },
    });
    expect(h?.results.slice(1).map((r) => r.outcome)).toEqual(['pass', 'pass']);
  });

  it('Microsoft 365: no authserv-id, action= and compauth reason codes, a DKIM result without a selector', () => {
    const [h] = explainAuthResults(
      extractPastedFields(fixture('m365-woodgrove-quarantine.eml').toString('utf8')),
    );
    expect(h?.receiver).toBe('Microsoft 365');
    const by = (m: string) => h?.results.find((r) => r.method === m);
    expect(by('spf')).toMatchObject({
      outcome: 'softfail',
      subject: { ip: '203.0.113.7', domain: 'woodgrove.example' },
    });
    expect(by('dkim')).toMatchObject({ outcome: 'body-changed', diagnose: null });
    expect(by('dmarc')?.notes[0]).toMatch(/^action=quarantine: quarantined/);
    expect(by('compauth')?.notes[0]).toMatch(/reason 000: explicit failure/);
  });

  it('ARC-Authentication-Results: the instance and the first hop’s view', () => {
    const [h] = explainAuthResults(
      extractPastedFields(
        'ARC-Authentication-Results: i=2; mx.google.com; arc=fail (i=1 spf=pass spfdomain=example.org dkim=pass dkdomain=example.org); dkim=neutral (body hash did not verify) header.i=@example.org header.s=s1',
      ),
    );
    expect(h?.instance).toBe(2);
    expect(h?.results[0]).toMatchObject({
      outcome: 'fail',
      notes: ['ARC hop i=1 saw: spf=pass spfdomain=example.org dkim=pass dkdomain=example.org'],
    });
    expect(h?.results[1]).toMatchObject({ outcome: 'body-changed', diagnose: null });
  });

  it('corpora: every Authentication-Results and ARC-Authentication-Results of real and suite messages is explained', () => {
    const mailauth = corporaDir('dkim-mailauth/fixtures');
    const arc = corporaDir('arc-valimail-testsuite');
    if (!mailauth || !arc) return;
    const texts: string[] = readdirSync(mailauth)
      .filter((f) => f.endsWith('.eml'))
      .map((f) => readFileSync(path.join(mailauth, f), 'utf8'));
    for (const doc of parseAllDocuments(
      readFileSync(path.join(arc, 'arc-draft-validation-tests.yml'), 'utf8'),
    )) {
      const scenario = doc.toJS() as { tests?: Record<string, { message?: string }> } | null;
      for (const t of Object.values(scenario?.tests ?? {})) if (t.message) texts.push(t.message);
    }
    let fields = 0;
    let results = 0;
    let known = 0;
    for (const text of texts) {
      for (const h of explainAuthResults(extractPastedFields(text))) {
        fields++;
        for (const r of h.results) {
          results++;
          // The ARC suite's malformed-instance cases ("i=yo-mama;", a lone "i=1") read as method "i".
          if (r.outcome !== 'unknown' || r.method === 'i') known++;
        }
      }
    }
    console.log(
      `explain corpora (${texts.length} messages): ${fields} fields, ${known}/${results} results classified`,
    );
    expect(fields).toBeGreaterThan(100);
    expect(known).toBe(results);
  });
});
