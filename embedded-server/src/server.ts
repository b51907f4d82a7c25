import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { newToken } from './auth/tokens.js';
import { buildApp } from './app.js';
import type { ServerConfig } from './config.js';
import { closeDatabase, openDatabase } from './db/open.js';
import { createStore } from './db/store.js';
import type { DomainContext } from './domain/context.js';
import { discardEvents } from './domain/events.js';
import { ConnectionHub } from './realtime/hub.js';
import { RealtimeFanout } from './realtime/fanout.js';
import type { RealtimeOptions } from './realtime/socket.js';
import { seedDemoWorkspace } from './seed/demo.js';
import { Clock } from './qa/clock.js';

export interface RunningServer {
  url: string;
  appId: string;
  appToken: string;
  ctx: DomainContext;
  close(): Promise<void>;
}

const DEFAULT_REALTIME: RealtimeOptions = { authTimeoutMs: 5000, heartbeatMs: 30_000 };

export interface StartOptions extends ServerConfig {
  /** Real-time timings (tests shorten them). */
  realtime?: Partial<RealtimeOptions>;
  /** The built renderer to serve at `/`, if any. */
  rendererDir?: string | null;
  /** Structured logs go here (stdout is kept for the ready line). */
  logStream?: NodeJS.WritableStream | null;
}

export const DATABASE_FILE = 'messenger.db';
const APP_TOKEN_FILE = 'app-token';

/** The app token: given, or generated once and kept (owner-readable only) in the data folder. */
function resolveAppToken(dataDir: string, given: string | null): string {
  if (given) return given;
  const file = join(dataDir, APP_TOKEN_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const token = newToken();
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}

/** Starts the embedded server: the store, the HTTP API, and (in web mode) the renderer. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  // The data folder is the user's alone: the folder 0700, the database 0600 (SQLite gives
  // its -wal and -shm files the database file's mode).
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const databaseFile = join(options.dataDir, DATABASE_FILE);
  closeSync(openSync(databaseFile, 'a', 0o600));
  chmodSync(databaseFile, 0o600);
  // One logger for the store (opened first, migrations log a line each) and the HTTP server.
  const logger = options.logStream ? pino({ level: options.logLevel }, options.logStream) : null;
  const db = openDatabase(databaseFile, logger ? (line, msg) => logger.info(line, msg) : undefined);
  const store = createStore(db);
  const hub = new ConnectionHub();
  const clock = new Clock();
  const ctx: DomainContext = {
    store,
    now: clock.now,
    presence: hub,
    events: discardEvents,
    attachmentsDir: join(options.dataDir, 'attachments'),
  };
  const appToken = resolveAppToken(options.dataDir, options.appToken);

  try {
    if (options.demo && !db.prepare('SELECT 1 FROM users LIMIT 1').get()) await seedDemoWorkspace(ctx);
  } catch (error) {
    closeDatabase(db);
    throw error;
  }

  async function reset() {
    store.empty();
    if (options.demo) await seedDemoWorkspace(ctx);
  }

  // Events start flowing to live connections only once seeding is done.
  const fanout = new RealtimeFanout(ctx, hub);
  ctx.events = fanout;
  const app = await buildApp({
    realtime: { hub, fanout, options: { ...DEFAULT_REALTIME, ...options.realtime } },
    ctx,
    appId: options.appId,
    appToken,
    host: options.host,
    allowedHosts: options.allowedHosts,
    rateLimit: options.rateLimit,
    rendererDir: options.rendererDir ?? null,
    reset: options.allowReset ? reset : null,
    clock,
    logger,
  });
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    await app.close();
    closeDatabase(db);
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;

  let closing: Promise<void> | null = null;
  return {
    url,
    appId: options.appId,
    appToken,
    ctx,
    close() {
      closing ??= (async () => {
        await app.close();
        closeDatabase(db);
      })();
      return closing;
    },
  };
}
