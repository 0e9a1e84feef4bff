// ESLint is for correctness and the layering rules of ARCHITECTURE.md; Prettier owns style.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const protocols = ['dkim', 'spf', 'dmarc', 'arc', 'authres', 'mtasts', 'tlsrpt', 'bimi'];
const useCases = ['audit', 'reports', 'keys', 'monitor', 'authenticate'];
const everythingAbove = (layer) => [...layer.map((f) => `./src/${f}`)];

/** One zone per rule: files in `target` may not import from `from`. */
const zones = [
  // L0 base imports nothing from src/.
  { target: './src/base', from: './src', except: ['./base'] },
  // dns core: only base (adapters live in dns/net and dns/server).
  {
    target: './src/dns',
    from: './src',
    except: ['./base', './dns'],
  },
  { target: ['./src/mail', './src/store'], from: './src', except: ['./base', './mail', './store'] },
  // Protocols: base, dns core, mail; arc may import dkim, never the reverse.
  ...protocols.map((p) => ({
    target: `./src/${p}`,
    from: [
      ...protocols
        .filter((q) => q !== p && !(p === 'arc' && q === 'dkim'))
        .map((q) => `./src/${q}`),
      './src/store',
      './src/findings',
      './src/dns/net',
      './src/dns/server',
      ...everythingAbove([...useCases, 'runtime', 'cli', 'server']),
    ],
  })),
  // findings: base, dns types, protocol result types only.
  {
    target: './src/findings',
    from: [
      './src/store',
      './src/dns/net',
      './src/dns/server',
      ...everythingAbove([...useCases, 'runtime', 'cli', 'server']),
    ],
  },
  // Use cases: L0-L2, never runtime, surfaces or adapters; keys -> audit and monitor -> L3 allowed.
  ...useCases.map((u) => ({
    target: `./src/${u}`,
    from: [
      ...useCases
        .filter((v) => v !== u && !(u === 'keys' && v === 'audit') && u !== 'monitor')
        .map((v) => `./src/${v}`),
      './src/dns/net',
      './src/dns/server',
      './src/store/sqlite.ts',
      './src/store/postgres.ts',
      ...everythingAbove(['runtime', 'cli', 'server']),
    ],
  })),
  { target: './src/runtime', from: ['./src/cli', './src/server', './web'] },
  { target: './src/cli', from: ['./src/server', './web'] },
  { target: './src/server', from: ['./src/cli', './web'] },
];

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'coverage/**', '.tmp/**', 'test/fixtures/**', 'bin/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    languageOptions: { parserOptions: { sourceType: 'module' } },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    // The clock is injected: only src/base/clock.ts reads the wall clock.
    files: ['src/**/*.ts'],
    ignores: ['src/base/clock.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Use the injected Clock (src/base/clock.ts).',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Use the injected Clock (src/base/clock.ts).',
        },
      ],
    },
  },
  {
    // Sockets live in the DNS adapters, never in the DNS core or protocols.
    files: ['src/**/*.ts'],
    ignores: [
      'src/dns/net/**',
      'src/dns/server/**',
      'src/runtime/**',
      'src/reports/sources/**',
      'src/monitor/notifiers/**',
      'src/store/**',
      'src/cli/**',
      'src/server/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['node:dgram', 'node:net', 'node:tls', 'node:http', 'node:https', 'dgram', 'net'],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
