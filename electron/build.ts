/**
 * Bundles the desktop shell into electron/dist: the main process and the preload as
 * CommonJS (what Electron loads for them), the server entry as ESM. Dependencies stay
 * in node_modules (better-sqlite3 is native; electron-builder packs and rebuilds it).
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const common = { bundle: true, platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning' } as const;

await Promise.all([
  build({ ...common, entryPoints: [here('src/main.ts')], outfile: here('dist/main.cjs'), format: 'cjs' }),
  build({ ...common, entryPoints: [here('src/preload.ts')], outfile: here('dist/preload.cjs'), format: 'cjs' }),
  build({ ...common, entryPoints: [here('src/server-entry.ts')], outfile: here('dist/server.mjs'), format: 'esm' }),
]);
