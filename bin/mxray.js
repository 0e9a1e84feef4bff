#!/usr/bin/env node
// Node 20 cannot run TypeScript itself: load tsx's ESM hooks, then the CLI source.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
