import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseServerArgs, USAGE, UsageError, type MaintenanceTask } from './config.js';
import { restoreSnapshot } from './db/backups.js';
import { DATABASE_FILE } from './db/data-folder.js';
import { StorageError, verifyDatabase } from './db/open.js';
import { startServer } from './server.js';
import { createPostgresStore } from './db/postgres/store.js';
import { latestSchemaVersion } from './db/migrations/index.js';

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

/** Prints one line of JSON on stdout, for the program that started this one, and exits once it is written. */
function reportAndExit(event: object, code: number): void {
  process.stdout.write(`${JSON.stringify(event)}\n`, () => process.exit(code));
}

/** A one-off task on the data folder's database; a StorageError it throws is reported as a start-up's is. */
function runTask(task: MaintenanceTask, dataDir: string): void {
  const file = join(dataDir, DATABASE_FILE);
  if (task.kind === 'check-integrity') {
    reportAndExit({ event: 'integrity', result: 'ok', file, ms: verifyDatabase(file) }, 0);
    return;
  }
  const { from, setAside, skipped } = restoreSnapshot(file, task.snapshot);
  for (const { path, damage } of skipped) process.stderr.write(`Passed over ${path}: it is damaged too (${damage}).\n`);
  process.stderr.write(
    `Restored ${file} from ${from}.${setAside ? ` The database it replaced is kept as ${setAside}.` : ''}\n`,
  );
  reportAndExit({ event: 'restored', from, setAside, skipped: skipped.map(({ path }) => path) }, 0);
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
  if (config.task) return runTask(config.task, config.dataDir);
  if (config.migrateOnly) {
    // Opening the store brings its schema up to date (one instance at a time); then exit.
    const store = await createPostgresStore(config.database!, {
      log: (line, msg) => process.stderr.write(`${msg} ${JSON.stringify(line)}\n`),
    });
    await store.close();
    return reportAndExit({ event: 'migrated', version: latestSchemaVersion }, 0);
  }
  const server = await startServer({
    ...config,
    rendererDir: ensureRenderer(),
    logStream: process.stderr,
    // Found after start-up by the background check: the server has stopped serving already.
    onStorageFailure: reportFatal,
  });
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

/** Starting again cannot help until someone acts: one line says so to the program that started this one. */
function reportFatal(error: StorageError): void {
  process.stderr.write(`${error.message}\n`);
  reportAndExit(error.toEvent(), StorageError.exitCode);
}

main().catch((error: unknown) => {
  if (error instanceof StorageError) return reportFatal(error);
  process.stderr.write(`The server could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
