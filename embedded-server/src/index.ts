/**
 * The server as other programs start it: the desktop shell (electron/) and the
 * benchmark harness reach it only through this module.
 */
export { startServer, type RunningServer, type StartOptions } from './server.js';
export { parseServerArgs, UsageError, USAGE, type ServerConfig } from './config.js';
export { StorageError } from './db/open.js';
/** The renderer's Content-Security-Policy, for the desktop shell's security scan. */
export { RENDERER_CSP } from './app.js';
