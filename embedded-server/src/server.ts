import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { newToken } from './auth/tokens.js';
import { buildApp } from './app.js';
import { DEFAULT_REPLY_CACHE_MIB, type ServerConfig } from './config.js';
import { prepareDataFolder } from './db/data-folder.js';
import { openDatabase, type StorageError } from './db/open.js';
import { startStoreUpkeep, type StoreUpkeep } from './db/store-upkeep.js';
import { silentLog } from './db/migrations/index.js';
import { createStore } from './db/store.js';
import { createPostgresStore } from './db/postgres/store.js';
import type { StorePort } from './db/port.js';
import type { DomainContext } from './domain/context.js';
import { toEach } from './domain/events.js';
import { SignedInCache } from './domain/signed-in-cache.js';
import { ConnectionHub } from './realtime/hub.js';
import { ClusterRelay } from './realtime/cluster.js';
import { SharedPresence } from './realtime/shared-presence.js';
import { RealtimeFanout } from './realtime/fanout.js';
import type { RealtimeOptions } from './realtime/socket.js';
import { seedDemoWorkspace } from './seed/demo.js';
import { sweepUnsentUploads } from './domain/attachments.js';
import { Clock } from './qa/clock.js';

export interface RunningServer {
  url: string;
  appId: string;
  appToken: string;
  ctx: DomainContext;
  /** The SQLite file's check and snapshots while the server runs (PostgreSQL has its own tools). */
  upkeep: StoreUpkeep | null;
  close(): Promise<void>;
}

const DEFAULT_REALTIME: RealtimeOptions = { authTimeoutMs: 5000, heartbeatMs: 30_000 };

export interface StartOptions
  extends
    Omit<ServerConfig, 'database' | 'pubsub' | 'migrateOnly' | 'replyCacheMiB'>,
    Partial<Pick<ServerConfig, 'database' | 'pubsub' | 'replyCacheMiB'>> {
  /** Real-time timings (tests shorten them). */
  realtime?: Partial<RealtimeOptions>;
  /** The built renderer to serve at `/`, if any. */
  rendererDir?: string | null;
  /** Structured logs go here (stdout is kept for the ready line). */
  logStream?: NodeJS.WritableStream | null;
  /** How often uploads never sent are swept, besides at start-up (tests shorten it). */
  uploadSweepMs?: number;
  /**
   * Told when the check that runs in the background after start-up (or before a daily
   * snapshot) finds the database damaged. By then the server has stopped serving, so
   * nothing more is written to the file; its process should report the error and exit.
   */
  onStorageFailure?: (error: StorageError) => void;
}

const UPLOAD_SWEEP_MS = 60 * 60 * 1000;

export { DATABASE_FILE } from './db/data-folder.js';
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
  // The data folder is the user's alone: the folder 0700, the database 0600.
  const databaseFile = prepareDataFolder(options.dataDir);
  // One logger for the store (opened first, migrations log a line each) and the HTTP server.
  const logger = options.logStream ? pino({ level: options.logLevel }, options.logStream) : null;
  const storageLog = logger ? (line: object, msg: string) => logger.info(line, msg) : undefined;
  const store: StorePort = options.database
    ? await createPostgresStore(options.database, { log: storageLog })
    : createStore(openDatabase(databaseFile, storageLog));
  const hub = new ConnectionHub();
  const clock = new Clock();
  const signedIn = new SignedInCache();
  const ctx: DomainContext = {
    store,
    now: clock.now,
    presence: hub,
    // Until the real-time fan-out exists, only the cache of signed-in tokens listens.
    events: signedIn,
    attachmentsDir: join(options.dataDir, 'attachments'),
    signedIn,
  };
  const appToken = resolveAppToken(options.dataDir, options.appToken);
  // Instances that share a database share real time through Redis: who is online is the union
  // over them (so a message to someone connected elsewhere is pushed, not kept offline), and
  // each instance's events reach the connections of the others.
  const instanceId = randomUUID();
  const clusterLog = (line: object, msg: string) => logger?.warn(line, msg);
  const presence = options.pubsub
    ? new SharedPresence({ url: options.pubsub, instanceId, local: hub, log: clusterLog })
    : null;
  let relay: ClusterRelay | null = null;

  try {
    if (presence) {
      await presence.start();
      hub.listen(presence);
      ctx.presence = presence;
    }
    if (options.demo && (await store.users.search('', 1)).length === 0) await seedDemoWorkspace(ctx);
  } catch (error) {
    await presence?.stop();
    await store.close();
    throw error;
  }

  async function reset() {
    await store.empty();
    ctx.events.publish({ type: 'store.emptied' });
    if (options.demo) await seedDemoWorkspace(ctx);
  }

  // Uploads left unsent for a day go, at start-up and then every hour.
  const sweepUploads = () =>
    sweepUnsentUploads(ctx).then(
      (removed) => removed > 0 && logger?.info({ removed }, 'unsent uploads swept'),
      (error: unknown) => logger?.error({ err: error }, 'upload sweep failed'),
    );
  void sweepUploads();
  const uploadSweeper = setInterval(() => void sweepUploads(), options.uploadSweepMs ?? UPLOAD_SWEEP_MS);
  uploadSweeper.unref();

  // Events start flowing to live connections only once seeding is done.
  const fanout = new RealtimeFanout(ctx, hub, (error) => logger?.error({ err: error }, 'real-time event failed'));
  // Each event, this instance's or relayed from another, reaches the cache before the connections.
  const local = toEach(signedIn, fanout);
  ctx.events = local;
  if (options.pubsub) {
    relay = new ClusterRelay({ url: options.pubsub, instanceId, local, log: clusterLog });
    try {
      await relay.start();
    } catch (error) {
      clearInterval(uploadSweeper);
      await presence?.stop();
      await store.close();
      throw error;
    }
    ctx.events = relay;
  }
  const app = await buildApp({
    realtime: { hub, fanout, options: { ...DEFAULT_REALTIME, ...options.realtime } },
    ctx,
    appId: options.appId,
    appToken,
    host: options.host,
    allowedHosts: options.allowedHosts,
    rateLimit: options.rateLimit,
    sendRate: options.sendRate,
    uploadQuotaMiB: options.uploadQuotaMiB,
    replyCacheMiB: options.replyCacheMiB ?? DEFAULT_REPLY_CACHE_MIB,
    rendererDir: options.rendererDir ?? null,
    reset: options.allowReset ? reset : null,
    clock,
    logger,
  });
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    clearInterval(uploadSweeper);
    await app.close();
    await relay?.stop();
    await presence?.stop();
    await store.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`;

  let closing: Promise<void> | null = null;
  function close() {
    closing ??= (async () => {
      clearInterval(uploadSweeper);
      await app.close();
      // The check's own connection goes first: the checkpoint below must find no other reader.
      await upkeep?.stop();
      await relay?.stop();
      await presence?.stop();
      await store.close();
    })();
    return closing;
  }
  // A damaged file is refused, not written to: the server stops serving, then says why.
  const upkeep = options.database
    ? null
    : startStoreUpkeep(databaseFile, storageLog ?? silentLog, (error) => {
        logger?.error({ kind: error.kind }, error.message);
        const closed = close();
        // Not drained: a keep-alive client could otherwise go on writing until its connection times out.
        app.server.closeAllConnections();
        void closed.then(() => options.onStorageFailure?.(error));
      });
  return { url, appId: options.appId, appToken, ctx, close, upkeep };
}
