import { defineConfig } from '@playwright/test';
import base from './playwright.config.js';

/** `npm run screens`: renders every screen, in both languages and both themes, for a person to look at. */
export default defineConfig({
  ...base,
  testMatch: '**/*.screens.ts',
  reporter: [['list']],
});
