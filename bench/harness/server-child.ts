import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
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
}

/** Starts the server in a process of its own and waits for its ready line. */
export async function startServerChild(options: ServerChildOptions): Promise<ServerChild> {
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
    ],
    { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', log] },
  );
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const line = await firstLine(child, exited);
    const readyAt = performance.now();
    const ready = JSON.parse(line) as { url: string; startup: Omit<StartupTimings, 'spawnToReadyMs'> };
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
