import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { ingestConnectionsOf, type BenchResults } from './results.js';

/** A chart the run drew: its file (in the folder given) and what it shows. */
export interface Chart {
  file: string;
  title: string;
}

const WIDTH = 560;
const HEIGHT = 240;

/** What every chart shares: size, a white background, the page's sans-serif face. */
const frame = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  width: WIDTH,
  height: HEIGHT,
  background: 'white',
  config: { font: 'sans-serif', legend: { orient: 'bottom', columns: 3, labelLimit: 320 } },
} as const;

/**
 * Draws the run's figures as SVG with Vega-Lite: read throughput beside the floor (and
 * PostgreSQL's, when measured), latency percentiles, p50 growth with the dataset, and
 * ingest second by second. Charts whose figures the run lacks are left out.
 */
export async function writeCharts(results: BenchResults, folder: string): Promise<Chart[]> {
  mkdirSync(folder, { recursive: true });
  const charts: Chart[] = [];
  for (const chart of chartSpecs(results)) {
    writeFileSync(join(folder, chart.file), await toSvg(chart.spec));
    charts.push({ file: chart.file, title: chart.title });
  }
  return charts;
}

async function toSvg(spec: TopLevelSpec): Promise<string> {
  // No canvas in Node: the SVG renderer estimates text widths, which is enough for labels.
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return `${svg}\n`;
}

function chartSpecs(results: BenchResults): { file: string; title: string; spec: TopLevelSpec }[] {
  const { reads, growth, ingest } = results;
  const largest = results.datasets.at(-1);
  const postgresReads = new Map((largest?.postgres?.reads ?? []).map((read) => [read.key, read.server.rps]));
  const specs: { file: string; title: string; spec: TopLevelSpec }[] = [];

  const throughput = reads.endpoints.flatMap((e) => [
    { endpoint: e.key, series: 'server on SQLite', value: e.server.rps },
    ...(e.floor ? [{ endpoint: e.key, series: 'floor: bare node:http, same bytes', value: e.floor.rps }] : []),
    ...(postgresReads.has(e.key)
      ? [{ endpoint: e.key, series: 'server on PostgreSQL', value: postgresReads.get(e.key)! }]
      : []),
  ]);
  specs.push({
    file: 'read-throughput.svg',
    title: `Read endpoints: replies per second at ${results.settings.connections} connections, ${reads.dataset}`,
    spec: endpointBars(throughput, 'replies/s (log scale)'),
  });

  const percentiles = ['p50', 'p90', 'p99'] as const;
  const latency = reads.endpoints.flatMap((e) =>
    percentiles.map((percentile) => ({ endpoint: e.key, series: percentile, value: e.server.latency[percentile] })),
  );
  specs.push({
    file: 'read-latency.svg',
    title: `Read endpoints: latency percentiles at ${results.settings.connections} connections, ${reads.dataset}`,
    spec: endpointBars(latency, 'ms (log scale)', [...percentiles]),
  });

  const points = growth.endpoints.flatMap((e) =>
    e.p50.map((p50, i) => ({ endpoint: e.key, messages: growth.messages[i]!, p50 })),
  );
  specs.push({
    file: 'read-growth.svg',
    title: `Read endpoints: p50 latency as the dataset grows (${growth.datasets.join(' → ')})`,
    spec: {
      ...frame,
      data: { values: points },
      mark: { type: 'line', point: true },
      encoding: {
        x: {
          field: 'messages',
          type: 'quantitative',
          title: 'messages in the dataset (log scale)',
          scale: { type: 'log' },
        },
        y: { field: 'p50', type: 'quantitative', title: 'p50, ms' },
        color: { field: 'endpoint', type: 'nominal', title: null },
      },
    },
  });

  const perSecond = ingest.server.perSecond;
  if (perSecond && perSecond.length > 0)
    specs.push({
      file: 'ingest.svg',
      title:
        `Ingest through the HTTP API, second by second (${ingestConnectionsOf(results)} connections), ` +
        'with the raw better-sqlite3 floor writing the same rows',
      spec: {
        ...frame,
        layer: [
          {
            data: { values: perSecond.map((sends, second) => ({ second: second + 1, sends })) },
            mark: { type: 'line', point: true },
            encoding: {
              x: { field: 'second', type: 'quantitative', title: 'second of the run' },
              y: { field: 'sends', type: 'quantitative', title: 'messages/s' },
            },
          },
          {
            data: {
              values: [
                {
                  floor: ingest.raw.fullSendBatched ?? ingest.raw.fullSend,
                  label: 'floor: the same rows, raw better-sqlite3',
                },
              ],
            },
            encoding: { y: { field: 'floor', type: 'quantitative' } },
            layer: [
              { mark: { type: 'rule', strokeDash: [6, 4], color: 'gray' } },
              {
                mark: { type: 'text', align: 'left', dx: 4, dy: -8, color: 'gray' },
                encoding: { text: { field: 'label' }, x: { datum: 1, type: 'quantitative' } },
              },
            ],
          },
        ],
      },
    });
  return specs;
}

/** Bars of each endpoint's figures side by side, one colour per series, on a log scale. */
function endpointBars(
  values: { endpoint: string; series: string; value: number }[],
  title: string,
  order?: string[],
): TopLevelSpec {
  return {
    ...frame,
    data: { values },
    mark: 'bar',
    encoding: {
      x: { field: 'endpoint', type: 'nominal', title: null, axis: { labelAngle: -30 } },
      xOffset: { field: 'series', ...(order ? { sort: order } : {}) },
      // Side by side, not stacked: a stack has no meaning on a log scale (its bars vanish).
      y: { field: 'value', type: 'quantitative', title, scale: { type: 'log' }, stack: null },
      color: { field: 'series', type: 'nominal', title: null, ...(order ? { sort: order } : {}) },
    },
  };
}
