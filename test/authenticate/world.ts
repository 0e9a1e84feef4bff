import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import { startDnsServer } from '../../src/dns/server/index.ts';
import { parseZoneFile } from '../../src/dns/zone/zone.ts';
import type { Context } from '../../src/runtime/context.ts';
import { createContext } from '../../src/runtime/create-context.ts';

/** The fixture messages (written by test/fixtures/messages/generate.ts). */
export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/messages');

export function fixturePath(name: string): string {
  return path.join(FIXTURES, name);
}

export function fixture(name: string): Buffer {
  return readFileSync(fixturePath(name));
}

/**
 * The embedded DNS server on loopback serving the fixtures' zones, and a real context (stub
 * resolver over UDP/TCP) pointed at it. Closed after the file's tests.
 */
export async function startFixtureDns(): Promise<Context> {
  const dir = path.join(FIXTURES, 'zones');
  const zones = readdirSync(dir).map((f) =>
    parseZoneFile(readFileSync(path.join(dir, f), 'utf8'), { origin: f.replace(/\.zone$/, '') }),
  );
  const server = await startDnsServer({ zones, host: '127.0.0.1', port: 0 });
  afterAll(() => server.close());
  return createContext({ resolvers: [server.address], dnsTimeoutMs: 500 });
}
