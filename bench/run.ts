/**
 * `npm run bench` — the full benchmark (about 10–15 minutes), or `npm run bench -- --quick`
 * (a small, fast smoke run for CI). Generates the datasets, runs every scenario against
 * the server in a process of its own, and writes the figures:
 *
 * - full: bench/results/latest.json, the measured part of docs/benchmarks.md and its charts
 *   (docs/benchmarks/*.svg);
 * - quick: bench/results/quick.json and bench/results/quick.md (the committed full
 *   figures stay as they are).
 *
 * `--only renderer` runs the renderer scenario alone on the largest dataset and writes
 * bench/results/renderer.json.
 *
 * `--store postgres` also copies each dataset into a throwaway PostgreSQL and measures the
 * server on it beside SQLite: the read endpoints, and on the largest dataset ingest through
 * one and two instances and real time across them (sharing a throwaway Redis).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { workingCopy } from './dataset/working-copy.js';
import { generateDataset } from './dataset/generate.js';
import { readManifest, MANIFEST_FILE, type BenchManifest } from './dataset/manifest.js';
import type { DatasetSize } from './dataset/model.js';
import { loadIntoPostgres, type PostgresLoad } from './dataset/postgres-load.js';
import { profileClockUs, summarizeProfile } from './harness/cpu-profile.js';
import { measureLoad } from './harness/load.js';
import { waitUntilQuiet, withCpuTime } from './harness/process-cpu.js';
import { describeMachine, loadAverage } from './harness/machine.js';
import { startBenchServices, type BenchServices } from './harness/postgres.js';
import { PROJECT_ROOT, startServerChild } from './harness/server-child.js';
import { bundleServer } from './harness/server-bundle.js';
import { pageWithResults, renderResults, type ChartLink } from './report.js';
import { writeCharts } from './charts.js';
import { checkTargets, rendererTargets, type BenchResults } from './results.js';
import { measureIngest, measureRawIngest } from './scenarios/ingest.js';
import { measurePostgres } from './scenarios/postgres.js';
import { measureReadEndpoints, readEndpoints, type EndpointFigures } from './scenarios/read-endpoints.js';
import { measureRealtime } from './scenarios/realtime.js';
import { measureRenderer, type RendererFigures } from './scenarios/renderer.js';
import { measureSearch } from './scenarios/search.js';
import { measureStartup } from './scenarios/startup.js';

interface Settings {
  datasets: DatasetSize[];
  connections: number;
  readDurationS: number;
  growthDurationS: number;
  warmupS: number;
  searchPerTerm: number;
  realtimeRate: number;
  /** The real-time scenario again at these rates (below saturation, and far above it), for comparison. */
  realtimeOtherRates: number[];
  realtimeDurationS: number;
  /**
   * The warm-up of the real-time run across two instances: long enough for instances just
   * started to compile their hot code at the rate (its first seconds are reported apart).
   */
  acrossWarmupS: number;
  /** Ingest's load: the issue's figure is at 50 connections, where sends share commits as a busy team's do. */
  ingestConnections: number;
  ingestDurationS: number;
  rawIngestDurationS: number;
  startupRuns: number;
  profileDurationS: number | null;
  loggingDurationS: number | null;
  /** Each click the renderer scenario times is repeated this many times. */
  rendererRuns: number;
  rendererScrollBack: number;
}

/** Users and notifications grow with the messages (1M messages: 10,000 users, 200,000 notifications). */
const datasetOf = (messages: number): DatasetSize => ({
  users: Math.min(10_000, Math.max(200, Math.round(messages / 100))),
  messages,
  notifications: Math.round(messages / 5),
});

const FULL: Settings = {
  datasets: [10_000, 100_000, 1_000_000].map(datasetOf),
  connections: 10,
  readDurationS: 10,
  growthDurationS: 10,
  warmupS: 2,
  searchPerTerm: 200,
  realtimeRate: 500,
  realtimeOtherRates: [250, 2000],
  realtimeDurationS: 20,
  acrossWarmupS: 10,
  ingestConnections: 50,
  ingestDurationS: 15,
  rawIngestDurationS: 5,
  startupRuns: 5,
  profileDurationS: 15,
  loggingDurationS: 5,
  rendererRuns: 5,
  rendererScrollBack: 2000,
};

const QUICK: Settings = {
  datasets: [2_000, 20_000].map(datasetOf),
  connections: 10,
  readDurationS: 1,
  growthDurationS: 1,
  warmupS: 0.5,
  searchPerTerm: 30,
  realtimeRate: 500,
  realtimeOtherRates: [],
  realtimeDurationS: 2,
  acrossWarmupS: 0.5,
  ingestConnections: 50,
  ingestDurationS: 2,
  rawIngestDurationS: 1,
  startupRuns: 1,
  profileDurationS: null,
  loggingDurationS: null,
  rendererRuns: 3,
  rendererScrollBack: 300,
};

const label = (size: DatasetSize) =>
  size.messages >= 1_000_000 ? `${size.messages / 1_000_000}M messages` : `${size.messages / 1000}k messages`;

const began = performance.now();
const progress = (line: string) =>
  process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

async function main() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      'data-root': { type: 'string', default: join(tmpdir(), 'messenger-bench') },
      'keep-data': { type: 'boolean', default: false },
      'reuse-data': { type: 'boolean', default: false },
      'wait-idle': { type: 'string' },
      'idle-below': { type: 'string', default: '1' },
      profile: { type: 'boolean', default: false },
      render: { type: 'boolean', default: false },
      only: { type: 'string' },
      store: { type: 'string', default: 'sqlite' },
    },
  });
  if (values.render) {
    const docs = join(PROJECT_ROOT, 'docs', 'benchmarks.md');
    const saved = JSON.parse(
      readFileSync(join(PROJECT_ROOT, 'bench', 'results', 'latest.json'), 'utf8'),
    ) as BenchResults;
    await writeFormatted(docs, pageWithResults(docs, saved, await chartsFor(saved, 'docs')));
    progress(`${docs} written from bench/results/latest.json`);
    return;
  }
  if (values.only !== undefined && values.only !== 'renderer')
    throw new Error(`--only takes one scenario, renderer; not ${values.only}`);
  if (values.store !== 'sqlite' && values.store !== 'postgres')
    throw new Error(`--store takes sqlite (the default) or postgres (both, side by side); not ${values.store}`);
  const quick = values.quick;
  const settings: Settings = quick
    ? { ...QUICK, ...(values.profile ? { profileDurationS: 3, loggingDurationS: 1 } : {}) }
    : FULL;
  const root = values['data-root'];
  mkdirSync(root, { recursive: true });
  const logFile = join(root, 'server.log');
  rmSync(logFile, { force: true });

  // Other work on the machine (tests, builds) skews every figure: wait a while for quiet.
  const waitMinutes = Number(values['wait-idle'] ?? (quick ? 0 : 10));
  const idleBelow = Number(values['idle-below']);
  for (let waited = 0; loadAverage() > idleBelow && waited < waitMinutes * 60; waited += 15) {
    if (waited % 60 === 0) progress(`waiting for a quiet machine (load average ${loadAverage()})…`);
    await new Promise((resolve) => setTimeout(resolve, 15_000));
  }
  const loads: BenchResults['loadAverage'] = {};
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const before = loadAverage();
    progress(`${name} (load average ${before})`);
    const result = await work();
    loads[name] = [before, loadAverage()];
    return result;
  };
  const startedAt = new Date().toISOString();
  const runLoad = loadAverage();
  const rendererOn = (dir: string, manifest: BenchManifest) =>
    phase(`renderer on ${label(manifest.size)}`, () =>
      measureRenderer(dir, manifest, {
        runs: settings.rendererRuns,
        scrollBack: settings.rendererScrollBack,
        logFile,
        progress,
      }),
    );
  const prepared: { generated: string; copy: string }[] = [];
  const prepare = async (size: DatasetSize) => {
    const dir = join(root, `m${size.messages}`);
    const reusable =
      values['reuse-data'] && existsSync(join(dir, MANIFEST_FILE)) && readManifest(dir).size.messages === size.messages;
    const manifest = reusable
      ? readManifest(dir)
      : await phase(`generating ${label(size)}`, () => generateDataset({ ...size, out: dir, force: true }));
    const copy = workingCopy(dir);
    prepared.push({ generated: dir, copy });
    return { dir: copy, manifest };
  };
  /** Removes the working copies, and the datasets they were copied from unless those are kept. */
  const removeData = () => {
    for (const { generated, copy } of prepared) {
      rmSync(copy, { recursive: true, force: true });
      if (!values['keep-data'] && !values['reuse-data']) rmSync(generated, { recursive: true, force: true });
    }
  };

  if (values.only) {
    const { dir, manifest } = await prepare(settings.datasets.at(-1)!);
    const renderer = await rendererOn(dir, manifest);
    await writeRendererOnly(quick, { startedAt, loadAverage: { run: [runLoad, loadAverage()], ...loads }, renderer });
    removeData();
    return;
  }

  const services =
    values.store === 'postgres' ? await phase('starting PostgreSQL and Redis', startBenchServices) : null;
  try {
    await measureAll({
      settings,
      quick,
      logFile,
      services,
      phase,
      prepare,
      rendererOn,
      removeData,
      startedAt,
      runLoad,
      loads,
    });
  } finally {
    await services?.stop();
  }
}

interface RunContext {
  settings: Settings;
  quick: boolean;
  logFile: string;
  /** PostgreSQL and Redis with `--store postgres`. */
  services: BenchServices | null;
  phase: <T>(name: string, work: () => Promise<T>) => Promise<T>;
  prepare: (size: DatasetSize) => Promise<{ dir: string; manifest: BenchManifest }>;
  rendererOn: (dir: string, manifest: BenchManifest) => Promise<RendererFigures>;
  /** Removes what `prepare` made. */
  removeData: () => void;
  startedAt: string;
  runLoad: number;
  loads: BenchResults['loadAverage'];
}

/** Every scenario of a full or quick run, and the results written; PostgreSQL and Redis are stopped by the caller. */
async function measureAll(context: RunContext) {
  const { settings, quick, logFile, services, phase, prepare, rendererOn, removeData, startedAt, runLoad, loads } =
    context;
  const datasets: BenchResults['datasets'] = [];
  const manifests: { dir: string; manifest: BenchManifest }[] = [];
  // Each dataset's PostgreSQL copy, made before any scenario adds to the SQLite file.
  const copies: { url: string; load: PostgresLoad['timings'] }[] = [];
  for (const size of settings.datasets) {
    const { dir, manifest } = await prepare(size);
    manifests.push({ dir, manifest });
    if (services) {
      const url = await services.createDatabase();
      const load = await phase(`copying ${label(size)} into PostgreSQL`, () => loadIntoPostgres(dir, url));
      progress(`  copied in ${(load.timings.totalMs / 1000).toFixed(1)} s`);
      copies.push({ url, load: load.timings });
    }
    datasets.push({
      label: label(size),
      size,
      generationS: manifest.timings.totalMs / 1000,
      timings: manifest.timings,
      rows: manifest.totals,
    });
  }
  const largest = manifests.at(-1)!;
  const largestLabel = datasets.at(-1)!.label;

  // Every reply made anew (`--reply-cache 0`) on each dataset, the largest included before anything
  // writes to it: what grows with the data, and what PostgreSQL is compared with. The replies the
  // server keeps are measured on the largest below, against their floors.
  const readsAnew = async (i: number, durationS: number) => {
    const { dir, manifest } = manifests[i]!;
    const server = await startServerChild({ dataDir: dir, logFile, replyCacheMiB: 0 });
    try {
      return await phase(`read endpoints on ${datasets[i]!.label}, every reply made anew`, () =>
        measureReadEndpoints(server, readEndpoints(manifest), {
          connections: settings.connections,
          durationS,
          warmupS: settings.warmupS,
          withFloor: false,
          progress,
        }),
      );
    } finally {
      await server.stop();
    }
  };
  const anew: EndpointFigures[][] = [];
  for (const i of manifests.keys())
    anew.push(await readsAnew(i, i === manifests.length - 1 ? settings.readDurationS : settings.growthDurationS));
  const anewOnLargest = anew.at(-1)!;

  const bundle = await bundleServer();
  const startupBundled = await phase(`start-up on ${largestLabel}, bundled`, () =>
    measureStartup(largest.dir, settings.startupRuns, logFile, bundle),
  );
  const startupLargest = await phase(`start-up on ${largestLabel}, under tsx`, () =>
    measureStartup(largest.dir, settings.startupRuns, logFile),
  );
  const startupSmallest = await phase(`start-up on ${datasets[0]!.label}, bundled`, () =>
    measureStartup(manifests[0]!.dir, settings.startupRuns, logFile, bundle),
  );

  const server = await startServerChild({ dataDir: largest.dir, logFile });
  let reads, search, realtime, ingestServer, memory;
  const realtimeOthers: BenchResults['realtimeOthers'] = [];
  let ingestCpuMs: number | null;
  try {
    const endpoints = readEndpoints(largest.manifest);
    reads = await phase(`read endpoints and floors on ${largestLabel}`, () =>
      measureReadEndpoints(server, endpoints, {
        connections: settings.connections,
        durationS: settings.readDurationS,
        warmupS: settings.warmupS,
        withFloor: true,
        progress,
      }),
    );
    search = await phase(`search on ${largestLabel}`, () =>
      measureSearch(server.url, largest.manifest, {
        perTerm: settings.searchPerTerm,
        warmupS: settings.warmupS,
        progress,
      }),
    );
    // Warm-up messages count too: the CPU time covers them. Each run starts on a quiet server: one
    // past its capacity (2,000 msg/s) is still writing what queued when its clients stop.
    const realtimeAt = async (rate: number, durationS: number) => {
      await waitUntilQuiet([server.pid]);
      const run = await withCpuTime(server.pid, () =>
        measureRealtime(server.url, largest.manifest, { rate, durationS, warmupS: settings.warmupS, progress }),
      );
      const perMessage = run.cpuMs && run.cpuMs / (run.result.achievedRate * (durationS + settings.warmupS));
      return { ...run.result, serverCpuMsPerMessage: perMessage };
    };
    realtime = await phase('real time', () => realtimeAt(settings.realtimeRate, settings.realtimeDurationS));
    for (const rate of settings.realtimeOtherRates)
      realtimeOthers.push(
        await phase(`real time at ${rate} msg/s`, () => realtimeAt(rate, settings.realtimeDurationS / 2)),
      );
    await waitUntilQuiet([server.pid]);
    const ingestRun = await phase('ingest through the server', () =>
      withCpuTime(server.pid, () =>
        measureIngest(server.url, largest.manifest, {
          connections: settings.ingestConnections,
          durationS: settings.ingestDurationS,
          warmupS: 0,
        }),
      ),
    );
    ingestServer = ingestRun.result;
    ingestCpuMs = ingestRun.cpuMs && ingestRun.cpuMs / ingestServer.requests;
    progress(`  ingest: ${ingestServer.rps.toFixed(0)} msg/s, p99 ${ingestServer.latency.p99.toFixed(2)} ms`);
    const used = server.memory();
    memory = used && { rssMB: (used.rssMiB * 2 ** 20) / 1e6, peakMB: (used.peakMiB * 2 ** 20) / 1e6 };
  } finally {
    await server.stop();
  }
  const raw = await phase('ingest floor (raw better-sqlite3)', async () =>
    measureRawIngest(largest.dir, largest.manifest, {
      durationS: settings.rawIngestDurationS,
      batch: settings.ingestConnections,
    }),
  );
  progress(
    `  raw: ${raw.fullSendBatched.toFixed(0)} full sends/s in batches of ${settings.ingestConnections}, ` +
      `${raw.fullSend.toFixed(0)} one a transaction, ${raw.messageOnly.toFixed(0)} message rows/s`,
  );

  // The same endpoints on each dataset's PostgreSQL copy, next to SQLite's figures measured above.
  if (services)
    for (const [i, copy] of copies.entries()) {
      const onLargest = i === manifests.length - 1;
      // PostgreSQL keeps no replies (docs/api.md): compared with SQLite's made anew.
      const sqlite = new Map(anew[i]!.map((e) => [e.key, { rps: e.server.rps, cpuMs: e.serverCpuMs }]));
      datasets[i]!.postgres = await phase(`PostgreSQL on ${datasets[i]!.label}`, () =>
        measurePostgres(services, copy, manifests[i]!, {
          connections: settings.connections,
          readDurationS: onLargest ? settings.readDurationS : settings.growthDurationS,
          warmupS: settings.warmupS,
          sqliteReads: sqlite,
          cluster: onLargest
            ? {
                ingestDurationS: settings.ingestDurationS,
                realtimeRate: settings.realtimeRate,
                realtimeDurationS: settings.realtimeDurationS,
                realtimeWarmupS: settings.acrossWarmupS,
              }
            : null,
          logFile,
          progress,
        }),
      );
    }
  const renderer = await rendererOn(largest.dir, largest.manifest);

  // Where the time goes: a CPU profile of the endpoint furthest from its floor, and of ingest.
  const profiles: BenchResults['profiles'] = [];
  let logging: BenchResults['logging'] = null;
  // These explain the figures above; if one of them fails, the figures are still written.
  const explain = async (name: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      progress(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const profileDuration = settings.profileDurationS;
  if (profileDuration) {
    const slowest = reads.reduce((worst, e) => ((e.ratio ?? 1) < (worst.ratio ?? 1) ? e : worst));
    const endpoint = readEndpoints(largest.manifest).find((e) => e.key === slowest.key)!;
    await explain(`CPU profile of ${endpoint.route}`, async () => {
      profiles.push(
        await phase(`CPU profile of ${endpoint.route}`, () =>
          profileServer(
            largest.dir,
            bundle,
            logFile,
            `${endpoint.route} (the endpoint furthest from its floor)`,
            profileDuration,
            (url, durationS) =>
              measureLoad({
                url,
                path: endpoint.path,
                headers: endpoint.headers,
                connections: settings.connections,
                durationS,
              }),
          ),
        ),
      );
    });
    await explain('CPU profile of ingest', async () => {
      profiles.push(
        await phase('CPU profile of ingest', () =>
          profileServer(
            largest.dir,
            bundle,
            logFile,
            'POST /api/chat/{cId}/messages (ingest)',
            profileDuration,
            (url, durationS) =>
              measureIngest(url, largest.manifest, {
                connections: settings.ingestConnections,
                durationS,
                warmupS: 0,
              }),
          ),
        ),
      );
    });
    await explain('CPU profile of start-up', async () => {
      profiles.push(
        await phase('CPU profile of start-up', async () => {
          const folder = join(tmpdir(), `messenger-bench-profile-${process.pid}`);
          rmSync(folder, { recursive: true, force: true });
          const started = await startServerChild({ dataDir: largest.dir, logFile, cpuProfileDir: folder, bundle });
          await started.stop();
          const summary = summarizeProfile(folder, { firstMs: started.startup.loadMs + started.startup.startServerMs });
          rmSync(folder, { recursive: true, force: true });
          return { subject: `start-up of the bundled server on ${largestLabel}`, summary };
        }),
      );
    });
  }
  const loggingDuration = settings.loggingDurationS;
  if (loggingDuration) {
    await explain('read endpoints with a log line per request', async () => {
      const verbose = await startServerChild({ dataDir: largest.dir, logFile, logLevel: 'debug', replyCacheMiB: 0 });
      try {
        const figures = await phase('read endpoints with a log line per request', () =>
          measureReadEndpoints(verbose, readEndpoints(largest.manifest), {
            connections: settings.connections,
            durationS: loggingDuration,
            warmupS: settings.warmupS,
            withFloor: false,
            progress,
          }),
        );
        logging = figures.map((f, i) => ({
          key: f.key,
          route: f.route,
          infoCpuMs: anewOnLargest[i]!.serverCpuMs,
          debugCpuMs: f.serverCpuMs,
        }));
      } finally {
        await verbose.stop();
      }
    });
  }
  const growthDatasets = datasets.map((d) => d.label);
  const partial: Omit<BenchResults, 'targets'> = {
    mode: quick ? 'quick' : 'full',
    startedAt,
    durationS: (performance.now() - began) / 1000,
    machine: describeMachine(),
    settings: {
      connections: settings.connections,
      readDurationS: settings.readDurationS,
      warmupS: settings.warmupS,
      searchPerTerm: settings.searchPerTerm,
      realtimeRate: settings.realtimeRate,
      realtimeDurationS: settings.realtimeDurationS,
      acrossWarmupS: settings.acrossWarmupS,
      ingestConnections: settings.ingestConnections,
      ingestDurationS: settings.ingestDurationS,
      startupRuns: settings.startupRuns,
      serverLogLevel: 'info',
      store: services ? 'postgres' : 'sqlite',
    },
    ...(services ? { postgresServer: await services.describe() } : {}),
    loadAverage: { run: [runLoad, loadAverage()], ...loads },
    datasets,
    reads: { dataset: largestLabel, endpoints: reads },
    growth: {
      datasets: growthDatasets,
      messages: datasets.map((d) => d.size.messages),
      endpoints: reads.map((e, i) => {
        const p50 = anew.map((run) => run[i]!.server.latency.p50);
        const cpuMs = anew.map((run) => run[i]!.serverCpuMs);
        return { key: e.key, route: e.route, p50, growth: p50.at(-1)! / p50[0]!, cpuMs };
      }),
    },
    search,
    realtime,
    realtimeOthers,
    ingest: {
      server: ingestServer,
      serverCpuMsPerSend: ingestCpuMs,
      raw,
      ratioToBatched: ingestServer.rps / raw.fullSendBatched,
      ratioToFullSend: ingestServer.rps / raw.fullSend,
      ratioToMessageOnly: ingestServer.rps / raw.messageOnly,
    },
    startup: { bundled: startupBundled, tsx: startupLargest, smallestBundled: startupSmallest },
    memory,
    renderer,
    logging,
    uncached: anewOnLargest.map((f, i) => {
      const floor = reads[i]!.floor;
      return {
        key: f.key,
        route: f.route,
        server: f.server,
        cpuMs: f.serverCpuMs,
        ratio: floor && f.server.rps / floor.rps,
      };
    }),
    profiles,
  };
  const results: BenchResults = { ...partial, targets: checkTargets(partial) };

  const resultsDir = join(PROJECT_ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const [jsonFile, pageFile] = quick
    ? [join(resultsDir, 'quick.json'), join(resultsDir, 'quick.md')]
    : [join(resultsDir, 'latest.json'), join(PROJECT_ROOT, 'docs', 'benchmarks.md')];
  await writeFormatted(jsonFile, JSON.stringify(results));
  const charts = await chartsFor(results, quick ? 'quick' : 'docs');
  await writeFormatted(
    pageFile,
    quick ? `# Quick benchmark run\n\n${renderResults(results, charts)}\n` : pageWithResults(pageFile, results, charts),
  );
  removeData();

  progress(`done in ${Math.round(results.durationS)} s`);
  printTargets(results.targets);
}

/**
 * Draws the run's charts: a full run's beside docs/benchmarks.md (docs/benchmarks/), a quick
 * one's beside bench/results/quick.md; each linked by its path from that page.
 */
async function chartsFor(results: BenchResults, page: 'docs' | 'quick'): Promise<ChartLink[]> {
  const [folder, linkedAs] =
    page === 'docs'
      ? [join(PROJECT_ROOT, 'docs', 'benchmarks'), 'benchmarks']
      : [join(PROJECT_ROOT, 'bench', 'results', 'quick-charts'), 'quick-charts'];
  return (await writeCharts(results, folder)).map((chart) => ({
    path: `${linkedAs}/${chart.file}`,
    title: chart.title,
  }));
}

function printTargets(targets: BenchResults['targets']) {
  for (const target of targets)
    process.stdout.write(
      `${target.met ? 'met   ' : 'MISSED'} ${target.name}: ${target.measured} (wanted ${target.target})\n`,
    );
}

/** `--only renderer`: its figures and targets in bench/results/renderer.json, the full results left as they are. */
async function writeRendererOnly(
  quick: boolean,
  run: { startedAt: string; loadAverage: BenchResults['loadAverage']; renderer: RendererFigures },
) {
  const targets = rendererTargets(run.renderer);
  const file = join(PROJECT_ROOT, 'bench', 'results', 'renderer.json');
  mkdirSync(join(PROJECT_ROOT, 'bench', 'results'), { recursive: true });
  await writeFormatted(
    file,
    JSON.stringify({ mode: quick ? 'quick' : 'full', machine: describeMachine(), ...run, targets }),
  );
  progress(`${file} written`);
  printTargets(targets);
}

/** Written as the project's Prettier settings would leave it, so `npm run lint` stays clean. */
async function writeFormatted(file: string, text: string) {
  writeFileSync(file, await format(text, { ...(await resolveConfig(file)), filepath: file }));
}

/**
 * Runs `work` against a server started from the bundle with `--cpu-prof` (the bundle's
 * source map names each frame by its source file and line) and summarizes the samples
 * taken during it.
 */
async function profileServer(
  dataDir: string,
  bundle: string,
  logFile: string,
  subject: string,
  durationS: number,
  work: (url: string, durationS: number) => Promise<unknown>,
): Promise<BenchResults['profiles'][number]> {
  const folder = join(tmpdir(), `messenger-bench-profile-${process.pid}`);
  rmSync(folder, { recursive: true, force: true });
  const server = await startServerChild({ dataDir, logFile, cpuProfileDir: folder, bundle });
  let window;
  try {
    await work(server.url, 2); // warm-up
    const fromUs = profileClockUs();
    await work(server.url, durationS);
    window = { fromUs, toUs: profileClockUs() };
  } finally {
    await server.stop();
  }
  const summary = summarizeProfile(folder, window);
  rmSync(folder, { recursive: true, force: true });
  return { subject, summary };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
