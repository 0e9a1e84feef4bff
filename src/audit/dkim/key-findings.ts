import type { Finding } from '../../findings/finding.ts';
import { makeFinding } from '../../findings/make-finding.ts';
import type { SelectorProbe } from './probe-selector.ts';

/** RFC 8301 3.2: verifiers must reject RSA keys under 1024 bits; 2048 is what providers now use. */
const RSA_MIN_BITS = 1024;
const RSA_RECOMMENDED_BITS = 2048;

/** Findings about the key record found behind a selector. */
export function keyFindings(probe: SelectorProbe, dmarcConsequence: string): Finding[] {
  const { answer, name, selector } = probe;
  const key = probe.key;
  const where = answer.finalName === name ? name : `${answer.finalName} (via ${name})`;
  if (!key) return [];
  if (!key.ok) {
    return [
      makeFinding('DKIM_KEY_INVALID', {
        subject: name,
        summary: `The DKIM record at ${where} is invalid: ${key.reason}.`,
        explanation: `Receivers return permerror for signatures with s=${selector}: the key cannot be used. ${dmarcConsequence}`,
        fix: 'Publish the record exactly as your provider or key generator gives it: "v=DKIM1; k=rsa; p=<base64>", split into strings of at most 255 characters.',
        evidence: [answer],
        data: { selector, record: probe.records[0] },
      }),
    ];
  }
  if (key.revoked) {
    return [
      makeFinding('DKIM_KEY_REVOKED', {
        subject: name,
        summary: `The DKIM key at ${where} is revoked (empty p=).`,
        explanation: `Signatures with s=${selector} fail. That is right for a retired selector; it is wrong if mail is still signed with it. ${dmarcConsequence}`,
        fix: `If mail is still signed with s=${selector}, publish its public key; otherwise nothing to do.`,
        evidence: [answer],
        data: { selector },
      }),
    ];
  }
  const findings: Finding[] = [];
  if (key.bits !== undefined && key.bits < RSA_RECOMMENDED_BITS) {
    const tooWeak = key.bits < RSA_MIN_BITS;
    findings.push(
      makeFinding('DKIM_KEY_WEAK', {
        severity: tooWeak ? 'error' : 'warning',
        subject: name,
        summary: `The DKIM key at ${where} is RSA-${key.bits}${tooWeak ? ', which receivers reject' : ''}.`,
        explanation: tooWeak
          ? `RFC 8301 3.2: verifiers must not accept RSA keys under ${RSA_MIN_BITS} bits, so every signature with s=${selector} fails. ${dmarcConsequence}`
          : `RSA-1024 still verifies, but it is within reach of well-funded attackers and providers moved to ${RSA_RECOMMENDED_BITS} bits; some receivers already score it lower.`,
        fix: `Generate a ${RSA_RECOMMENDED_BITS}-bit key under a new selector (mxray dkim keygen), publish it, switch signing to it, then revoke the old one.`,
        evidence: [answer],
        data: { selector, bits: key.bits },
      }),
    );
  }
  if (key.sha1Only) {
    findings.push(
      makeFinding('DKIM_KEY_INVALID', {
        subject: name,
        summary: `The DKIM key at ${where} allows only SHA-1 (h=sha1).`,
        explanation: `RFC 8301 3.1: verifiers must not accept rsa-sha1 signatures, so signatures with s=${selector} fail. ${dmarcConsequence}`,
        fix: 'Remove h=sha1 from the record (or set h=sha256) and sign with rsa-sha256.',
        evidence: [answer],
        data: { selector },
      }),
    );
  }
  if (key.testing) {
    findings.push(
      makeFinding('DKIM_TESTING', {
        subject: name,
        summary: `The DKIM key at ${where} is in test mode (t=y).`,
        explanation:
          'RFC 6376 3.6.1: receivers must not treat mail differently because of a failed signature under t=y; some ignore the signature entirely.',
        fix: 'Remove t=y once signing works.',
        evidence: [answer],
        data: { selector },
      }),
    );
  }
  if (findings.every((f) => f.severity !== 'error')) {
    findings.push(
      makeFinding('DKIM_KEY_OK', {
        subject: name,
        summary: `Selector ${selector} has a valid ${key.keyType === 'ed25519' ? 'Ed25519' : `RSA-${key.bits ?? '?'}`} key at ${where}.`,
        explanation: 'Receivers can verify signatures made with this selector.',
        evidence: [answer],
        data: { selector, keyType: key.keyType, bits: key.bits },
      }),
    );
  }
  return findings;
}
