/**
 * The embedded server's entry in Electron's utility process: SQLite and HTTP run off
 * the main process. It starts from the same command line as `npm run server`, reports
 * readiness (or a database it can never open) to the main process, and shuts down
 * cleanly when asked.
 */
import { parseServerArgs, startServer, StorageError } from '../../embedded-server/src/index.js';

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
  const server = await startServer({ ...config, rendererDir, logStream: process.stderr });
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

main().catch((error: unknown) => {
  process.stderr.write(`The embedded server could not start: ${String(error)}\n`);
  if (!(error instanceof StorageError)) process.exit(1);
  report(error.toEvent());
  // The port delivers asynchronously: exiting at once could lose the message. The exit code
  // alone already stops the restarts; the message tells the user what to do.
  setTimeout(() => process.exit(StorageError.exitCode), 200);
});
