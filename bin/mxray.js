#!/usr/bin/env node
// In a clone (src/ present) run the TypeScript sources through tsx, so the CLI is never a stale
// build; an installed package ships the compiled dist/ (npm run build) and runs that.
import { existsSync } from 'node:fs';

const fromSource = existsSync(new URL('../src/cli/main.ts', import.meta.url));
let main;
if (fromSource) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
} else {
  ({ main } = await import('../dist/cli/main.js'));
}
process.exitCode = await main(process.argv.slice(2));
