import type { BuildOptions } from 'esbuild';

/**
 * How the embedded server is bundled for shipping (electron/build.ts) and for measuring
 * it as shipped (bench/). Its JavaScript dependencies go into the bundle: resolving and
 * loading a few hundred files of node_modules one by one was most of the server's
 * start-up. better-sqlite3 stays outside, being a native module that electron-builder
 * rebuilds for Electron; the bundle's CommonJS dependencies get a `require` of their own.
 */
export const serverBundleOptions: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: ['better-sqlite3'],
  // Under a name of its own: a bundled module's own `import { createRequire }` lands in the same scope.
  banner: {
    js: "import { createRequire as createBundleRequire } from 'node:module'; const require = createBundleRequire(import.meta.url);",
  },
  logLevel: 'warning',
};
