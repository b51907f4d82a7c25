import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseServerArgs } from '../../embedded-server/src/index.js';

/**
 * Web mode's port, kept in the data folder. The browser keys the page's storage (the session,
 * settings, drafts, cached chats) by origin, port included: a new port at every start would
 * sign the user out and forget the rest. Kept with the data, since a session is only good
 * for the server that holds that data.
 */
const portFile = (dataDir: string) => join(dataDir, 'web-mode-port');

function rememberedPort(dataDir: string): number | null {
  try {
    const port = Number(readFileSync(portFile(dataDir), 'utf8').trim());
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
  } catch {
    return null; // the first start on this folder
  }
}

/** Whether nothing listens on the port yet: a listener of our own opens and closes at once. */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => done(true)));
  });
}

export interface WebModeServer {
  /** The server's command line. */
  args: string[];
  /** Called with the ready URL: keeps its port for the next start. */
  started(url: string): void;
}

/**
 * The server's command line for web mode: the demo workspace in `./data`, on the port this
 * data folder used last time; on any free port the first time, or when another program now
 * holds that one (then the new port is kept instead; the page's storage at the old address
 * stays behind, and the user signs in again once). A `--port` of the user's own is used as
 * given, and not remembered.
 */
export async function webModeServer(root: string, userArgs: string[]): Promise<WebModeServer> {
  const defaults = ['--data-dir', 'data', '--demo'];
  const givenPort = userArgs.some((arg) => arg === '--port' || arg.startsWith('--port='));
  let config;
  try {
    config = parseServerArgs([...defaults, ...userArgs]);
  } catch {
    config = null; // the server itself explains what is wrong with the command line
  }
  if (givenPort || !config) return { args: [...defaults, '--port', '0', ...userArgs], started: () => undefined };
  const dataDir = resolve(root, config.dataDir);
  const remembered = rememberedPort(dataDir);
  const port = remembered !== null && (await isPortFree(config.host, remembered)) ? remembered : 0;
  return {
    args: [...defaults, '--port', String(port), ...userArgs],
    started: (url) => {
      const chosen = Number(new URL(url).port);
      if (chosen !== remembered) writeFileSync(portFile(dataDir), `${chosen}\n`);
    },
  };
}
