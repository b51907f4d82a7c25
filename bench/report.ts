import { existsSync, readFileSync } from 'node:fs';
import { ingestConnectionsOf, ms, pct, type BenchResults } from './results.js';
import type { KeptStarts, RendererFigures, TimedOpen } from './scenarios/renderer.js';

/** The measured part of docs/benchmarks.md lies between these; the rest of the page is written by people. */
export const RESULTS_START = '<!-- results:start (written by npm run bench; edit outside these markers) -->';
export const RESULTS_END = '<!-- results:end -->';

const table = (head: string[], rows: (string | number)[][]) =>
  [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
const rate = (value: number) => Math.round(value).toLocaleString('en-US');
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const cpu = (value: number | null) => (value === null ? '—' : `${value.toFixed(3)} ms`);

/** The figures of one run as Markdown. */
/** A chart of the run, by its path from the page that shows it. */
export interface ChartLink {
  path: string;
  title: string;
}

export function renderResults(results: BenchResults, charts: ChartLink[] = []): string {
  const { machine, settings, reads, growth, search, realtime, ingest, startup, memory } = results;
  const parts: string[] = [];
  parts.push(
    `Run: ${results.mode === 'quick' ? '**quick** (small datasets, short durations: a smoke test, not comparable with the targets)' : 'full'}, ` +
      `${results.startedAt}, ${Math.round(results.durationS)} s. ` +
      `Load average (1 min) at the start ${results.loadAverage.run?.[0] ?? '?'}, at the end ${results.loadAverage.run?.[1] ?? '?'}.`,
  );

  parts.push('### Targets');
  parts.push(
    table(
      ['target', 'wanted', 'measured', 'met'],
      results.targets.map((t) => [t.name, t.target, t.measured, t.met ? 'yes' : '**no**']),
    ),
  );

  if (charts.length > 0) {
    parts.push('### Charts');
    for (const chart of charts) parts.push(`**${chart.title}**\n\n![${chart.title}](${chart.path})`);
  }

  parts.push('### Machine');
  parts.push(
    table(
      ['', ''],
      [
        ['CPU', `${machine.cpu}, ${machine.cores} cores`],
        ['memory', `${machine.memoryGiB} GiB`],
        ['OS', machine.os],
        ['Node', machine.node],
        ['SQLite', machine.sqlite],
        [
          'packages',
          Object.entries(machine.packages)
            .map(([name, version]) => `${name} ${version}`)
            .join(', '),
        ],
      ],
    ),
  );
  parts.push(
    `The server runs in a process of its own (\`bench/harness/server-process.ts\`: the same start-up as ` +
      `\`npm run server\`, logs at \`${settings.serverLogLevel}\` to a file); the load generator (autocannon, WebSocket ` +
      `clients) runs in the benchmark's process on the same machine, so both share its ${machine.cores} cores.`,
  );

  parts.push(`### 1. Read endpoints against the floor (${reads.dataset}, ${settings.connections} connections)`);
  parts.push(
    `Each endpoint for ${settings.readDurationS} s after ${settings.warmupS} s of warm-up, as the reader (user 1); right ` +
      'after it the same URL against the floor: a bare `node:http` server in its own process answering with the ' +
      'bytes the server answered, precomputed. Ratio = server throughput / floor throughput. CPU/reply is the CPU ' +
      'time the process spent per reply (from /proc): it moves much less than throughput when other work shares ' +
      'the machine. The server keeps the replies of the chat list, history, im and the inbox and sends them ' +
      'again while nothing has been written (`--reply-cache`, docs/api.md); the agora count is made anew each time.',
  );
  parts.push(
    table(
      [
        'endpoint',
        'server req/s',
        'p50',
        'p99',
        'floor req/s',
        'floor p50',
        'floor p99',
        'ratio',
        'CPU/reply server',
        'CPU/reply floor',
        'reply',
      ],
      reads.endpoints.map((e) => [
        `\`${e.route}\``,
        rate(e.server.rps),
        ms(e.server.latency.p50),
        ms(e.server.latency.p99),
        e.floor ? rate(e.floor.rps) : '—',
        e.floor ? ms(e.floor.latency.p50) : '—',
        e.floor ? ms(e.floor.latency.p99) : '—',
        pct(e.ratio),
        cpu(e.serverCpuMs),
        cpu(e.floorCpuMs),
        kib(e.server.bytesPerReply),
      ]),
    ),
  );

  if (results.uncached) {
    parts.push(
      '**Every reply made anew** (`--reply-cache 0`: what a poll costs right after a write), the same load, on ' +
        'another instance of the server before anything was written:',
    );
    parts.push(
      table(
        ['endpoint', 'server req/s', 'p50', 'p99', 'ratio to the floor above', 'CPU/reply server'],
        results.uncached.map((e) => [
          `\`${e.route}\``,
          rate(e.server.rps),
          ms(e.server.latency.p50),
          ms(e.server.latency.p99),
          pct(e.ratio),
          cpu(e.cpuMs),
        ]),
      ),
    );
  }

  parts.push(`### 2. Growth: p50 at ${growth.datasets.join(', ')}`);
  if (results.uncached)
    parts.push(
      'Every reply made anew (`--reply-cache 0`), on each dataset before anything is written to it: a kept reply ' +
        'costs the same whatever the size of the data. The largest dataset’s figures are the table above.',
    );
  parts.push(
    table(
      [
        'endpoint',
        ...growth.datasets.map((d) => `p50, ${d}`),
        'p50 growth',
        ...(growth.endpoints[0]?.cpuMs ? ['CPU/reply growth'] : []),
      ],
      growth.endpoints.map((e) => {
        const cpuFirst = e.cpuMs?.[0];
        const cpuLast = e.cpuMs?.at(-1);
        return [
          `\`${e.route}\``,
          ...e.p50.map(ms),
          `${e.growth.toFixed(2)}×`,
          ...(e.cpuMs ? [cpuFirst && cpuLast ? `${(cpuLast / cpuFirst).toFixed(2)}×` : '—'] : []),
        ];
      }),
    ),
  );

  parts.push('### 3. Ingest');
  parts.push(
    `\`POST /api/chat/{cId}/messages\` for ${settings.ingestDurationS} s at ${ingest.server.connections} connections, ` +
      'each send answered once its transaction has committed (WAL, `synchronous=NORMAL`; sends arriving together ' +
      'share one), recipients offline (so each send also stores an offline message). The floors write the same ' +
      'rows with raw better-sqlite3 statements on the same file, with the server stopped and its checkpoints ' +
      `taken by the same thread: batched as the server can at most (${ingestConnectionsOf(results)} sends a ` +
      'transaction), and one transaction per message.',
  );
  parts.push(
    table(
      ['', 'msg/s', 'server / this'],
      [
        [
          `server (HTTP), p50 ${ms(ingest.server.latency.p50)}, p99 ${ms(ingest.server.latency.p99)}, ` +
            `CPU ${cpu(ingest.serverCpuMsPerSend)} per send`,
          rate(ingest.server.rps),
          '—',
        ],
        ...(ingest.raw.fullSendBatched === undefined
          ? []
          : [
              [
                `floor: everything a send writes, ${ingestConnectionsOf(results)} sends a transaction`,
                rate(ingest.raw.fullSendBatched),
                pct(ingest.ratioToBatched ?? null),
              ],
            ]),
        [
          'floor: everything a send writes (message, window, members, offline message), one a transaction',
          rate(ingest.raw.fullSend),
          pct(ingest.ratioToFullSend),
        ],
        ['floor: the message row alone', rate(ingest.raw.messageOnly), pct(ingest.ratioToMessageOnly)],
      ],
    ),
  );

  parts.push('### 4. Real time');
  parts.push(
    `${realtime.clients} WebSocket clients (${realtime.clients / 2} pairs, each chatting in its window), sends through ` +
      `\`POST /api/chat/{cId}/messages\` at ${realtime.targetRate} msg/s for ${settings.realtimeDurationS} s; each ` +
      'recipient acknowledges what it receives. Latency: from issuing the POST to the recipient receiving `message.new`.' +
      (results.realtimeOthers.length > 0
        ? ` The other rows are the same at ${results.realtimeOthers.map((r) => r.targetRate).join(' and ')} msg/s ` +
          '(half as long), for comparison.'
        : ''),
  );
  parts.push(
    table(
      [
        'msg/s wanted',
        'achieved',
        'measured',
        'lost',
        'p50',
        'p90',
        'p99',
        'max',
        'send (HTTP) p50',
        'send p99',
        'server CPU/message',
      ],
      [realtime, ...results.realtimeOthers].map((r) => [
        rate(r.targetRate),
        rate(r.achievedRate),
        r.sent,
        r.lost,
        ms(r.latency.p50),
        ms(r.latency.p90),
        ms(r.latency.p99),
        ms(r.latency.max),
        ms(r.sendLatency.p50),
        ms(r.sendLatency.p99),
        cpu(r.serverCpuMsPerMessage),
      ]),
    ),
  );

  parts.push('### 5. Start-up and memory');
  const startupRow = (label: string, s: BenchResults['startup']['bundled']) => [
    label,
    ms(s.median.spawnToReadyMs),
    ms(s.median.loadMs),
    ms(s.median.startServerMs),
  ];
  parts.push(
    table(
      ['server, folder', 'spawn → ready', 'Node start and loading modules', 'startServer()'],
      [
        startupRow(`bundled (as the desktop app ships it), ${reads.dataset}`, startup.bundled),
        startupRow(`TypeScript under tsx (\`npm run server\`), ${reads.dataset}`, startup.tsx),
        startupRow(`bundled, ${results.datasets[0]!.label}`, startup.smallestBundled),
      ],
    ),
  );
  parts.push(
    `Medians of ${settings.startupRuns} starts each. Server memory after the run: ` +
      (memory ? `RSS ${memory.rssMB.toFixed(0)} MB, peak ${memory.peakMB.toFixed(0)} MB.` : 'not measured (no /proc).'),
  );

  parts.push(`### 6. Search (${reads.dataset})`);
  parts.push(
    `\`GET /api/search?q=…&limit=20\`, ${settings.searchPerTerm} searches per term and searcher, one at a time, as ` +
      `the reader (user ${search.searchers[0]!.userId}, whose windows hold a third of all messages) and as a typical ` +
      `user (user ${search.searchers[1]!.userId}, about the median number of messages in their windows). ` +
      `Over all: p50 ${ms(search.overall.p50)}, p99 ${ms(search.overall.p99)}.`,
  );
  parts.push(
    table(
      ['term', 'kind', ...search.searchers.flatMap((s) => [`${s.role}: results`, 'p50', 'p99'])],
      search.terms.map((t) => [
        `\`${t.term}\``,
        t.note,
        ...t.bySearcher.flatMap((b) => [b.results, ms(b.latency.p50), ms(b.latency.p99)]),
      ]),
    ),
  );

  if (results.renderer) parts.push(...rendererSection(results.renderer, reads.dataset));

  if (results.datasets.some((d) => d.postgres)) parts.push(...postgresSection(results));

  if (results.logging) {
    parts.push('### Request logging');
    parts.push(
      'At its default level (`info`) the server logs no line for a request unless it is slow; `--log-level debug` ' +
        'logs one for every request. CPU time per reply at both levels, every reply made anew:',
    );
    parts.push(
      table(
        ['endpoint', 'CPU/reply, info', 'CPU/reply, debug', 'cost of the lines'],
        results.logging.map((l) => [
          `\`${l.route}\``,
          cpu(l.infoCpuMs),
          cpu(l.debugCpuMs),
          l.infoCpuMs && l.debugCpuMs ? pct(l.debugCpuMs / l.infoCpuMs - 1) : '—',
        ]),
      ),
    );
  }

  for (const { subject, summary } of results.profiles) {
    parts.push(`### CPU profile: ${subject}`);
    parts.push(
      `\`node --cpu-prof\` on the server while it served only this, ${(summary.sampledMs / 1000).toFixed(1)} s of busy time ` +
        'sampled (idle excluded). Self time by area (a native better-sqlite3 call counts as SQLite):',
    );
    parts.push(
      table(
        ['area', 'share'],
        summary.areas.filter((a) => a.percent >= 0.5).map((a) => [a.name, pct(a.percent / 100)]),
      ),
    );
    parts.push('Top functions by self time, and the server functions with the most time inside them (inclusive):');
    parts.push(
      table(
        ['self', 'function', 'inclusive', 'server function'],
        summary.functions.slice(0, 12).map((f, i) => {
          const inner = summary.serverInclusive[i];
          return [
            pct(f.percent / 100),
            `\`${f.name}\``,
            inner ? pct(inner.percent / 100) : '',
            inner ? `\`${inner.name}\`` : '',
          ];
        }),
      ),
    );
  }

  parts.push('### Datasets');
  parts.push(
    table(
      ['dataset', 'users', 'messages', 'notifications', 'offline messages', 'windows', 'generated in'],
      results.datasets.map((d) => [
        d.label,
        rate(d.size.users),
        rate(d.size.messages),
        rate(d.size.notifications),
        rate(d.rows.offline_messages ?? 0),
        rate(d.rows.chat_windows ?? 0),
        `${d.generationS.toFixed(1)} s`,
      ]),
    ),
  );
  return parts.join('\n\n');
}

const mb = (value: number) => `${value.toFixed(1)} MB`;
const seconds = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} s`);

/** PostgreSQL beside SQLite: the read endpoints on every dataset, ingest through one and two instances, real time across them. */
function postgresSection(results: BenchResults): string[] {
  const { settings } = results;
  const measured = results.datasets.flatMap((d) => (d.postgres ? [{ label: d.label, ...d.postgres }] : []));
  const server = results.postgresServer ?? {};
  const parts = [
    '### 8. PostgreSQL beside SQLite',
    `The same server with \`--database\` on a copy of each dataset in PostgreSQL ${server.server_version ?? ''} ` +
      '(`bench/dataset/postgres-load.ts`: the same rows and ids, the indexes built after the copy, then `VACUUM (ANALYZE)`), ' +
      'on the same machine as everything else. Settings: ' +
      Object.entries(server)
        .filter(([name]) => name !== 'server_version')
        .map(([name, value]) => `\`${name}=${value}\``)
        .join(', ') +
      '. Each commit waits for its WAL to be written, not flushed: a crash of PostgreSQL loses no commit, a crash of ' +
      'the machine may, as with SQLite’s WAL at `synchronous=NORMAL`. Copied in: ' +
      measured
        .map((d) => `${d.label} ${seconds(d.load.totalMs / 1000)} (indexes ${seconds(d.load.indexMs / 1000)})`)
        .join(', ') +
      '.',
    `Read endpoints, ${settings.connections} connections, as in sections 1 and 2 (SQLite's figures are those of ` +
      'every reply made anew, on the same dataset: instances on PostgreSQL keep no replies). CPU/reply is the server process’s alone; on PostgreSQL part of the work moves to the database’s ' +
      'processes.',
    table(
      [
        'dataset',
        'endpoint',
        'SQLite req/s',
        'PostgreSQL req/s',
        'ratio',
        'PostgreSQL p50',
        'PostgreSQL p99',
        'CPU/reply SQLite',
        'CPU/reply PostgreSQL',
      ],
      measured.flatMap((d) =>
        d.reads.map((e) => [
          d.label,
          `\`${e.route}\``,
          rate(e.sqliteRps),
          rate(e.server.rps),
          pct(e.ratio),
          ms(e.server.latency.p50),
          ms(e.server.latency.p99),
          cpu(e.sqliteCpuMs),
          cpu(e.serverCpuMs),
        ]),
      ),
    ),
  ];
  const largest = measured.at(-1)!;
  if (largest.ingest) parts.push(...clusterIngest(results, largest.label, largest.ingest));
  const across = largest.realtimeAcross;
  if (across) {
    parts.push(
      `Real time across two instances (${largest.label}): the ${across.atRate.clients} clients' WebSockets on ` +
        `instance B, every send to instance A at ${rate(across.atRate.targetRate)} msg/s for ` +
        `${settings.realtimeDurationS} s, so each message reaches its recipient through Redis; then at ` +
        `${rate(across.light.targetRate)} msg/s for half as long, well below what an instance writes, where the ` +
        'relay’s own delay shows without a queue. Latency: from issuing the POST on A to `message.new` from B. ' +
        `The run at the rate is the first either instance writes: it is measured after ` +
        `${settings.acrossWarmupS ?? settings.warmupS} s at the rate (the other runs after ${settings.warmupS} s), ` +
        'and the warm-up’s own latency is in the last columns.',
    );
    parts.push(
      table(
        [
          'msg/s wanted',
          'achieved',
          'measured',
          'lost',
          'sends failed',
          'p50',
          'p90',
          'p99',
          'max',
          'send (HTTP) p50',
          'send p99',
          'CPU/msg: A',
          'B',
          'PostgreSQL',
          'Redis',
          'load generator',
          'all',
          'warm-up p50',
          'warm-up p99',
          'warm-up max',
        ],
        [across.atRate, across.light].map((r) => [
          rate(r.targetRate),
          rate(r.achievedRate),
          r.sent,
          r.lost,
          r.failed,
          ms(r.latency.p50),
          ms(r.latency.p90),
          ms(r.latency.p99),
          ms(r.latency.max),
          ms(r.sendLatency.p50),
          ms(r.sendLatency.p99),
          cpu(r.cpuMsPerMessage?.sender ?? null),
          cpu(r.cpuMsPerMessage?.receiver ?? null),
          cpu(r.cpuMsPerMessage?.postgres ?? null),
          cpu(r.cpuMsPerMessage?.redis ?? null),
          cpu(r.cpuMsPerMessage?.loadGenerator ?? null),
          cpu(r.cpuMsPerMessage?.total ?? null),
          r.warmupLatency ? ms(r.warmupLatency.p50) : '',
          r.warmupLatency ? ms(r.warmupLatency.p99) : '',
          r.warmupLatency ? ms(r.warmupLatency.max) : '',
        ]),
      ),
    );
  }
  return parts;
}

/** Ingest through one and two instances, the CPU each process used, and what that predicts for more machines. */
function clusterIngest(
  results: BenchResults,
  dataset: string,
  ingest: NonNullable<NonNullable<BenchResults['datasets'][number]['postgres']>['ingest']>,
): string[] {
  const { one, two } = ingest;
  const sqlite = results.ingest;
  const row = (name: string, run: typeof one) => [
    name,
    rate(run.rps),
    run.failed,
    run.perInstance.map((i) => ms(i.latency.p99)).join(', '),
    run.cpuS.servers.map(seconds).join(' + '),
    seconds(run.cpuS.postgres),
    seconds(run.cpuS.redis),
    seconds(run.cpuS.loadGenerator),
    cpu(run.cpuMsPerMessage.servers),
    cpu(run.cpuMsPerMessage.postgres),
    cpu(run.cpuMsPerMessage.redis),
    run.perCore === null ? '—' : rate(run.perCore),
  ];
  const parts = [
    `Ingest (${dataset}): the scenario of section 3 for ${results.settings.ingestDurationS} s through one instance, ` +
      `then through two on the same database and Redis at once, each with ${two.connectionsPerInstance} connections ` +
      'and its own half of the windows (failed: sends an instance gave up on, their transaction conflicting with ' +
      'the other instance’s writes each time it was tried). CPU is what each process used during the run, from /proc (PostgreSQL: its ' +
      'postmaster and every backend); msg per CPU second divides the messages by the CPU time of every process that ' +
      `served them. The load generator (autocannon, in the benchmark's process) runs on the same ${results.machine.cores} cores: ` +
      `all these processes together get at most ${results.machine.cores} CPU seconds a second of the run, the ceiling here.`,
    table(
      [
        '',
        'msg/s',
        'failed',
        'p99 per instance',
        'CPU: instances',
        'CPU: PostgreSQL',
        'CPU: Redis',
        'CPU: load generator',
        'CPU/msg: instances',
        'CPU/msg: PostgreSQL',
        'CPU/msg: Redis',
        'msg per CPU second',
      ],
      [
        [
          'SQLite, one server (section 3)',
          rate(sqlite.server.rps),
          0,
          ms(sqlite.server.latency.p99),
          '—',
          '—',
          '—',
          '—',
          cpu(sqlite.serverCpuMsPerSend),
          '—',
          '—',
          sqlite.serverCpuMsPerSend ? rate(1000 / sqlite.serverCpuMsPerSend) : '—',
        ],
        row('PostgreSQL, one instance', one),
        row('PostgreSQL, two instances', two),
      ],
    ),
  ];
  const { servers, postgres, redis } = two.cpuMsPerMessage;
  if (servers === null || postgres === null) return parts;
  // Instances scale out with machines; the one database and the one (single-threaded) Redis do not.
  const predicted = (appCores: number, dbCores: number) =>
    Math.min((1000 * appCores) / servers, (1000 * dbCores) / postgres, redis ? 1000 / redis : Infinity);
  const dbCores = [2, 4, 8, 16];
  parts.push(
    `What the CPU costs of the two-instance run predict for more machines: instances on *n* cores in all, ` +
      `PostgreSQL on *d* cores of its own, Redis on one; msg/s ≈ min(1000·n / ${servers.toFixed(3)}, ` +
      `1000·d / ${postgres.toFixed(3)}${redis ? `, 1000 / ${redis.toFixed(3)}` : ''}). A model, not a measurement: ` +
      'it assumes each cost stays the same per message as machines are added (no lock or WAL contention in ' +
      'PostgreSQL, no network time between machines).',
    table(
      ['instances’ cores', ...dbCores.map((d) => `PostgreSQL on ${d} cores`)],
      [2, 4, 8, 16, 32].map((n) => [String(n), ...dbCores.map((d) => rate(predicted(n, d)))]),
    ),
  );
  return parts;
}

/** A timed click: its median and every run, the main thread's CPU time, the longest task. */
function timedOpen(open: TimedOpen): string {
  const runs = open.openMs.map((t) => t.toFixed(0)).join(', ');
  const task = open.longestTaskMs ? ms(open.longestTaskMs) : 'none over 50 ms';
  return `median ${ms(open.medianOpenMs)} (${runs} ms); main-thread CPU ${ms(open.medianCpuMs)}; longest task ${task}`;
}

function rendererSection(renderer: RendererFigures, dataset: string): string[] {
  const { window, scrollBack, search, jump, keptStart, inbox, heldWindows } = renderer;
  const { width, height } = renderer.viewport;
  const cpu = scrollBack.cpuMsPerFrame;
  return [
    `### 7. Renderer (${dataset})`,
    `Chromium ${renderer.chromium} (headless, \`--disable-gpu\`) at ${width}×${height}, in Chinese; the renderer built as ` +
      '`npm run build:renderer` builds it and served by the server (web mode). Every click is timed ' +
      `${renderer.runs} times, each in a fresh browser profile signed in through the sign-in screen, once the app's ` +
      'start-up requests are over. Times run from the click event to the end of the first frame showing the result ' +
      '(checked after each animation frame), measured in the page; long tasks come from a `PerformanceObserver`, which ' +
      'reports only tasks over 50 ms. CPU times are the main thread’s, from Chromium’s counters in thread time: other ' +
      'work on the machine stretches the wall times and long tasks, much less these. The JavaScript heap is read after ' +
      'a full garbage collection. Elements: everything in the chat’s pane (header, messages, composer), or in the inbox section.',
    table(
      ['', 'measured'],
      [
        [
          `user ${window.userId} opens a ${window.messages.toLocaleString('en-US')}-message chat from the chat list: ` +
            'click → latest messages painted',
          timedOpen(window),
        ],
        ['the chat’s pane once open', `${window.paneElements} elements, ${window.messageRows} message rows`],
        [
          `scrolling back ${scrollBack.messages.toLocaleString('en-US')} messages at ${scrollBack.pxPerFrame} px a frame ` +
            '(older pages load on the way)',
          `${(scrollBack.durationMs / 1000).toFixed(1)} s, ${scrollBack.frames} frames; main-thread CPU ` +
            `${ms(cpu.total)} a frame (script ${ms(cpu.script)}, layout ${ms(cpu.layout)}, style ${ms(cpu.style)}); ` +
            `${scrollBack.longTasks} tasks over 50 ms${scrollBack.longTasks ? ` (longest ${ms(scrollBack.longestTaskMs)})` : ''}; ` +
            `longest frame ${ms(scrollBack.longestFrameMs)}; at most ${scrollBack.maxPaneElements} elements, ` +
            `${scrollBack.maxMessageRows} message rows in the pane`,
        ],
        [
          'JavaScript heap: chat list shown, chat open, scrolled back',
          `${mb(window.heapMB.listed)}, ${mb(window.heapMB.opened)}, ${mb(window.heapMB.scrolledBack)}`,
        ],
        ...(search && jump ? searchRows(search, jump) : []),
        ...(keptStart
          ? [
              [
                `user ${keptStart.userId} starts the app again with the server out of reach, reloading its window: ` +
                  'navigation → chat list painted from what the device kept',
                keptStarts(keptStart),
              ],
              ...(keptStart.inNewWindow
                ? [['the same in a new window (a renderer process of its own)', keptStarts(keptStart.inNewWindow)]]
                : []),
            ]
          : []),
        [
          `user ${inbox.userId} opens the inbox, ${inbox.unread.toLocaleString('en-US')} unread: click → first ` +
            'notifications painted',
          timedOpen(inbox),
        ],
        [
          'the same, loading the page with the app on the inbox: navigation → first notifications painted',
          ms(inbox.pageLoadMs),
        ],
        ['the inbox once open', `${inbox.elements} elements; JavaScript heap ${mb(inbox.heapMB)}`],
        ...(heldWindows
          ? [
              [
                `user ${heldWindows.userId} opens their ${heldWindows.windows.length} chats with the most messages, ` +
                  `scrolling each back ${heldWindows.messagesEach.toLocaleString('en-US')} messages (or to its first), ` +
                  'one after another in one tab',
                `${(heldWindows.loadingMs / 1000).toFixed(1)} s; JavaScript heap ${mb(heldWindows.heapMB)} with ` +
                  `${heldWindows.windows.map((w) => w.held.toLocaleString('en-US')).join(', ')} messages loaded ` +
                  `(${mb(heldWindows.listedHeapMB)} with the chat list alone)`,
              ],
            ]
          : []),
      ],
    ),
  ];
}

/** Typing in the chat list's search box, and clicking a result deep in the busiest chat. */
function searchRows(search: NonNullable<RendererFigures['search']>, jump: NonNullable<RendererFigures['jump']>) {
  const spread = ({ medianMs, p95Ms }: { medianMs: number; p95Ms: number }) =>
    `median ${ms(medianMs)}, p95 ${ms(p95Ms)}`;
  return [
    [
      `user ${search.userId} types a term in the chat list's search box (${search.terms.join(', ')}; ` +
        `${search.typedMs.length} searches): last keystroke → first message result painted`,
      search.debounceMs > 0
        ? `${spread(search.typed)}, the app's ${search.debounceMs} ms pause for typing included`
        : `${spread(search.typed)} (the app does not wait for a pause in typing)`,
    ],
    ['the same, from the start of the search request (no typing pause)', spread(search.fromRequest)],
    [
      `the same user clicks the result for a message ${jump.newerMessages.toLocaleString('en-US')} messages back in ` +
        `the ${jump.messages.toLocaleString('en-US')}-message chat ("${jump.term}"): click → message painted, highlighted`,
      timedOpen(jump),
    ],
  ];
}

/** The page with its measured part replaced (or a new page around it). */
export function pageWithResults(path: string, results: BenchResults, charts: ChartLink[] = []): string {
  const block = `${RESULTS_START}\n\n${renderResults(results, charts)}\n\n${RESULTS_END}`;
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const start = current.indexOf(RESULTS_START);
  const end = current.indexOf(RESULTS_END);
  if (start !== -1 && end > start) return current.slice(0, start) + block + current.slice(end + RESULTS_END.length);
  return `# Benchmarks\n\nHow to run them: \`bench/README.md\`.\n\n## Figures\n\n${block}\n`;
}

/** Timed starts: their median and each run, then the median from the app's own start. */
const keptStarts = (starts: Pick<KeptStarts, 'runsMs' | 'medianMs' | 'medianFromAppStartMs'>) =>
  `median ${ms(starts.medianMs)} (${starts.runsMs.map((t) => t.toFixed(0)).join(', ')} ms); ` +
  `${ms(starts.medianFromAppStartMs)} from the app's own start`;
