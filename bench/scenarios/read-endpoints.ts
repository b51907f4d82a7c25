import type { BenchManifest } from '../dataset/manifest.js';
import { captureReplies, startFloorChild } from '../harness/floor-child.js';
import { measureLoad, type LoadResult } from '../harness/load.js';
import { withCpuTime } from '../harness/process-cpu.js';

/** A documented read endpoint as the benchmark calls it. */
export interface ReadEndpoint {
  key: string;
  /** The route as the API documents it. */
  route: string;
  path: string;
  headers: Record<string, string>;
}

/**
 * The documented read endpoints and the history extension, each as the reader (user 1)
 * would call it: the chat list's first page, the unread inbox, read notifications after
 * an older one, the offline count (with the app token), the im dialect on the busiest
 * window both as a first load (`lasttime=0`: the newest 200) and as a poll (the newest
 * 10), and 50 messages of history from the middle of that window (a scroll far back).
 */
export function readEndpoints(manifest: BenchManifest): ReadEndpoint[] {
  const { reader, probes, appToken, appId } = manifest;
  const asReader = { authorization: `Bearer ${reader.token}` };
  const busiest = manifest.busyWindows[0]!;
  const im = `/api/im/getNewestMsgListByLastTime?appid=${appId}&from=${reader.id}&to=${probes.imPeerId}&fromrole=${reader.role}`;
  return [
    { key: 'chat-list', route: 'GET /api/chat?type=all', path: '/api/chat?type=all', headers: asReader },
    { key: 'inbox-unread', route: 'GET /message/unread', path: '/message/unread', headers: asReader },
    {
      key: 'inbox-read-after',
      route: 'GET /message/read/after/{id}/limit/{n}',
      path: `/message/read/after/${probes.readAfterId}/limit/20`,
      headers: asReader,
    },
    {
      key: 'offline-count',
      route: 'GET /app-id/JH/users/{u}/offline_msg_count',
      path: `/app-id/${appId}/users/${reader.username}/offline_msg_count`,
      headers: { authorization: `Bearer ${appToken}` },
    },
    {
      key: 'im-newest',
      route: 'GET /api/im/getNewestMsgListByLastTime (lasttime=0: 200 messages)',
      path: `${im}&lasttime=0`,
      headers: asReader,
    },
    {
      key: 'im-poll',
      route: 'GET /api/im/getNewestMsgListByLastTime (a poll: the newest 10)',
      path: `${im}&lasttime=${probes.imPollSince}`,
      headers: asReader,
    },
    {
      key: 'chat-history',
      route: 'GET /api/chat/{cId}/messages',
      path: `/api/chat/${busiest.id}/messages?before=${probes.historyBefore}&limit=50`,
      headers: asReader,
    },
  ];
}

export interface EndpointFigures {
  key: string;
  route: string;
  server: LoadResult;
  floor: LoadResult | null;
  /** Server throughput over floor throughput. */
  ratio: number | null;
  /** CPU time the server's process (and the floor's) spent per reply, in ms: steady when other work shares the machine. */
  serverCpuMs: number | null;
  floorCpuMs: number | null;
}

export interface ReadRunOptions {
  connections: number;
  durationS: number;
  warmupS: number;
  /** Measure the bare node:http floor too. */
  withFloor: boolean;
  progress: (line: string) => void;
}

/**
 * Each endpoint at a fixed number of connections against the server and, right after it
 * (so both see the same machine), against a bare node:http server replaying the
 * server's own replies.
 */
export async function measureReadEndpoints(
  server: { url: string; pid: number },
  endpoints: ReadEndpoint[],
  options: ReadRunOptions,
): Promise<EndpointFigures[]> {
  const serverUrl = server.url;
  const floor = options.withFloor ? await startFloorChild(await captureReplies(serverUrl, endpoints)) : null;
  const load = (url: string, endpoint: ReadEndpoint) =>
    measureLoad({
      url,
      path: endpoint.path,
      headers: endpoint.headers,
      connections: options.connections,
      durationS: options.durationS,
      warmupS: options.warmupS,
    });
  const perReply = (cpuMs: number | null, result: LoadResult) => (cpuMs === null ? null : cpuMs / result.requests);
  const figures: EndpointFigures[] = [];
  try {
    for (const endpoint of endpoints) {
      const measured = await withCpuTime(server.pid, () => load(serverUrl, endpoint));
      const result = measured.result;
      if (result.non2xx > 0 || result.errors > 0 || result.requests === 0)
        throw new Error(`${endpoint.route}: ${result.non2xx} non-2xx replies, ${result.errors} errors`);
      const bare = floor && (await withCpuTime(floor.pid, () => load(floor.url, endpoint)));
      const ratio = bare && result.rps / bare.result.rps;
      figures.push({
        key: endpoint.key,
        route: endpoint.route,
        server: result,
        floor: bare?.result ?? null,
        ratio,
        serverCpuMs: perReply(measured.cpuMs, result),
        floorCpuMs: bare ? perReply(bare.cpuMs, bare.result) : null,
      });
      options.progress(
        `  ${endpoint.route}: ${result.rps.toFixed(0)} req/s, p50 ${result.latency.p50.toFixed(2)} ms, ` +
          `p99 ${result.latency.p99.toFixed(2)} ms` +
          (bare ? `; floor ${bare.result.rps.toFixed(0)} req/s (server at ${(100 * ratio!).toFixed(0)}%)` : ''),
      );
    }
  } finally {
    await floor?.stop();
  }
  return figures;
}
