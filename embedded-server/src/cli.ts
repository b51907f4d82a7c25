import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseServerArgs, USAGE, UsageError } from './config.js';
import { StorageError } from './db/open.js';
import { startServer } from './server.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const rendererDir = fileURLToPath(new URL('../../renderer/dist/', import.meta.url));

/**
 * Builds the renderer when it is missing, so `npm run server` on a fresh checkout
 * serves the app. The build's output goes to stderr: stdout carries only the ready (or fatal) line.
 */
function ensureRenderer(): string | null {
  if (existsSync(`${rendererDir}index.html`)) return rendererDir;
  process.stderr.write('The renderer is not built yet; building it once…\n');
  const build = spawnSync('npm', ['run', '--silent', 'build:renderer'], {
    cwd: projectRoot,
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (build.status === 0 && existsSync(`${rendererDir}index.html`)) return rendererDir;
  process.stderr.write('The renderer could not be built; serving the API only.\n');
  return null;
}

async function main() {
  let config;
  try {
    config = parseServerArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    process.exit(2);
  }
  const server = await startServer({ ...config, rendererDir: ensureRenderer(), logStream: process.stderr });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1); // a second signal: stop now
    stopping = true;
    process.stderr.write(`${signal}: closing connections and checkpointing the database…\n`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  // Only now is the server ready *and* able to stop cleanly.
  process.stdout.write(`${JSON.stringify({ event: 'ready', url: server.url, appId: server.appId })}\n`);
  // A hint for a person at a terminal; a test runner or a supervisor reads the ready line.
  if (process.stderr.isTTY)
    process.stderr.write(`Messenger is running: open ${server.url} in a browser. Ctrl+C stops it.\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`The server could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  if (!(error instanceof StorageError)) process.exit(1);
  // Starting again cannot help until someone acts: one line says so to the program that started it.
  process.stdout.write(`${JSON.stringify(error.toEvent())}\n`, () => process.exit(StorageError.exitCode));
});
