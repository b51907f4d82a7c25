/**
 * The embedded server's entry in Electron's utility process: SQLite and HTTP run off
 * the main process. It starts from the same command line as `npm run server`, reports
 * readiness to the main process, and shuts down cleanly when asked.
 */
import { parseServerArgs } from '../../embedded-server/src/config.js';
import { startServer } from '../../embedded-server/src/server.js';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

// Electron's utility process has a parent port; run by plain Node (to check the bundle),
// it reports on stdout like `npm run server` and stops on SIGTERM.
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

async function main() {
  const config = parseServerArgs(process.argv.slice(2));
  const rendererDir = process.env.MESSENGER_RENDERER_DIR ?? null;
  const server = await startServer({ ...config, rendererDir, logStream: process.stderr });
  const shutDown = () => void server.close().then(() => process.exit(0));
  const ready = { event: 'ready', url: server.url, appId: server.appId };
  if (!parentPort) {
    process.on('SIGTERM', shutDown);
    process.stdout.write(`${JSON.stringify(ready)}\n`);
    return;
  }
  parentPort.on('message', ({ data }) => {
    if ((data as { type?: string } | null)?.type === 'shutdown') shutDown();
  });
  parentPort.postMessage(ready);
}

main().catch((error: unknown) => {
  process.stderr.write(`The embedded server could not start: ${String(error)}\n`);
  process.exit(1);
});
