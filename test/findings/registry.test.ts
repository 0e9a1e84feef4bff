import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINDINGS } from '../../src/findings/registry.ts';

describe('finding registry', () => {
  const doc = readFileSync(new URL('../../docs/findings.md', import.meta.url), 'utf8');
  it.each(Object.keys(FINDINGS))('%s is documented in docs/findings.md', (id) => {
    expect(doc).toContain(`\`${id}\``);
  });
  const auditTests = readdirSync(new URL('../audit/', import.meta.url))
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => readFileSync(new URL(`../audit/${f}`, import.meta.url), 'utf8'))
    .join('\n');
  it.each(Object.keys(FINDINGS))('%s has a test in test/audit', (id) => {
    expect(auditTests).toContain(`'${id}'`);
  });
  it('uses SCREAMING_SNAKE IDs', () => {
    for (const id of Object.keys(FINDINGS)) expect(id).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/);
  });
});
