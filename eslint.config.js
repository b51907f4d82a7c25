import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * What may import what (docs/architecture.md, "The rooms"). Each room lists the imports
 * it may not make; `embedded-server/test/import-boundaries.test.ts` plants a violation in
 * every room and checks that the lint run fails on it.
 */
/** `node:fs`, `fs`, `fs/promises`…: matched whole, so a folder named `domain` or `path` is not one. */
const nodeModules = `^(node:|(${builtinModules.join('|')})(/|$))`;

/** A room: files, and the imports they may not make. */
const room = (files, patterns) => ({ files, patterns });

/** The server never imports the renderer or the desktop shell; every server room adds its own. */
const serverWide = [
  { regex: '(^|/)(renderer|electron)/', message: 'The server may not import the renderer or the desktop shell.' },
];

export const rooms = [
  // The wire contract is types and plain constants: it imports nothing outside itself.
  room(
    ['embedded-server/src/contract/**'],
    [{ regex: '^(?!\\./)', message: 'The contract imports nothing outside embedded-server/src/contract/.' }],
  ),
  // The domain holds the rules and knows no HTTP, dialect, wire shape or socket.
  room(
    ['embedded-server/src/domain/**'],
    [
      ...serverWide,
      {
        regex: '(^|/)(dialects|http|realtime|wire)/|^fastify$|^@fastify/',
        message: 'The domain may not import dialects, http/, wire/, realtime/ or Fastify.',
      },
    ],
  ),
  // Repositories store records; the rules that decide them are the domain's.
  room(
    ['embedded-server/src/db/**'],
    [
      ...serverWide,
      {
        regex: '(^|/)domain/(?!types\\.js$)|(^|/)(dialects|http|realtime|wire)/',
        message: 'The store may import only the domain’s record types (domain/types.js), never its rules.',
      },
    ],
  ),
  // The real-time channel and the wire builders format messages without the HTTP layer.
  room(
    ['embedded-server/src/realtime/**', 'embedded-server/src/wire/**'],
    [
      ...serverWide,
      { regex: '(^|/)(dialects|http)/', message: 'Real time and wire shapes may not import http/ or the dialects.' },
    ],
  ),
  room(['embedded-server/src/*.ts', 'embedded-server/src/{auth,dialects,http,qa,seed}/**'], serverWide),
  // The renderer runs in a page: no Node, and of the server only the contract.
  room(
    ['renderer/src/**'],
    [
      { regex: nodeModules, message: 'The renderer runs in a browser page: no Node modules.' },
      {
        regex: '(^|/)(embedded-server/src/(?!contract/)|electron/)',
        message:
          'The renderer may import only the contract (embedded-server/src/contract/) of the server, and nothing of the shell.',
      },
    ],
  ),
  // The desktop shell starts the server through its entry module and reads only the contract.
  room(
    ['electron/**'],
    [
      {
        regex: '(^|/)embedded-server/src/(?!index\\.js$|contract/)|(^|/)renderer/',
        message:
          'The shell reaches the server only through embedded-server/src/index.js (startServer) and the contract.',
      },
    ],
  ),
];

// Tests may reach into the room they test (a server test reads the store directly).
const boundaries = rooms.map(({ files, patterns }) => ({
  files,
  ignores: ['**/*.test.ts', '**/*.test.tsx'],
  rules: { 'no-restricted-imports': ['error', { patterns }] },
}));

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'renderer/dist/',
      'electron/dist/',
      'release/',
      'test-results/',
      'e2e/test-results/',
      'bench/results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  // The store is asynchronous (a port over SQLite or PostgreSQL): a promise nobody awaits is
  // a write that may land after its answer, or an error nobody hears.
  {
    files: ['embedded-server/src/**/*.ts'],
    languageOptions: { parserOptions: { project: './embedded-server/tsconfig.json' } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  ...boundaries,
);
