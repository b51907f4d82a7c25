/**
 * `npm run test:e2e:fast`: builds the renderer and the desktop bundle only when what they are
 * built from changed since their last build here. Each build's output folder keeps a stamp:
 * a hash of the paths and contents of its sources, and when the output was written. A
 * missing stamp (a fresh checkout) or a stale one (a build run by hand since) means "build".
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const STAMP = '.source-hash';

interface Build {
  script: string;
  output: string;
  /** Files and folders (searched whole) the build reads. */
  sources: string[];
}

const BUILDS: Build[] = [
  {
    script: 'build:renderer',
    output: 'renderer/dist',
    // The renderer reads the server's contract, and the lock file pins what it bundles.
    sources: [
      'renderer/src',
      'renderer/public',
      'renderer/index.html',
      'renderer/vite.config.ts',
      'embedded-server/src/contract',
      'package-lock.json',
    ],
  },
  {
    script: 'build:desktop',
    output: 'electron/dist',
    // The bundle carries the whole server.
    sources: [
      'electron/src',
      'electron/build.ts',
      'electron/server-bundle.ts',
      'embedded-server/src',
      'package-lock.json',
    ],
  },
];

function filesUnder(path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return (
    readdirSync(full, { recursive: true, encoding: 'utf8' })
      .map((name) => join(path, name))
      // A unit test is no part of a build.
      .filter((file) => !/\.test\.tsx?$/.test(file) && statSync(join(root, file)).isFile())
  );
}

function sourceHash(sources: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of sources.flatMap(filesUnder).sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
  }
  return hash.digest('hex');
}

/** When the output last changed: a build run by hand since the stamp makes the stamp stale. */
const builtAt = (output: string) =>
  Math.max(
    0,
    ...filesUnder(output)
      .filter((file) => !file.endsWith(STAMP))
      .map((file) => statSync(join(root, file)).mtimeMs),
  );

for (const { script, output, sources } of BUILDS) {
  const stamp = join(root, output, STAMP);
  const hash = sourceHash(sources);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === `${hash} ${builtAt(output)}`) {
    process.stdout.write(`${script}: sources unchanged since the last build, not rebuilt\n`);
    continue;
  }
  process.stdout.write(`${script}: sources changed since the last build (or no build recorded), building\n`);
  const build = spawnSync('npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  writeFileSync(stamp, `${hash} ${builtAt(output)}`);
}
