import type { BenchManifest } from '../dataset/manifest.js';
import type { PostgresLoad } from '../dataset/postgres-load.js';
import type { LoadResult } from '../harness/load.js';
import type { BenchServices } from '../harness/postgres.js';
import { waitUntilQuiet } from '../harness/process-cpu.js';
import { startServerChild, type ServerChild } from '../harness/server-child.js';
import {
  measureClusterIngest,
  measureRealtimeAcross,
  type ClusterIngestFigures,
  type RealtimeAcrossFigures,
} from './cluster.js';
import { measureReadEndpoints, readEndpoints } from './read-endpoints.js';

/** A read endpoint on PostgreSQL beside the same endpoint on SQLite, on the same dataset. */
export interface PostgresReadFigures {
  key: string;
  route: string;
  server: LoadResult;
  sqliteRps: number;
  /** PostgreSQL throughput over SQLite throughput. */
  ratio: number;
  /** The server's CPU time per reply on each store, in ms (PostgreSQL's own CPU not included). */
  serverCpuMs: number | null;
  sqliteCpuMs: number | null;
}

/** One dataset measured on PostgreSQL: `datasets[i].postgres` in the results. */
export interface PostgresFigures {
  /** Copying the dataset from its SQLite file (dataset/postgres-load.ts). */
  load: PostgresLoad['timings'];
  reads: PostgresReadFigures[];
  /** Through one instance, then through two on the same database and Redis (on the largest dataset). */
  ingest: { one: ClusterIngestFigures; two: ClusterIngestFigures } | null;
  /**
   * Senders on instance A, recipients on instance B (on the largest dataset): at the real-time
   * scenario's rate, and at a light one, where the relay's own delay shows without any queue.
   */
  realtimeAcross: { atRate: RealtimeAcrossFigures; light: RealtimeAcrossFigures } | null;
}

/** Messages per second of the light run across instances: far below what one instance writes. */
const LIGHT_RATE = 50;

export interface PostgresRunOptions {
  connections: number;
  readDurationS: number;
  warmupS: number;
  /** The SQLite figures of the same endpoints on the same dataset, by key. */
  sqliteReads: Map<string, { rps: number; cpuMs: number | null }>;
  /** Measure ingest and real time across two instances too. */
  cluster: { ingestDurationS: number; realtimeRate: number; realtimeDurationS: number; realtimeWarmupS: number } | null;
  logFile: string;
  progress: (line: string) => void;
}

/**
 * The read endpoints against a server on the PostgreSQL copy of a dataset, and with
 * `cluster`, a second instance on the same database and Redis for ingest through one and
 * two instances and for real time across them.
 */
export async function measurePostgres(
  services: BenchServices,
  database: { url: string; load: PostgresLoad['timings'] },
  dataset: { dir: string; manifest: BenchManifest },
  options: PostgresRunOptions,
): Promise<PostgresFigures> {
  const start = () =>
    startServerChild({
      dataDir: dataset.dir,
      logFile: options.logFile,
      database: database.url,
      pubsub: services.redisUrl,
    });
  const servers: ServerChild[] = [await start()];
  try {
    if (options.cluster) servers.push(await start());
    const figures = await measureReadEndpoints(servers[0]!, readEndpoints(dataset.manifest), {
      connections: options.connections,
      durationS: options.readDurationS,
      warmupS: options.warmupS,
      withFloor: false,
      progress: options.progress,
    });
    const reads = figures.map((f) => {
      const sqlite = options.sqliteReads.get(f.key)!;
      return {
        key: f.key,
        route: f.route,
        server: f.server,
        sqliteRps: sqlite.rps,
        ratio: f.server.rps / sqlite.rps,
        serverCpuMs: f.serverCpuMs,
        sqliteCpuMs: sqlite.cpuMs,
      };
    });
    const cluster = options.cluster;
    if (!cluster) return { load: database.load, reads, ingest: null, realtimeAcross: null };

    const [a, b] = servers as [ServerChild, ServerChild];
    // Each run starts on quiet instances: one that was overloaded may still be writing what queued.
    const quiet = () => waitUntilQuiet([a.pid, b.pid]);
    const across = async (rate: number, durationS: number, warmupS: number) => {
      await quiet();
      return await measureRealtimeAcross({ servers: [a, b], cpuMs: services.cpuMs }, dataset.manifest, {
        rate,
        durationS,
        warmupS,
        progress: options.progress,
      });
    };
    // The first run at the rate is the first time either instance writes: a longer warm-up.
    const realtimeAcross = {
      atRate: await across(cluster.realtimeRate, cluster.realtimeDurationS, cluster.realtimeWarmupS),
      light: await across(LIGHT_RATE, cluster.realtimeDurationS / 2, options.warmupS),
    };
    const ingestThrough = async (through: ServerChild[]) => {
      await quiet();
      const run = await measureClusterIngest({ servers: through, cpuMs: services.cpuMs }, dataset.manifest, {
        connections: options.connections,
        durationS: cluster.ingestDurationS,
      });
      options.progress(
        `  ingest through ${run.instances}: ${run.rps.toFixed(0)} msg/s, ${run.failed} failed, ` +
          `CPU s: instances ${run.cpuS.servers.map((s) => s?.toFixed(1) ?? '?').join(' + ')}, ` +
          `PostgreSQL ${run.cpuS.postgres?.toFixed(1) ?? '?'}, Redis ${run.cpuS.redis?.toFixed(1) ?? '?'}`,
      );
      return run;
    };
    const one = await ingestThrough([a]);
    const two = await ingestThrough([a, b]);
    return { load: database.load, reads, ingest: { one, two }, realtimeAcross };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}
