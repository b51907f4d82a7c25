import { randomBytes } from 'node:crypto';
import { tokenOf, type BenchManifest } from '../dataset/manifest.js';
import { measureLoad, type LoadResult } from '../harness/load.js';
import { cpuTimeMs } from '../harness/process-cpu.js';
import { measureRealtime, type RealtimeFigures } from './realtime.js';

/** CPU seconds each process of the cluster used during a run. */
export interface ClusterCpu {
  /** Each server instance, in order. */
  servers: (number | null)[];
  postgres: number | null;
  redis: number | null;
  /** This process: autocannon, on the same cores. */
  loadGenerator: number;
}

export interface ClusterIngestFigures {
  instances: number;
  connectionsPerInstance: number;
  durationS: number;
  messages: number;
  /** Successful sends per second over all instances. */
  rps: number;
  /** Sends refused or failed (an instance gives up on a send whose conflicts with the other's writes persist). */
  failed: number;
  /** Each instance's send latency. */
  perInstance: Pick<LoadResult, 'rps' | 'latency'>[];
  cpuS: ClusterCpu;
  /** CPU milliseconds per message: all instances together, PostgreSQL, Redis. */
  cpuMsPerMessage: { servers: number | null; postgres: number | null; redis: number | null };
  /** Messages per CPU second of every process that served them (instances, PostgreSQL, Redis). */
  perCore: number | null;
}

export interface ClusterProcesses {
  servers: { url: string; pid: number }[];
  /** CPU milliseconds PostgreSQL and Redis used so far. */
  cpuMs(): { postgres: number | null; redis: number | null };
}

/**
 * The ingest scenario (scenarios/ingest.ts) through several instances at once, each with its
 * own share of the ingest pairs' windows (a load balancer spreads people, not the messages of
 * one window) and its own connections; throughput is the sum of successful sends, and the CPU
 * each process spent is read from /proc around the run. Unlike on one SQLite server, a send
 * may fail here without anything being wrong with the benchmark (its transaction kept
 * conflicting with the other instance's), so failures are counted and reported, not fatal.
 */
export async function measureClusterIngest(
  cluster: ClusterProcesses,
  manifest: BenchManifest,
  options: { connections: number; durationS: number },
): Promise<ClusterIngestFigures> {
  const { servers } = cluster;
  const before = snapshot(cluster);
  const loadGenerator = process.cpuUsage();
  const started = performance.now();
  const results = await Promise.all(
    servers.map((server, i) =>
      sendThrough(
        server.url,
        manifest,
        manifest.ingestPairs.filter((_, pair) => pair % servers.length === i),
        options,
      ),
    ),
  );
  const elapsedS = (performance.now() - started) / 1000;
  const after = snapshot(cluster);
  const generated = process.cpuUsage(loadGenerator);
  const seconds = (a: number | null, b: number | null) => (a === null || b === null ? null : (b - a) / 1000);
  const cpuS: ClusterCpu = {
    servers: before.servers.map((cpu, i) => seconds(cpu, after.servers[i]!)),
    postgres: seconds(before.postgres, after.postgres),
    redis: seconds(before.redis, after.redis),
    loadGenerator: (generated.user + generated.system) / 1e6,
  };
  const messages = results.reduce((sum, r) => sum + r.requests, 0);
  const serversS = cpuS.servers.every((s) => s !== null) ? cpuS.servers.reduce((sum, s) => sum + s!, 0) : null;
  const perMessage = (s: number | null) => (s === null ? null : (1000 * s) / messages);
  const totalS = serversS === null || cpuS.postgres === null ? null : serversS + cpuS.postgres + (cpuS.redis ?? 0);
  return {
    instances: servers.length,
    connectionsPerInstance: options.connections,
    durationS: elapsedS,
    messages,
    rps: messages / elapsedS,
    failed: results.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
    perInstance: results.map((r) => ({ rps: r.rps, latency: r.latency })),
    cpuS,
    cpuMsPerMessage: {
      servers: perMessage(serversS),
      postgres: perMessage(cpuS.postgres),
      redis: perMessage(cpuS.redis),
    },
    perCore: totalS ? messages / totalS : null,
  };
}

/** The sends of scenarios/ingest.ts (recipients offline), from the given pairs' senders. */
function sendThrough(
  url: string,
  manifest: BenchManifest,
  pairs: BenchManifest['ingestPairs'],
  options: { connections: number; durationS: number },
): Promise<LoadResult> {
  const run = randomBytes(4).toString('hex');
  const senders = pairs.map(({ windowId, senderId }) => ({
    path: `/api/chat/${windowId}/messages`,
    headers: { authorization: `Bearer ${tokenOf(manifest, senderId)}`, 'content-type': 'application/json' },
  }));
  let seq = 0;
  return measureLoad({
    url,
    method: 'POST',
    connections: options.connections,
    durationS: options.durationS,
    nextRequest: () => {
      const sender = senders[seq % senders.length]!;
      const body = JSON.stringify({
        message: `压测消息 ${seq} load test`,
        type: 'TEXT',
        clientMsgId: `cl-${run}-${seq}`,
      });
      seq++;
      return { ...sender, body };
    },
  });
}

function snapshot(cluster: ClusterProcesses) {
  return { servers: cluster.servers.map((s) => cpuTimeMs(s.pid)), ...cluster.cpuMs() };
}

/** A cross-instance real-time run, with the CPU each process spent per message sent. */
export interface RealtimeAcrossFigures extends RealtimeFigures {
  /**
   * CPU milliseconds per message: instance A (takes the sends), instance B (holds the
   * WebSockets, writes the acknowledgements), PostgreSQL, Redis and the load generator (this
   * process: the HTTP sends and the 100 clients); `total` is what one message costs the machine.
   */
  cpuMsPerMessage: {
    sender: number | null;
    receiver: number | null;
    postgres: number | null;
    redis: number | null;
    loadGenerator: number;
    total: number | null;
  };
}

/**
 * The real-time scenario (scenarios/realtime.ts) across instances: every client's WebSocket
 * is on instance B and every send goes to instance A, so each message reaches its recipient
 * through the cluster's relay (Redis). Warm-up included, since its messages cost the same.
 */
export async function measureRealtimeAcross(
  cluster: ClusterProcesses & { servers: [ClusterProcesses['servers'][number], ClusterProcesses['servers'][number]] },
  manifest: BenchManifest,
  options: Parameters<typeof measureRealtime>[2],
): Promise<RealtimeAcrossFigures> {
  const [a, b] = cluster.servers;
  const before = snapshot(cluster);
  const loadGenerator = process.cpuUsage();
  const figures = await measureRealtime({ sendUrl: a.url, receiveUrl: b.url }, manifest, options);
  const generated = process.cpuUsage(loadGenerator);
  const after = snapshot(cluster);
  const messages = figures.achievedRate * (options.durationS + options.warmupS);
  const perMessage = (from: number | null, to: number | null) =>
    from === null || to === null ? null : (to - from) / messages;
  const parts = {
    sender: perMessage(before.servers[0]!, after.servers[0]!),
    receiver: perMessage(before.servers[1]!, after.servers[1]!),
    postgres: perMessage(before.postgres, after.postgres),
    redis: perMessage(before.redis, after.redis),
    loadGenerator: (generated.user + generated.system) / 1000 / messages,
  };
  const known = Object.values(parts);
  const total = known.every((v) => v !== null) ? known.reduce((sum, v) => sum! + v!, 0) : null;
  return { ...figures, cpuMsPerMessage: { ...parts, total } };
}
