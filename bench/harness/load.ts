import autocannon from 'autocannon';
import { Samples, summarize, type LatencySummary } from './stats.js';

export interface LoadOptions {
  url: string;
  /** One request shape, or a function making each request (a unique body, say). */
  path?: string;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  nextRequest?: () => { path: string; headers: Record<string, string>; body?: string };
  connections: number;
  durationS: number;
  /** Stop after this many requests instead (the duration then only bounds the run). */
  amount?: number;
  /** Load before measuring (JIT, caches), not counted. */
  warmupS?: number;
  /** Keep every latency sample in the result (to merge runs). */
  keepSamples?: boolean;
  /** Count the successful replies of each second of the run too (`perSecond`). */
  timeline?: boolean;
}

export interface LoadResult {
  connections: number;
  durationS: number;
  /** Successful (2xx) replies per second. */
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Mean reply size in bytes, headers included. */
  bytesPerReply: number;
  latency: LatencySummary;
  samples?: Float64Array;
  /** With `timeline`: successful replies in each whole second of the run, in order. */
  perSecond?: number[];
}

/**
 * Drives a URL with autocannon at a fixed number of connections for a while. Latency is
 * taken from every reply autocannon sees (its own histogram rounds to whole
 * milliseconds, too coarse for sub-millisecond replies); throughput counts 2xx replies
 * over the measured wall time.
 */
export async function measureLoad(options: LoadOptions): Promise<LoadResult> {
  if (options.warmupS) await run({ ...options, durationS: options.warmupS, amount: undefined }, null);
  const latencies = new Samples();
  return run(options, latencies);
}

function run(options: LoadOptions, latencies: Samples | null): Promise<LoadResult> {
  const { nextRequest } = options;
  const requests = nextRequest
    ? [
        {
          method: options.method ?? 'POST',
          setupRequest: (request: autocannon.Request) => ({ ...request, ...nextRequest() }),
        },
      ]
    : undefined;
  return new Promise((resolve, reject) => {
    let ok = 0;
    let bytes = 0;
    let non2xx = 0;
    let errors = 0;
    const started = performance.now();
    const perSecond: number[] = [];
    const instance = autocannon(
      {
        url: options.url + (options.path ?? ''),
        method: options.method ?? 'GET',
        headers: options.headers,
        connections: options.connections,
        duration: options.durationS,
        ...(options.amount ? { amount: options.amount } : {}),
        requests,
        timeout: 30,
      },
      (error) => {
        if (error) return reject(error);
        const elapsedS = (performance.now() - started) / 1000;
        resolve({
          connections: options.connections,
          durationS: elapsedS,
          rps: ok / elapsedS,
          requests: ok,
          non2xx,
          errors,
          bytesPerReply: ok ? bytes / ok : 0,
          latency: summarize(latencies?.view() ?? []),
          ...(options.keepSamples && latencies ? { samples: latencies.view().slice() } : {}),
          // The last second is cut short by the run's end: left out, so every bar is a whole second.
          ...(options.timeline ? { perSecond: perSecond.slice(0, Math.floor(elapsedS)) } : {}),
        });
      },
    );
    instance.on('response', (_client, status, responseBytes, responseTime) => {
      if (status >= 200 && status < 300) {
        ok++;
        if (options.timeline) {
          const second = Math.floor((performance.now() - started) / 1000);
          while (perSecond.length <= second) perSecond.push(0);
          perSecond[second]!++;
        }
        bytes += responseBytes;
        latencies?.push(responseTime);
      } else non2xx++;
    });
    instance.on('reqError', () => errors++);
  });
}
