import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { serverBundleOptions } from '../../electron/server-bundle.js';
import { PROJECT_ROOT } from './server-child.js';

/**
 * Bundles the benchmark's server launcher into one ESM file, the way electron/build.ts
 * bundles the server for the desktop app (with the same options): started
 * from it, the server skips compiling TypeScript at start-up, as it does when shipped.
 * The bundle lives in node_modules/.cache, where its imports resolve.
 */
export async function bundleServer(): Promise<string> {
  // Two levels below the project, like electron/dist/server.mjs: the server reads ../../package.json.
  const folder = join(PROJECT_ROOT, 'node_modules', '.cache');
  mkdirSync(folder, { recursive: true });
  const outfile = join(folder, 'messenger-bench-server.mjs');
  await build({
    entryPoints: [join(PROJECT_ROOT, 'bench', 'harness', 'server-process.ts')],
    outfile,
    ...serverBundleOptions,
    // CPU profiles of the bundle are mapped back to the sources' files and lines through it.
    sourcemap: 'external',
  });
  return outfile;
}
