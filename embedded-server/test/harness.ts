import { mkdtempSync, rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { inject } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../src/server.js';
import type { Db } from '../src/db/open.js';
import type { SqliteStore } from '../src/db/store.js';
import type { PostgresStore } from '../src/db/postgres/store.js';
import { startPostgres, withClient, type PostgresService } from './services/postgres.js';
import './services/postgres-setup.js';
import { DEFAULT_SEND_RATE, DEFAULT_UPLOAD_QUOTA_MIB } from '../src/config.js';
import type { OfflineMessageWire, UserProfile } from '../src/contract/wire.js';

export const APP_TOKEN = 'test-app-token-0123456789abcdef';

/** Seed 000's offline message keys, in its order, and the shape of an offline message id. */
export const OFFLINE_KEYS = ['id', 'msg', 'time', 'type', 'dealt', 'extraInfo'];
export const OFFLINE_ID = /^[a-z][a-z0-9]{11}$/;
export type OfflineMessage = OfflineMessageWire;

/** A signed-up user: its token and its profile. */
export interface Account {
  token: string;
  user: UserProfile;
}

// Tests read JSON replies freely and assert their shape field by field, hence `any`.
/* eslint-disable @typescript-eslint/no-explicit-any */
export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string | null;
  body?: unknown;
  /** A raw body sent as is (with the given content type). */
  raw?: string | Blob;
  headers?: Record<string, string>;
}

export interface TestServer {
  url: string;
  server: RunningServer;
  dataDir: string;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<Reply<T>>;
  get<T = any>(path: string, token?: string | null): Promise<Reply<T>>;
  post<T = any>(path: string, body?: unknown, token?: string | null): Promise<Reply<T>>;
  /** Registers a fresh account and returns its token and user. */
  signUp(username: string, role?: 'MEMBER' | 'SALER'): Promise<Account>;
  /** Stops the server; its data folder goes too, unless kept for a restart. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * The engine the suite runs on: SQLite, or (in the `server-postgres` project) a database of
 * its own in the PostgreSQL the run started, kept with the data folder across a restart.
 */
const postgresUrl = inject('postgresUrl');
let postgres: Promise<PostgresService> | null = null;
const databases = new Map<string, string>();

async function databaseFor(dataDir: string): Promise<string | undefined> {
  if (!postgresUrl) return undefined;
  postgres ??= ((process.env.PG_TEST_URL = postgresUrl), startPostgres());
  const database = databases.get(dataDir) ?? (await (await postgres).createDatabase());
  databases.set(dataDir, database);
  return database;
}

async function dropDatabaseOf(dataDir: string): Promise<void> {
  const database = databases.get(dataDir);
  if (!database) return;
  databases.delete(dataDir);
  await withClient(postgresUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${new URL(database).pathname.slice(1)} WITH (FORCE)`),
  );
}

/** Starts a real server on a free loopback port over a new temporary data folder. */
/** A stream that keeps each line written to it. */
function linesInto(lines: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((line) => line !== ''),
      );
      done();
    },
  });
}

export async function startTestServer(
  options: {
    demo?: boolean;
    allowReset?: boolean;
    rateLimit?: number;
    /** Messages a second per user; the server's default unless a test sends faster than a person. */
    sendRate?: number;
    uploadQuotaMiB?: number;
    /** MiB of replies kept (http/reply-cache.ts); the server's default unless given. */
    replyCacheMiB?: number;
    uploadSweepMs?: number;
    /** An existing data folder (a restart); a new temporary one by default. */
    dataDir?: string;
    /** A fixed port (a restart at the same address); a free one by default. */
    port?: number;
    appId?: string;
    realtime?: { authTimeoutMs?: number; heartbeatMs?: number };
    /** Collects what the server logs at `warn` and above (one JSON text a line); nothing is logged by default. */
    logLines?: string[];
  } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'messenger-test-'));
  const server = await startServer({
    dataDir,
    database: await databaseFor(dataDir),
    port: options.port ?? 0,
    host: '127.0.0.1',
    demo: options.demo ?? false,
    appToken: APP_TOKEN,
    appId: options.appId ?? 'JH',
    allowReset: options.allowReset ?? false,
    rateLimit: options.rateLimit ?? 0,
    sendRate: options.sendRate ?? DEFAULT_SEND_RATE,
    uploadQuotaMiB: options.uploadQuotaMiB ?? DEFAULT_UPLOAD_QUOTA_MIB,
    replyCacheMiB: options.replyCacheMiB,
    allowedHosts: [],
    logLevel: options.logLines ? 'warn' : 'silent',
    logStream: options.logLines ? linesInto(options.logLines) : null,
    realtime: options.realtime,
    uploadSweepMs: options.uploadSweepMs,
  });

  async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Blob | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(server.url + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: the test reads `text`
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  return {
    url: server.url,
    server,
    dataDir,
    request,
    get: (path, token) => request('GET', path, { token }),
    post: (path, body, token) => request('POST', path, { token, body }),
    async signUp(username, role = 'MEMBER') {
      const reply = await request<any>('POST', '/api/auth/register', {
        body: { username, password: 'password-123', nickname: `${username} 昵称`, role },
      });
      if (reply.status !== 201) throw new Error(`sign-up failed: ${reply.text}`);
      return reply.body.data;
    },
    async close({ keepData = false } = {}) {
      await server.close();
      if (keepData) return;
      rmSync(dataDir, { recursive: true, force: true });
      await dropDatabaseOf(dataDir);
    },
  };
}

/** The keys of an object, in order. */
export const keysOf = (value: object) => Object.keys(value);

/**
 * Rows of a query of the test's own, on whichever engine the server runs: SQL both speak,
 * with `?` for each parameter.
 */
export async function storeRows<T>(server: RunningServer, sql: string, ...params: unknown[]): Promise<T[]> {
  const { store } = server.ctx;
  if (store.engine === 'sqlite') {
    const statement = (store as SqliteStore).db.prepare(sql);
    if (statement.reader) return statement.all(...params) as T[];
    statement.run(...params);
    return [];
  }
  let n = 0;
  return (store as PostgresStore).session.rows<T>(
    sql.replace(/\?/g, () => `$${++n}`),
    params,
  );
}

/** The SQLite connection under a server, for tests that read or plant rows with SQL of their own. */
export function sqliteDb(server: RunningServer): Db {
  const { store } = server.ctx;
  if (store.engine !== 'sqlite') throw new Error('this test reads the SQLite file itself');
  return (store as SqliteStore).db;
}
