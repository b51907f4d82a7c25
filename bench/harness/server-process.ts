/**
 * The server as the benchmark runs it, in a process of its own: the same command line
 * and start-up as `npm run server` (structured logs on stderr), without the renderer
 * (the benchmark measures the API; building the renderer on a fresh checkout would only
 * add noise) unless `--renderer-dir DIR`, the harness's own option, names a built one.
 * The ready line also tells where the start-up time went.
 */
const args = process.argv.slice(2);
const rendererAt = args.indexOf('--renderer-dir');
const rendererDir = rendererAt === -1 ? null : args.splice(rendererAt, 2)[1]!;
const { parseServerArgs } = await import('../../embedded-server/src/config.js');
const { startServer } = await import('../../embedded-server/src/server.js');
const loaded = performance.now();

const server = await startServer({
  ...parseServerArgs(args),
  rendererDir,
  logStream: process.stderr,
});
const ready = performance.now();

const stop = () => void server.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

// performance.now() counts from the start of the process.
process.stdout.write(
  `${JSON.stringify({
    event: 'ready',
    url: server.url,
    appId: server.appId,
    startup: { loadMs: loaded, startServerMs: ready - loaded },
  })}\n`,
);
