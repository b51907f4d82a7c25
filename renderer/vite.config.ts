import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built into renderer/dist, which the embedded server serves at `/`.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
    // Fonts stay files: the page's CSP (font-src 'self') refuses a font inlined as a data: URL.
    assetsInlineLimit: (file) => (file.endsWith('.woff2') ? false : undefined),
  },
  logLevel: 'warn',
});
