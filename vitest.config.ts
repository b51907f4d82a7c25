import { defineConfig } from 'vitest/config';
import { postgresAvailable } from './embedded-server/test/services/postgres.js';

/** Server tests about the SQLite file itself (its checks, backups, migrations, modes), not about the store's behaviour. */
const SQLITE_FILE_TESTS = [
  'backups',
  'bench-data',
  'crash-durability',
  'file-modes',
  'integrity',
  'invitation-migration',
  'storage-lifecycle',
  'store',
  'unspaced-text',
].map((name) => `embedded-server/test/${name}.test.ts`);

/** Tests that start what they need themselves, or touch no store: run once, not once per engine. */
const ENGINE_FREE_TESTS = [
  'import-boundaries',
  'cluster',
  'multi-instance',
  'postgres-store',
  'postgres-repositories',
  'cli',
  'demo-doc',
  'time-format',
].map((name) => `embedded-server/test/${name}.test.ts`);

// Each server test file starts its own server on its own temporary folder.
const timeouts = { testTimeout: 30_000, hookTimeout: 30_000 };

/**
 * The same server suite on a real PostgreSQL (DESIGN.md: the store is a port, and both
 * adapters pass it). CI installs PostgreSQL; a machine without it runs SQLite's alone, and says so.
 */
function onPostgres() {
  if (!postgresAvailable()) {
    console.warn('No PostgreSQL binaries (set PG_BIN or PG_TEST_URL): the server suite runs on SQLite only.');
    return [];
  }
  return [
    {
      test: {
        name: 'postgres',
        include: ['embedded-server/test/**/*.test.ts', 'e2e/conformance/**/*.test.ts'],
        exclude: [...SQLITE_FILE_TESTS, ...ENGINE_FREE_TESTS, '**/node_modules/**'],
        globalSetup: ['embedded-server/test/services/postgres-setup.ts'],
        ...timeouts,
      },
    },
  ];
}

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'sqlite',
          include: [
            'embedded-server/test/**/*.test.ts',
            'renderer/**/*.test.{ts,tsx}',
            'electron/**/*.test.ts',
            'e2e/conformance/**/*.test.ts',
          ],
          provide: { postgresUrl: '' },
          ...timeouts,
        },
      },
      ...onPostgres(),
    ],
  },
});
