/**
 * The long fuzz run: `npm run fuzz -- [runs] [seed]` throws many more generated hostile
 * requests at a fresh server than the test suite does, and prints the totals.
 */
import fc from 'fast-check';
import { APP_TOKEN, startTestServer } from './harness.js';
import { isDialectShape, request, toFetch, type Route } from './fuzz-property.js';

const runs = Number(process.argv[2] ?? 50_000);
const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
const t = await startTestServer();
const user = (await t.signUp('long_fuzz')).token;
const spec = (await t.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
const routes: Route[] = Object.entries(spec.paths)
  .filter(([path]) => path !== '/api/auth/logout')
  .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ path, method: method.toUpperCase() })));

const statuses = new Map<number, number>();
const started = Date.now();
try {
  await fc.assert(
    fc.asyncProperty(request(routes), async (input) => {
      const { target, init } = toFetch(t.url, { user, app: APP_TOKEN }, input);
      const response = await fetch(target, init);
      const text = await response.text();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status >= 500) throw new Error(`${response.status} for ${init.method} ${target}: ${text}`);
      if (!isDialectShape(JSON.parse(text))) throw new Error(`not a dialect reply: ${init.method} ${target}: ${text}`);
    }),
    { numRuns: runs, seed },
  );
  const healthy = (await t.get('/api/health')).status === 200;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`fuzz: ${runs} requests in ${seconds} s (seed ${seed}), no 5xx, server healthy: ${healthy}`);
  console.log(
    `statuses: ${[...statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ')}`,
  );
} finally {
  await t.close();
}
