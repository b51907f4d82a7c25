import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The V8 `.cpuprofile` format (as written by `node --cpu-prof`), the parts read here. */
interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  /** Microseconds on the monotonic clock, as process.hrtime.bigint() reads it (divided by 1000). */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Now on the clock V8 stamps profiles with, in microseconds. */
export const profileClockUs = () => Number(process.hrtime.bigint() / 1000n);

export interface ProfileEntry {
  name: string;
  /** Share of the sampled time, in percent. */
  percent: number;
}

export interface ProfileSummary {
  file: string;
  sampledMs: number;
  /** Functions by their own (self) time. */
  functions: ProfileEntry[];
  /** Self time by where the code lives: SQLite, the server's code, Fastify, pino, V8 and Node. */
  areas: ProfileEntry[];
  /** Time spent inside each of the server's own functions and everything they call. */
  serverInclusive: ProfileEntry[];
}

/**
 * Where a function's time belongs. better-sqlite3's statement methods are native: their
 * self time is SQLite executing the statement and building the rows.
 */
function areaOf(url: string, functionName: string): string {
  if (url === '') {
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(program)') return 'V8 and native (other)';
    if (['all', 'get', 'run', 'iterate', 'prepare', 'exec', 'pragma'].includes(functionName))
      return 'SQLite (better-sqlite3 statements)';
    return 'V8 builtins (JSON, strings, regexps…)';
  }
  if (url.includes('better-sqlite3')) return 'SQLite (better-sqlite3 statements)';
  if (url.includes('/embedded-server/src/')) return 'server code (embedded-server/src)';
  if (url.includes('node_modules/pino') || url.includes('node_modules/sonic-boom')) return 'logging (pino)';
  if (url.includes('node_modules/fastify') || url.includes('node_modules/@fastify') || url.includes('find-my-way'))
    return 'Fastify (routing, hooks, validation, reply)';
  if (url.includes('node_modules/ws')) return 'WebSocket (ws)';
  if (url.includes('node_modules/')) return 'other packages';
  if (url.startsWith('node:internal/modules') || url.startsWith('node:internal/deps/cjs-module-lexer'))
    return 'Node (loading modules)';
  if (url.startsWith('node:')) return 'Node (http, net, streams)';
  return 'other';
}

type Frame = CpuProfile['nodes'][number]['callFrame'];

/**
 * Where a frame's code came from: through the bundle's source map (`<bundle>.map`, see
 * server-bundle.ts) a frame in the bundled server is named by its source file and line.
 */
function sourceLocator(): (frame: Frame) => Frame {
  const maps = new Map<string, SourceMap | null>();
  return (frame) => {
    if (!frame.url.startsWith('file://')) return frame;
    if (!maps.has(frame.url)) {
      const mapFile = `${fileURLToPath(frame.url)}.map`;
      maps.set(frame.url, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8'))) : null);
    }
    const entry = maps.get(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber);
    if (!entry || !('originalSource' in entry)) return frame;
    // Sources are named relative to the map: make them absolute, so areas and names read as for unbundled code.
    return { ...frame, url: new URL(entry.originalSource, frame.url).href, lineNumber: entry.originalLine };
  };
}

const frameName = (frame: Frame) => {
  const where = frame.url.replace(/^.*\/(node_modules|embedded-server)\//, '$1/').replace(/^file:\/\//, '');
  return `${frame.functionName || '(anonymous)'}${where ? ` ${where}:${frame.lineNumber + 1}` : ''}`;
};

/**
 * Summarizes the main thread's profile in a folder (the server writes it when it exits).
 * Files are named `CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`; thread 0 is the
 * main thread (tsx's module loader runs in a worker with a profile of its own).
 */
export function summarizeProfile(
  folder: string,
  window: { fromUs: number; toUs: number } | { firstMs: number },
  top = 15,
): ProfileSummary {
  const file = readdirSync(folder)
    .filter((name) => name.endsWith('.cpuprofile') && name.split('.')[4] === '0')
    .sort()
    .at(-1);
  if (!file) throw new Error(`no main-thread .cpuprofile in ${folder}`);
  const profile = JSON.parse(readFileSync(join(folder, file), 'utf8')) as CpuProfile;
  const locate = sourceLocator();
  const byId = new Map(profile.nodes.map((node) => [node.id, { ...node, callFrame: locate(node.callFrame) }]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  // Only the samples taken while the load ran (start-up and shutdown are not the endpoint's),
  // or those of the first milliseconds (start-up itself).
  const { fromUs, toUs } =
    'firstMs' in window ? { fromUs: profile.startTime, toUs: profile.startTime + window.firstMs * 1000 } : window;
  const selfTime = new Map<number, number>();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at < fromUs || at > toUs) return;
    selfTime.set(id, (selfTime.get(id) ?? 0) + delta);
    total += delta;
  });
  const idle = [...selfTime].reduce(
    (sum, [id, t]) => (byId.get(id)!.callFrame.functionName === '(idle)' ? sum + t : sum),
    0,
  );
  const busy = total - idle;

  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const [id, time] of selfTime) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') continue;
    const name = frameName(frame);
    functions.set(name, (functions.get(name) ?? 0) + time);
    const area = areaOf(frame.url, frame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + time);
    // Charge the sample to every server function on its stack, once each.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const caller = byId.get(at)!.callFrame;
      if (!caller.url.includes('/embedded-server/src/')) continue;
      const callerName = frameName(caller);
      if (seen.has(callerName)) continue;
      seen.add(callerName);
      inclusive.set(callerName, (inclusive.get(callerName) ?? 0) + time);
    }
  }
  const ranked = (entries: Map<string, number>, n: number) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, time]) => ({ name, percent: (100 * time) / busy }));
  return {
    file,
    sampledMs: busy / 1000,
    functions: ranked(functions, top),
    areas: ranked(areas, 20),
    serverInclusive: ranked(inclusive, top),
  };
}
