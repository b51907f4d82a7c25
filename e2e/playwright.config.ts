import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.js';

/**
 * End-to-end tests in Debian's Chromium (`apt-get install chromium`) against a real
 * server on a fresh data folder. Playwright's own browser download is never used.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.e2e.ts',
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
