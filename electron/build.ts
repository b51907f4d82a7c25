/**
 * Bundles the desktop shell into electron/dist: the main process and the preload as
 * CommonJS (what Electron loads for them), with their dependencies left in node_modules;
 * the server entry as ESM, with its dependencies inside (see server-bundle.ts).
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { serverBundleOptions } from './server-bundle.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const common = { bundle: true, platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning' } as const;

await Promise.all([
  build({ ...common, entryPoints: [here('src/main.ts')], outfile: here('dist/main.cjs'), format: 'cjs' }),
  build({ ...common, entryPoints: [here('src/preload.ts')], outfile: here('dist/preload.cjs'), format: 'cjs' }),
  build({ ...serverBundleOptions, entryPoints: [here('src/server-entry.ts')], outfile: here('dist/server.mjs') }),
]);
