import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TOKEN, startTestServer, type TestServer } from './harness.js';

/**
 * Every route the server describes, called with hostile path values and bodies: never a
 * 5xx, always a JSON answer in one of the dialects' shapes.
 */
let t: TestServer;
let token: string;

const PATH_VALUES = ['abc', '-1', '0', '1.5', '99999999999999999999', '%00', "'%20OR%201=1--", '%E5%BC%A0', 'null'];
const BODIES: unknown[] = [
  null,
  [],
  'text',
  42,
  { message: 123, type: 'VIDEO', clientMsgId: {} },
  { toId: -1, upTo: 'all', name: '', userId: 1e308, title: null },
  { username: "'; DROP TABLE users; --", password: '\u0000'.repeat(9), nickname: '<script>alert(1)</script>' },
  { type: 99, subtype: -1, user_id: '1', params: '{', content: 'x'.repeat(6000), title: '😀' },
];

function isDialectShape(body: Record<string, unknown>): boolean {
  return (
    ('code' in body && 'msg' in body) ||
    ('errcode' in body && 'errmsg' in body) ||
    ('error' in body && 'error_description' in body) ||
    ('success' in body && 'msg' in body) ||
    'messages' in body ||
    'errdata' in body ||
    'data' in body ||
    'ok' in body
  );
}

beforeAll(async () => {
  t = await startTestServer({ allowReset: false });
  token = (await t.signUp('fuzzer')).token;
  await t.signUp('other');
});
afterAll(() => t.close());

describe('hostile input on every route', () => {
  it('never answers 5xx, and always in a dialect’s JSON shape', async () => {
    const spec = (await t.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(spec.paths)
      // Logging out would end the caller's token and with it the coverage of the rest.
      .filter(([path]) => path !== '/api/auth/logout')
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ path, method: method.toUpperCase() })));
    expect(routes.length).toBeGreaterThan(30);
    let calls = 0;
    for (const { path, method } of routes) {
      for (const value of PATH_VALUES) {
        const url =
          path.replace(/\{[^}]+\}/g, value) + (path.includes('?') ? '' : `?limit=${value}&before=${value}&q=${value}`);
        for (const auth of [token, APP_TOKEN, null]) {
          const bodies = method === 'GET' ? [undefined] : BODIES;
          for (const body of bodies) {
            const reply = await t.request(method, url, { token: auth, body });
            calls++;
            expect(reply.status, `${method} ${url} ${JSON.stringify(body)}`).toBeLessThan(500);
            expect(reply.headers.get('content-type'), `${method} ${url}`).toContain('application/json');
            expect(isDialectShape(reply.body), `${method} ${url} → ${reply.text}`).toBe(true);
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(1000);
    expect((await t.get('/api/health')).status).toBe(200);
  });
});
