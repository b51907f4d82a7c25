import { parseArgs } from 'node:util';

export interface ServerConfig {
  dataDir: string;
  port: number;
  host: string;
  /** Fill an empty data folder with the demo workspace. */
  demo: boolean;
  /** The high-permission token; generated into the data folder when not given. */
  appToken: string | null;
  appId: string;
  allowReset: boolean;
  /** Requests per second per token; 0 is off. */
  rateLimit: number;
  allowedHosts: string[];
  logLevel: string;
}

export class UsageError extends Error {}

export const USAGE = `Usage: npm run server -- --data-dir DIR [--port 0] [--host 127.0.0.1] [--demo]
  [--app-token T] [--app-id JH] [--allow-reset] [--rate-limit N] [--allowed-host NAME]... [--log-level info]`;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Reads the command line of API.md §4 (and `EMBEDDED_SERVER_APP_TOKEN` from the environment). */
export function parseServerArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServerConfig {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        demo: { type: 'boolean', default: false },
        'app-token': { type: 'string' },
        'app-id': { type: 'string', default: 'JH' },
        'allow-reset': { type: 'boolean', default: false },
        'rate-limit': { type: 'string' },
        'allowed-host': { type: 'string', multiple: true, default: [] },
        'log-level': { type: 'string', default: 'info' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const dataDir = values['data-dir'];
  if (!dataDir) throw new UsageError('--data-dir is required');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0..65535');
  const appToken = values['app-token'] ?? env.EMBEDDED_SERVER_APP_TOKEN ?? null;
  if (appToken !== null && !/^[\x21-\x7e]{16,512}$/.test(appToken))
    throw new UsageError('--app-token must be 16..512 printable characters');
  const appId = values['app-id'];
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(appId)) throw new UsageError('--app-id must be 1..64 letters, digits, _ or -');
  // Off on loopback (one user's own machine); on by default when reachable from the network.
  const defaultRate = LOOPBACK.has(values.host) ? 0 : 50;
  const rateLimit = values['rate-limit'] === undefined ? defaultRate : Number(values['rate-limit']);
  if (!Number.isInteger(rateLimit) || rateLimit < 0) throw new UsageError('--rate-limit must be a whole number ≥ 0');
  return {
    dataDir,
    port,
    host: values.host,
    demo: values.demo,
    appToken,
    appId,
    allowReset: values['allow-reset'],
    rateLimit,
    allowedHosts: values['allowed-host'],
    logLevel: values['log-level'],
  };
}
