import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A PostgreSQL server for tests, and fresh databases in it. */
export interface PostgresService {
  /** The server's maintenance database. */
  url: string;
  /** Creates an empty database; its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server started for the tests (and deletes its folder), or drops the databases made in `PG_TEST_URL`'s. */
  stop(): Promise<void>;
  /** Shuts the server down as an outage would (its data kept), and starts it again on the same port. */
  halt(): Promise<void>;
  resume(): Promise<void>;
}

/**
 * The folder holding initdb, pg_ctl and postgres: PG_BIN if set, else the newest of Debian's
 * /usr/lib/postgresql/<version>/bin, else the first on the PATH; undefined when there is none.
 */
export function findPostgresBinaries(): string | undefined {
  const hasAll = (dir: string) => ['initdb', 'pg_ctl', 'postgres'].every((name) => existsSync(join(dir, name)));
  if (process.env.PG_BIN) return hasAll(process.env.PG_BIN) ? process.env.PG_BIN : undefined;
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian)
    ? readdirSync(debian)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const candidates = [
    ...versions.map((version) => join(debian, version, 'bin')),
    ...(process.env.PATH ?? '').split(delimiter),
  ];
  return candidates.find((dir) => dir !== '' && hasAll(dir));
}

/** Whether the PostgreSQL tests can run here: a server to use, or binaries to start one. */
export const postgresAvailable = () => process.env.PG_TEST_URL !== undefined || findPostgresBinaries() !== undefined;

/**
 * A PostgreSQL server of the test's own: initdb into a temporary folder, started on a free
 * port with its socket in that folder, durability off (a test's data need not survive a
 * crash). PostgreSQL refuses to run as root, so as root the folder goes to the `postgres`
 * user, who runs it. With PG_TEST_URL set, that server is used instead.
 */
export async function startPostgres(): Promise<PostgresService> {
  if (process.env.PG_TEST_URL) return existingServer(process.env.PG_TEST_URL);
  const bin = findPostgresBinaries();
  if (!bin) throw new Error('No PostgreSQL binaries (initdb, pg_ctl, postgres) found: set PG_BIN or PG_TEST_URL');

  const folder = mkdtempSync(join(tmpdir(), 'messenger-pg-'));
  const data = join(folder, 'data');
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const [uid, gid] = await Promise.all([idOf('-u'), idOf('-g')]);
    chownSync(folder, uid, gid);
  }
  const pgTool = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]) : run(join(bin, tool), args);

  const port = await freePort();
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  try {
    // C.UTF-8: bytewise order, and pg_trgm counts Chinese characters as word characters.
    await pgTool('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
    await pgTool('pg_ctl', ['start', '-D', data, '-w', '-t', '60', '-l', join(folder, 'server.log'), '-o', options]);
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    createDatabase: () => createDatabase(url),
    halt: async () => void (await pgTool('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w'])),
    resume: async () =>
      void (await pgTool('pg_ctl', [
        'start',
        '-D',
        data,
        '-w',
        '-t',
        '60',
        '-l',
        join(folder, 'server.log'),
        '-o',
        options,
      ])),
    async stop() {
      try {
        await pgTool('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}

/** A server someone else runs: the tests make their databases in it, and drop them at the end. */
function existingServer(url: string): PostgresService {
  const made: string[] = [];
  return {
    url,
    async createDatabase() {
      const database = await createDatabase(url);
      made.push(new URL(database).pathname.slice(1));
      return database;
    },
    halt: () => Promise.reject(new Error('a server the tests did not start is not theirs to stop (PG_TEST_URL)')),
    resume: () => Promise.reject(new Error('a server the tests did not start is not theirs to start')),
    async stop() {
      await withClient(url, async (client) => {
        for (const name of made) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    },
  };
}

async function createDatabase(serverUrl: string): Promise<string> {
  const name = `messenger_test_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs `work` on a connection of its own to `url`, closed afterwards. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The `postgres` user's uid (`-u`) or gid (`-g`). */
async function idOf(flag: '-u' | '-g'): Promise<number> {
  return Number((await run('id', [flag, 'postgres'])).stdout.trim());
}

/** A TCP port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
