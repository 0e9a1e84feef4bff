import type { HeaderField, RawMessage } from '../mail/index.ts';
import { MAX_ARC_FIELDS, MAX_ARC_INSTANCE } from './limits.ts';
import { fieldInstance } from './parse-fields.ts';
import type { ArcFailureCode, ArcFailurePart } from './types.ts';

const PARTS = {
  'arc-seal': 'ARC-Seal',
  'arc-message-signature': 'ARC-Message-Signature',
  'arc-authentication-results': 'ARC-Authentication-Results',
} as const satisfies Record<string, ArcFailurePart>;

type PartName = keyof typeof PARTS;

/** One complete ARC set: its three fields. */
export interface RawArcSet {
  instance: number;
  seal: HeaderField;
  ams: HeaderField;
  aar: HeaderField;
}

export type CollectedSets =
  | { ok: true; sets: RawArcSet[] }
  | {
      ok: false;
      code: ArcFailureCode;
      part: ArcFailurePart;
      instance?: number;
      message: string;
    };

/**
 * Groups the ARC fields of a message into sets and checks the structure (RFC 8617 5.2 step 3 and
 * 4.2.1): every field has a readable instance, each instance has exactly one field of each kind,
 * instances run from 1 to N without a gap, and N is at most 50. Sets come back oldest first.
 */
export function collectArcSets(message: RawMessage): CollectedSets {
  const fields = message.headers.filter((h) => h.lowerName in PARTS);
  if (fields.length > MAX_ARC_FIELDS) {
    return {
      ok: false,
      code: 'too-many-fields',
      part: 'structure',
      message: `the message has ${fields.length} ARC header fields; a chain of 50 sets has 150`,
    };
  }
  const byInstance = new Map<number, Partial<Record<PartName, HeaderField>>>();
  for (const field of fields) {
    const name = field.lowerName as PartName;
    const instance = fieldInstance(field);
    if (instance === null) {
      return {
        ok: false,
        code: 'instance-invalid',
        part: PARTS[name],
        message: `an ${PARTS[name]} field has no valid i= instance`,
      };
    }
    const set = byInstance.get(instance) ?? {};
    if (set[name]) {
      return {
        ok: false,
        code: 'instance-duplicate',
        part: PARTS[name],
        instance,
        message: `there are two ${PARTS[name]} fields with i=${instance}`,
      };
    }
    set[name] = field;
    byInstance.set(instance, set);
  }
  const highest = Math.max(0, ...byInstance.keys());
  if (highest > MAX_ARC_INSTANCE) {
    return {
      ok: false,
      code: 'instance-over-limit',
      part: 'structure',
      instance: highest,
      message: `the chain reaches i=${highest}; RFC 8617 4.2.1 allows at most ${MAX_ARC_INSTANCE} sets`,
    };
  }
  const sets: RawArcSet[] = [];
  for (let i = 1; i <= highest; i++) {
    const set = byInstance.get(i);
    for (const name of Object.keys(PARTS) as PartName[]) {
      if (!set?.[name]) {
        return {
          ok: false,
          code: 'instance-missing',
          part: PARTS[name],
          instance: i,
          message: `the set i=${i} has no ${PARTS[name]} field`,
        };
      }
    }
    if (set?.['arc-seal'] && set['arc-message-signature'] && set['arc-authentication-results']) {
      sets.push({
        instance: i,
        seal: set['arc-seal'],
        ams: set['arc-message-signature'],
        aar: set['arc-authentication-results'],
      });
    }
  }
  return { ok: true, sets };
}
