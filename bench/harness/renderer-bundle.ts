import { join } from 'node:path';
import { build } from 'vite';
import { PROJECT_ROOT } from './server-child.js';

/**
 * Builds the renderer as `npm run build:renderer` does (React in production mode,
 * minified) into a folder of the benchmark's own: the figures are those of the sources
 * as they are now, and renderer/dist, which the end-to-end tests serve, is left alone.
 */
export async function buildRenderer(): Promise<string> {
  const outDir = join(PROJECT_ROOT, 'node_modules', '.cache', 'messenger-bench-renderer');
  await build({
    configFile: join(PROJECT_ROOT, 'renderer', 'vite.config.ts'),
    build: { outDir, emptyOutDir: true },
    logLevel: 'warn',
  });
  return outDir;
}
