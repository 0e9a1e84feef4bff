import { createMemoryResolver } from '../../src/dns/memory-resolver.ts';
import type { Resolver } from '../../src/dns/types.ts';
import { parseZoneFile, type Zone } from '../../src/dns/zone/zone.ts';

/**
 * Parses zone-file text written inline in a test. The common indentation of a template literal is
 * removed first, so records at the template's indent have their own owner, and lines indented
 * further continue the previous owner (RFC 1035 5.1 blank owner).
 * @example zone(`
 *   $ORIGIN example.com.
 *   @        TXT "v=spf1 -all"
 *   _dmarc   TXT "v=DMARC1; p=reject"
 * `)
 */
export function zone(text: string, origin?: string): Zone {
  return parseZoneFile(dedent(text), origin === undefined ? {} : { origin });
}

/** An in-memory resolver over the given zones (system clock, no faults). */
export function memoryResolver(...zones: Zone[]): Resolver {
  return createMemoryResolver(zones);
}

function dedent(text: string): string {
  const lines = text.split('\n');
  const indents = lines
    .filter((l) => l.trim() !== '')
    .map((l) => (/^[ \t]*/.exec(l) as RegExpExecArray)[0].length);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((l) => l.slice(Math.min(common, l.length))).join('\n');
}
