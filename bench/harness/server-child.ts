import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SERVER_PROCESS = fileURLToPath(new URL('./server-process.ts', import.meta.url));

export interface StartupTimings {
  /** From spawning the process to reading its ready line. */
  spawnToReadyMs: number;
  /** Inside the process, from its start: Node's start and loading the server's modules (compiled by tsx unless bundled). */
  loadMs: number;
  /** startServer(): opening the store, building the routes, listening. */
  startServerMs: number;
}

export interface ServerChild {
  url: string;
  pid: number;
  startup: StartupTimings;
  /** Resident memory now and at its highest, in MiB (Linux), or null where /proc is missing. */
  memory(): { rssMiB: number; peakMiB: number } | null;
  stop(): Promise<void>;
}

export interface ServerChildOptions {
  dataDir: string;
  /** Where the server's structured logs go (its stderr). */
  logFile: string;
  /** The server's default is `info`: a line per request and per reply. */
  logLevel?: string;
  /** Write a V8 CPU profile into this folder when the server stops. */
  cpuProfileDir?: string;
  /** Start this bundle (see server-bundle.ts) with plain Node instead of the TypeScript sources under tsx. */
  bundle?: string;
  /** Serve this built renderer at `/` (see renderer-bundle.ts); by default the server serves the API alone. */
  rendererDir?: string;
  /** Keep everything in this PostgreSQL database (`--database`) instead of the folder's SQLite file. */
  database?: string;
  /** Share real time with the other instances through this Redis (`--pubsub`). */
  pubsub?: string;
  /** `--reply-cache MIB`: 0 makes every reply anew; the server's default otherwise. */
  replyCacheMiB?: number;
}

/**
 * The server's background look at its database as it starts (an integrity check of a large
 * store, a first snapshot of a new data folder): seconds of a core and the disk, which the
 * measurements must not share. It says when it starts (before the ready line) and ends.
 */
const UPKEEP_STARTED = /integrity check started in the background/;
const UPKEEP_DONE = /integrity checked in the background|the background integrity check could not run/;

/** Waits, when the log past `from` says the start-up upkeep began, until it says it ended (at most `timeoutMs`). */
async function upkeepDone(file: string, from: number, timeoutMs: number): Promise<void> {
  const since = () => readFileSync(file).subarray(from).toString();
  if (!UPKEEP_STARTED.test(since())) return;
  const until = performance.now() + timeoutMs;
  while (performance.now() < until && !UPKEEP_DONE.test(since()))
    await new Promise((resolve) => setTimeout(resolve, 100));
}

/** Starts the server in a process of its own and waits for its ready line, then for its start-up upkeep. */
export async function startServerChild(options: ServerChildOptions): Promise<ServerChild> {
  const logFrom = existsSync(options.logFile) ? statSync(options.logFile).size : 0;
  const log = openSync(options.logFile, 'a');
  const nodeArgs = options.cpuProfileDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfileDir] : [];
  const spawned = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      ...(options.bundle ? [options.bundle] : ['--import', 'tsx', SERVER_PROCESS]),
      '--data-dir',
      options.dataDir,
      '--port',
      '0',
      '--log-level',
      options.logLevel ?? 'info',
      // The benchmark measures what the server can take, not the per-user send limit.
      '--send-rate',
      '0',
      ...(options.rendererDir ? ['--renderer-dir', options.rendererDir] : []),
      ...(options.database ? ['--database', options.database] : []),
      ...(options.pubsub ? ['--pubsub', options.pubsub] : []),
      ...(options.replyCacheMiB !== undefined ? ['--reply-cache', String(options.replyCacheMiB)] : []),
    ],
    { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', log] },
  );
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const line = await firstLine(child, exited);
    const readyAt = performance.now();
    const ready = JSON.parse(line) as { url: string; startup: Omit<StartupTimings, 'spawnToReadyMs'> };
    await upkeepDone(options.logFile, logFrom, 120_000);
    return {
      url: ready.url,
      pid: child.pid!,
      startup: { spawnToReadyMs: readyAt - spawned, ...ready.startup },
      memory: () => memoryOf(child.pid!),
      async stop() {
        if (child.exitCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(timer);
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`the server did not start (see ${options.logFile}): ${(error as Error).message}`, { cause: error });
  }
}

function firstLine(child: ChildProcess, exited: Promise<number | null>): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  return Promise.race([
    new Promise<string>((resolve) => lines.once('line', resolve)),
    exited.then((code) => Promise.reject(new Error(`it exited with code ${code}`))),
    new Promise<string>((_, reject) =>
      setTimeout(() => reject(new Error('no ready line within 60 s')), 60_000).unref(),
    ),
  ]);
}

function memoryOf(pid: number): { rssMiB: number; peakMiB: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
  } catch {
    return null;
  }
}
