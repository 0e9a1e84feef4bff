import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { zoneFromRecords, type Zone } from '../../src/dns/zone/zone.ts';

/** One scenario of the ValiMail ARC suite (see the corpus MANIFEST and SCHEMA-README). */
export interface ArcScenario {
  description: string;
  tests: Record<string, ArcTest>;
  'txt-records'?: Record<string, string>;
  domain?: string;
  sel?: string;
  privatekey?: string;
}

export interface ArcTest {
  description: string;
  message: string;
  cv?: string;
  t?: number;
  'sig-headers'?: string;
  'srv-id'?: string;
  AS?: string;
  AMS?: string;
  AAR?: string;
}

/** Reads a YAML stream of scenarios. */
export function loadScenarios(dir: string, file: string): ArcScenario[] {
  const text = readFileSync(path.join(dir, file), 'utf8');
  return parseAllDocuments(text).map((doc) => doc.toJS() as ArcScenario);
}

/** The scenario's key records as a root zone (YAML folds long values over lines: join them). */
export function scenarioZone(scenario: ArcScenario): Zone {
  const records = Object.entries(scenario['txt-records'] ?? {}).map(([name, value]) => ({
    name: `${name}.`,
    type: 'TXT' as const,
    data: value.replace(/\r?\n/g, '').trim(),
  }));
  return zoneFromRecords('', records);
}

/** The suite's messages use LF; a message on the wire uses CRLF. */
export function wireMessage(message: string): Buffer {
  return Buffer.from(message.replace(/\r?\n/g, '\r\n'), 'utf8');
}
