/**
 * The embedded server's entry in Electron's utility process: SQLite and HTTP run off
 * the main process. It starts from the same command line as `npm run server`, reports
 * readiness (or a database it can never open, or a port already taken) to the main
 * process, and shuts down cleanly when asked.
 */
import { parseServerArgs, startServer, StorageError } from '../../embedded-server/src/index.js';
import { PORT_TAKEN_EXIT_CODE } from './server-supervisor.js';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

// Electron's utility process has a parent port; run by plain Node (to check the bundle),
// it reports on stdout like `npm run server` and stops on SIGTERM.
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function report(event: object) {
  if (parentPort) parentPort.postMessage(event);
  else process.stdout.write(`${JSON.stringify(event)}\n`);
}

async function main() {
  const config = parseServerArgs(process.argv.slice(2));
  const rendererDir = process.env.MESSENGER_RENDERER_DIR ?? null;
  // Damage the check after start-up finds has stopped the server already: reported as at start-up.
  const server = await startServer({ ...config, rendererDir, logStream: process.stderr, onStorageFailure: fail });
  const shutDown = () => void server.close().then(() => process.exit(0));
  if (parentPort) {
    parentPort.on('message', ({ data }) => {
      if ((data as { type?: string } | null)?.type === 'shutdown') shutDown();
    });
  } else {
    process.on('SIGTERM', shutDown);
  }
  report({ event: 'ready', url: server.url, appId: server.appId });
}

/** What the supervisor is told when the server cannot start, beyond a plain crash. */
function explain(error: unknown): { event: object; code: number } | null {
  if (error instanceof StorageError) return { event: error.toEvent(), code: StorageError.exitCode };
  // Another program listens on the port asked for: the supervisor moves to a free one.
  if ((error as { code?: unknown } | null)?.code === 'EADDRINUSE')
    return { event: { event: 'port-taken' }, code: PORT_TAKEN_EXIT_CODE };
  return null;
}

function fail(error: unknown) {
  process.stderr.write(`The embedded server could not start: ${String(error)}\n`);
  const known = explain(error);
  if (!known) process.exit(1);
  report(known.event);
  // The port delivers asynchronously: exiting at once could lose the message. The exit code
  // alone already tells the supervisor what happened; the message says it in words.
  setTimeout(() => process.exit(known.code), 200);
}

main().catch(fail);
