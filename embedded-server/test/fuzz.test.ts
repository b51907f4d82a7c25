import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TOKEN, startTestServer, type TestServer } from './harness.js';
import { isDialectShape, request, toFetch, type Route } from './fuzz-property.js';

let t: TestServer;
let routes: Route[];
let userToken: string;

beforeAll(async () => {
  t = await startTestServer();
  userToken = (await t.signUp('fuzzed')).token;
  await t.signUp('bystander');
  const spec = (await t.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  routes = Object.entries(spec.paths)
    // Logging out or resetting would end the caller's token, and with it the coverage of the rest.
    .filter(([path]) => !['/api/auth/logout'].includes(path))
    .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ path, method: method.toUpperCase() })));
});
afterAll(() => t.close());

describe('property: hostile requests', () => {
  it('never get a 5xx or a reply outside the dialects’ formats (3,000 generated requests)', async () => {
    await fc.assert(
      fc.asyncProperty(request(routes), async (input) => {
        const { target, init } = toFetch(t.url, { user: userToken, app: APP_TOKEN }, input);
        const response = await fetch(target, init);
        const text = await response.text();
        expect(response.status, `${init.method} ${target}`).toBeLessThan(500);
        if (init.method === 'HEAD' || response.status === 204) return;
        expect(isDialectShape(JSON.parse(text)), `${init.method} ${target} → ${text.slice(0, 200)}`).toBe(true);
      }),
      { numRuns: 3000, seed: 20261122 },
    );
    expect((await t.get('/api/health')).status).toBe(200);
  });
});
