import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The renderer is built into renderer/dist, which the embedded server serves at `/`.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true },
  logLevel: 'warn',
});
