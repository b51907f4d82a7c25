import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'embedded-server/test/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'electron/**/*.test.ts',
      'e2e/conformance/**/*.test.ts',
    ],
    // Each server test file starts its own server on its own temporary folder.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
