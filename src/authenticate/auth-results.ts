import { formatAuthenticationResults, type AuthResResultInput } from '../authres/index.ts';
import type { DkimSignatureResult } from '../dkim/index.ts';
import { dmarcAuthResult } from '../dmarc/index.ts';
import { fieldValue, type RawMessage } from '../mail/index.ts';
import type { ArcVerdict, ConnectionFacts, DmarcVerdict, SpfVerdict } from './types.ts';

/** RFC 6008 2: the first 8 characters of `b=` tell two signatures of one domain apart. */
const HEADER_B_CHARS = 8;

/**
 * The Authentication-Results value (RFC 8601 2.2) a receiver would add for these verdicts: one
 * `spf=`, one `dkim=` per signature (`dkim=none` for an unsigned message) and `dmarc=`, each with
 * the properties of RFC 8601 2.7 and, for failures, the reason.
 */
export function buildAuthenticationResults(
  authservId: string,
  message: RawMessage,
  connection: ConnectionFacts,
  spf: SpfVerdict,
  dkim: readonly DkimSignatureResult[],
  arc: ArcVerdict,
  dmarc: DmarcVerdict,
): string {
  const results: AuthResResultInput[] = [spfEntry(spf, connection)];
  if (dkim.length === 0)
    results.push({ method: 'dkim', result: 'none', comment: 'message not signed' });
  const fields = message.getAll('dkim-signature');
  for (const sig of dkim)
    results.push(dkimEntry(sig, fields[sig.index] ? fieldValue(fields[sig.index]!) : ''));
  results.push(arcEntry(arc));
  results.push(dmarcEntry(dmarc));
  return formatAuthenticationResults(authservId, results);
}

function spfEntry(spf: SpfVerdict, connection: ConnectionFacts): AuthResResultInput {
  const entry: AuthResResultInput = { method: 'spf', result: spf.result, properties: [] };
  if (spf.evaluation === undefined) {
    entry.comment = spf.reason;
    return entry;
  }
  if (connection.ip) entry.comment = `${spf.domain}: ${connection.ip} ${spfWords(spf.result)}`;
  if (spf.result === 'temperror' || spf.result === 'permerror') entry.reason = spf.reason;
  entry.properties =
    spf.identity === 'helo'
      ? [{ ptype: 'smtp', property: 'helo', value: spf.domain }]
      : [{ ptype: 'smtp', property: 'mailfrom', value: connection.mailFrom || spf.domain }];
  return entry;
}

function spfWords(result: SpfVerdict['result']): string {
  switch (result) {
    case 'pass':
      return 'is a permitted sender';
    case 'fail':
      return 'is not a permitted sender';
    case 'softfail':
      return 'is probably not a permitted sender';
    case 'neutral':
      return 'is neither permitted nor denied';
    case 'none':
      return 'has no SPF record to check against';
    case 'temperror':
      return 'could not be checked: DNS error';
    case 'permerror':
      return 'could not be checked: broken record';
  }
}

function dkimEntry(sig: DkimSignatureResult, fieldText: string): AuthResResultInput {
  const properties = [{ ptype: 'header', property: 'd', value: sig.domain || 'unknown' }];
  if (sig.identity) properties.push({ ptype: 'header', property: 'i', value: sig.identity });
  if (sig.selector) properties.push({ ptype: 'header', property: 's', value: sig.selector });
  if (sig.algorithm) properties.push({ ptype: 'header', property: 'a', value: sig.algorithm });
  const b = /(?:^|;)\s*b\s*=\s*([A-Za-z0-9+/\s]+)/.exec(fieldText);
  const bValue = b ? (b[1] as string).replace(/\s+/g, '').slice(0, HEADER_B_CHARS) : '';
  if (bValue) properties.push({ ptype: 'header', property: 'b', value: bValue });
  const entry: AuthResResultInput = { method: 'dkim', result: sig.result, properties };
  if (sig.result !== 'pass') entry.reason = sig.message;
  else if (sig.key) entry.comment = `${sig.key.bits}-bit ${sig.key.keyType} key`;
  return entry;
}

/** RFC 8617 4.3 / RFC 8601: `arc=` with the newest instance and sealer; the reason on failure. */
function arcEntry(arc: ArcVerdict): AuthResResultInput {
  if (arc.result === 'none') return { method: 'arc', result: 'none' };
  const entry: AuthResResultInput = {
    method: 'arc',
    result: arc.result,
    comment: `i=${arc.instance}${arc.sealer ? ` d=${arc.sealer}` : ''}`,
  };
  if (arc.result === 'fail') entry.reason = arc.reason;
  return entry;
}

function dmarcEntry(dmarc: DmarcVerdict): AuthResResultInput {
  if (dmarc.evaluation) return dmarcAuthResult(dmarc.evaluation);
  return {
    method: 'dmarc',
    result: dmarc.result,
    reason: dmarc.reason,
    ...(dmarc.fromDomain
      ? { properties: [{ ptype: 'header', property: 'from', value: dmarc.fromDomain }] }
      : {}),
  };
}
