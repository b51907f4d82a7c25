import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import { promisify } from 'node:util';
import { findPostgresBinaries, startPostgres, withClient } from '../../embedded-server/test/services/postgres.js';
import { startRedis } from '../../embedded-server/test/services/redis.js';
import { childrenNamed, parentOf, processTreeCpuMs } from './process-tree.js';

/**
 * Settings of each benchmark database, beside the server's own (`startPostgres` starts it
 * with fsync, full-page writes and synchronous commits off, for tests). Every commit waits
 * for its WAL to be written, as SQLite's WAL with `synchronous=NORMAL` waits for its
 * write, neither of them for the disk: both survive a crash of the process, not of the
 * machine. The rest is usual tuning for an OLTP server on SSD whose data fits in memory.
 */
const DATABASE_SETTINGS: Record<string, string> = {
  synchronous_commit: 'on',
  random_page_cost: '1.1',
  effective_cache_size: '2GB',
  // Compiling a query plan costs more than running any of the server's queries.
  jit: 'off',
};

/**
 * Settings read only when the server starts, which `startPostgres` takes no options for:
 * written with ALTER SYSTEM, then the server it started is restarted. Memory for the largest
 * dataset to stay in PostgreSQL's own cache, and room for the copy's WAL between checkpoints.
 */
const SERVER_SETTINGS: Record<string, string> = {
  shared_buffers: '1GB',
  max_wal_size: '4GB',
};

/** The settings the figures depend on, read back from the server and shown beside them. */
const REPORTED_SETTINGS = [
  'server_version',
  'shared_buffers',
  'effective_cache_size',
  'work_mem',
  'fsync',
  'synchronous_commit',
  'full_page_writes',
  'random_page_cost',
  'jit',
  'max_connections',
  'max_wal_size',
];

export interface BenchServices {
  postgresUrl: string;
  redisUrl: string;
  /** A new database with the benchmark's settings; its URL. */
  createDatabase(): Promise<string>;
  /** CPU milliseconds PostgreSQL (postmaster and backends) and Redis have used so far; null where /proc is missing. */
  cpuMs(): { postgres: number | null; redis: number | null };
  /** What the figures ran on: the server's version and settings. */
  describe(): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

/** A throwaway PostgreSQL (as the tests start it, or `PG_TEST_URL`'s) and Redis for the benchmark. */
export async function startBenchServices(): Promise<BenchServices> {
  const postgres = await startPostgres();
  let redis;
  try {
    // A server someone else runs (PG_TEST_URL) keeps its own settings.
    if (!process.env.PG_TEST_URL) await restartWith(postgres.url, SERVER_SETTINGS);
    redis = await startRedis();
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  const postmaster = await withClient(postgres.url, async (client) => {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return parentOf(rows[0]!.pid);
  });
  const [redisPid] = childrenNamed('redis-server');
  return {
    postgresUrl: postgres.url,
    redisUrl: redis.url,
    async createDatabase() {
      const url = await postgres.createDatabase();
      const name = new URL(url).pathname.slice(1);
      await withClient(postgres.url, async (client) => {
        for (const [setting, value] of Object.entries(DATABASE_SETTINGS))
          await client.query(`ALTER DATABASE ${name} SET ${setting} = '${value}'`);
      });
      return url;
    },
    cpuMs: () => ({
      postgres: postmaster === null ? null : processTreeCpuMs(postmaster),
      redis: redisPid === undefined ? null : processTreeCpuMs(redisPid),
    }),
    describe: () =>
      withClient(postgres.url, async (client) => {
        const { rows } = await client.query<{ name: string; setting: string }>(
          'SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY($1) ORDER BY name',
          [REPORTED_SETTINGS],
        );
        return {
          ...Object.fromEntries(rows.map((r) => [r.name, r.setting])),
          ...DATABASE_SETTINGS,
        };
      }),
    async stop() {
      await redis.stop();
      await postgres.stop();
    },
  };
}

/** Writes `settings` with ALTER SYSTEM and restarts the server (as the `postgres` user when this runs as root). */
async function restartWith(url: string, settings: Record<string, string>): Promise<void> {
  const data = await withClient(url, async (client) => {
    for (const [setting, value] of Object.entries(settings))
      await client.query(`ALTER SYSTEM SET ${setting} = '${value}'`);
    return (await client.query<{ data_directory: string }>('SHOW data_directory')).rows[0]!.data_directory;
  });
  const pgCtl = join(findPostgresBinaries()!, 'pg_ctl');
  // pg_ctl restart starts the server with the options it was started with; its log goes beside the data.
  const args = ['restart', '-D', data, '-w', '-t', '60', '-m', 'fast', '-l', join(dirname(data), 'restart.log')];
  const [command, commandArgs] =
    userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', pgCtl, ...args]] : [pgCtl, args];
  await promisify(execFile)(command, commandArgs);
}
