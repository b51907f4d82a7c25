import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.js';

/**
 * End-to-end tests in Debian's Chromium (`apt-get install chromium`) against a real
 * server on a fresh data folder. Playwright's own browser download is never used.
 *
 * Playwright finds test files only under `testDir`; a folder named on the command line
 * (`npx playwright test -c e2e/playwright.config.ts my-tests/`) only filters those. So the
 * search starts at the project's top, and takes this folder's `*.e2e.ts` and a `*.spec.ts`
 * in any folder (QA's own tests, written with e2e/kit). node_modules is never searched.
 */
export default defineConfig({
  testDir: '..',
  testMatch: ['e2e/**/*.e2e.ts', '**/*.spec.ts'],
  testIgnore: ['**/dist/**', 'release/**'],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: process.env.E2E_JSON_REPORT ?? 'test-results/e2e.json' }]],
  use: {
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    launchOptions: chromiumLaunchOptions,
    trace: 'off',
  },
});
