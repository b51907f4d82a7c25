import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TOKEN, keysOf, startTestServer, type TestServer } from './harness.js';

let t: TestServer;
let token: string;
let port: number;

/** A request with full control of the headers (fetch will not send a foreign Host). */
function rawRequest(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Writes bytes straight to the socket and returns the whole answer. */
function rawExchange(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

beforeAll(async () => {
  t = await startTestServer();
  port = Number(new URL(t.url).port);
  token = (await t.signUp('guard')).token;
});
afterAll(() => t.close());

describe('Host check (DNS rebinding)', () => {
  it('answers the loopback names it listens on', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost']) {
      const reply = await rawRequest('/api/health', { host });
      expect(reply.status, host).toBe(200);
    }
  });

  it('refuses a foreign Host with 421 in the dialect’s own format', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const inbox = await rawRequest('/message/unread', { host: 'attacker.example', ...auth });
    expect(inbox.status).toBe(421);
    expect(keysOf(JSON.parse(inbox.body))).toEqual(['errcode', 'errmsg']);
    const agora = await rawRequest('/app-id/JH/users/guard/offline_msg_count', { host: 'evil.test:80' });
    expect(agora.status).toBe(421);
    expect(keysOf(JSON.parse(agora.body))).toEqual([
      'error',
      'exception',
      'timestamp',
      'duration',
      'error_description',
    ]);
    const im = await rawRequest('/api/im/getNewestMsgListByLastTime', { host: 'rebind.example' });
    expect(JSON.parse(im.body)).toEqual({ success: false, msg: expect.any(String) });
    const health = await rawRequest('/api/health', { host: 'rebind.example' });
    expect(health.status).toBe(421);
  });

  it('refuses a request with no Host at all', async () => {
    const answer = await rawExchange('GET /api/health HTTP/1.0\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.[01] 421/);
  });
});

describe('bodies and parse errors', () => {
  const oversize = 'x'.repeat(1024 * 1024 + 10);

  it('refuses a body over 1 MiB with 413 in each dialect’s format', async () => {
    const inbox = await t.post('/message/create', { title: oversize }, token);
    expect(inbox.status).toBe(413);
    expect(keysOf(inbox.body)).toEqual(['errcode', 'errmsg']);
    const chat = await t.post('/api/chat', { toId: 1, pad: oversize }, token);
    expect(chat.status).toBe(413);
    expect(keysOf(chat.body)).toEqual(['code', 'msg']);
    const offline = await t.post('/offlineMessages/abcdefghijkl/accept', { pad: oversize }, token);
    expect(offline.status).toBe(413);
    expect(offline.body.code).toBe(413);
  });

  it('answers malformed JSON with a 4xx in the dialect’s format', async () => {
    const raw = '{"toId": 1,';
    const chat = await t.request('POST', '/api/chat', { token, raw, headers: { 'content-type': 'application/json' } });
    expect(chat.status).toBe(400);
    expect(keysOf(chat.body)).toEqual(['code', 'msg']);
    const inbox = await t.request('POST', '/message/setread/all', {
      token,
      raw,
      headers: { 'content-type': 'application/json' },
    });
    expect(inbox.status).toBe(422);
    expect(keysOf(inbox.body)).toEqual(['errcode', 'errmsg']);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const reply = await t.request('POST', '/api/chat', {
      token,
      raw: 'toId=1',
      headers: { 'content-type': 'text/plain' },
    });
    expect(reply.status).toBe(415);
    expect(keysOf(reply.body)).toEqual(['code', 'msg']);
  });

  it('answers a URL over the parser’s limit with a JSON 4xx instead of dropping the connection', async () => {
    const answer = await rawExchange(`GET /api/health?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 4\d\d/);
    expect(answer).toContain('application/json');
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({ code: 431, msg: expect.any(String) });
  });
});

describe('older REST clients', () => {
  it('answers a GET that carries a body, even one with no length on a closing connection', async () => {
    const head = `Host: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\n`;
    for (const request of [
      `GET /api/me HTTP/1.1\r\n${head}Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
      `GET /api/me HTTP/1.1\r\n${head}Connection: close\r\n\r\n{}`,
      `GET /message/unread HTTP/1.1\r\n${head}Connection: close\r\n\r\n{"page":1}`,
    ]) {
      const answer = await rawExchange(request);
      expect(answer.split('\r\n', 1)[0], request).toBe('HTTP/1.1 200 OK');
      expect(answer.match(/HTTP\/1\.1/g), 'one answer, no 400 after it').toHaveLength(1);
    }
  });
});

describe('numbers in paths and queries', () => {
  it('takes only plain decimal digits: not hex, exponents, fractions, blanks or leading zeros', async () => {
    for (const written of ['0x10', '1e3', '1.0', '1.5', '%20', '007', '+1']) {
      const chat = await t.get(`/api/chat?type=all&page=${written}`, token);
      expect(chat.status, written).toBe(422);
      expect(chat.body).toEqual({ code: 422, msg: expect.stringContaining('decimal') });
      const inbox = await t.get(`/message/setread/${written}`, token);
      expect(inbox.status, written).toBe(422);
      expect(inbox.body).toEqual({ errcode: 422, errmsg: expect.any(String) });
    }
    expect((await t.get('/api/chat?type=all&page=1&pageSize=10', token)).status).toBe(200);
  });
});

describe('unknown routes', () => {
  it('answers 404 in the format of the dialect the path belongs to', async () => {
    expect((await t.get('/api/nope', token)).body).toEqual({ code: 404, msg: expect.any(String) });
    expect((await t.get('/message/nope/1', token)).body).toEqual({ errcode: 404, errmsg: expect.any(String) });
    expect((await t.get('/api/im/nope', token)).body).toEqual({ success: false, msg: expect.any(String) });
    const agora = await t.get('/app-id/JH/users/guard/nope', APP_TOKEN);
    expect(agora.status).toBe(404);
    expect(agora.body.error).toBe('service_resource_not_found');
    expect((await t.request('DELETE', '/offlineMessages', { token })).body).toEqual({
      code: 404,
      msg: expect.any(String),
    });
  });
});

describe('health, self-description and headers', () => {
  it('reports health without a token or an envelope', async () => {
    const reply = await t.get('/api/health');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  });

  it('describes every endpoint in an OpenAPI document built from the request schemas', async () => {
    const reply = await t.get('/api/openapi.json');
    expect(reply.status).toBe(200);
    expect(reply.body.openapi).toMatch(/^3\./);
    const paths = Object.keys(reply.body.paths);
    for (const path of [
      '/offlineMessages',
      '/message/unread',
      '/message/read/after/{msgId}/limit/{limit}',
      '/message/create',
      '/app-id/{app_id}/users/{owner_username}/offline_msg_count',
      '/app-id/{app_id}/users/{username}/offline_msg_status/{msg_id}',
      '/api/chat',
      '/api/im/getNewestMsgListByLastTime',
      '/api/auth/register',
      '/api/projects/{pid}/invitations',
    ])
      expect(paths, path).toContain(path);
    const poll = reply.body.paths['/api/im/getNewestMsgListByLastTime'].get;
    expect(poll.parameters.map((p: { name: string }) => p.name)).toEqual([
      'appid',
      'from',
      'to',
      'fromrole',
      'lasttime',
    ]);
  });

  it('marks answers nosniff and API answers not cacheable', async () => {
    const reply = await t.get('/message/unread', token);
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('rate limit', () => {
  it('answers 429 in each dialect’s format once a token goes over its budget', async () => {
    const limited = await startTestServer({ rateLimit: 3 });
    try {
      const { token: userToken } = await limited.signUp('hasty');
      const replies = [];
      for (let i = 0; i < 6; i++) replies.push(await limited.get('/message/unread', userToken));
      const refused = replies.filter((r) => r.status === 429);
      expect(refused.length).toBeGreaterThan(0);
      expect(keysOf(refused[0]!.body)).toEqual(['errcode', 'errmsg']);
      for (let i = 0; i < 6; i++) await limited.get('/app-id/JH/users/hasty/offline_msg_count', APP_TOKEN);
      const agora = await limited.get('/app-id/JH/users/hasty/offline_msg_count', APP_TOKEN);
      expect(agora.status).toBe(429);
      expect(agora.body.error).toBe('reach_limit');
    } finally {
      await limited.close();
    }
  });
});

describe('QA reset', () => {
  it('is not there unless the server was started with --allow-reset', async () => {
    const reply = await t.post('/api/admin/reset', undefined, APP_TOKEN);
    expect(reply.status).toBe(404);
  });

  it('empties the store and seeds the demo again, for the app token only', async () => {
    const qa = await startTestServer({ demo: true, allowReset: true });
    try {
      const login = await qa.post('/api/auth/login', { username: 'zhangsan', password: 'demo1234' });
      const demoToken = login.body.data.token;
      await qa.signUp('extra');
      await qa.get('/offlineMessages', demoToken); // drains zhangsan's offline messages
      const countBefore = (await qa.get('/message/count', demoToken)).body.errdata.data;

      expect((await qa.post('/api/admin/reset', undefined, demoToken)).status).toBe(401);
      const reset = await qa.post('/api/admin/reset', undefined, APP_TOKEN);
      expect(reset.status).toBe(200);
      expect(reset.body).toEqual({ code: 0, msg: 'success', data: null });

      expect((await qa.get('/api/me', demoToken)).status).toBe(401);
      expect((await qa.post('/api/auth/login', { username: 'extra', password: 'password-123' })).status).toBe(401);
      const fresh = (await qa.post('/api/auth/login', { username: 'zhangsan', password: 'demo1234' })).body.data;
      expect(fresh.user.id).toBe(login.body.data.user.id);
      expect((await qa.get('/message/count', fresh.token)).body.errdata.data).toEqual(countBefore);
      expect((await qa.get('/offlineMessages', fresh.token)).body.messages.length).toBeGreaterThan(0);
    } finally {
      await qa.close();
    }
  });

  it('leaves nothing of the old data in what the server keeps in memory', async () => {
    const qa = await startTestServer({ allowReset: true });
    try {
      const chatOf = async () => {
        const [a, b] = [await qa.signUp('reset_a'), await qa.signUp('reset_b')];
        const opened = await qa.post('/api/chat', { toId: b.user.id }, a.token);
        return { token: a.token, cId: opened.body.data.id as number };
      };
      const before = await chatOf();
      await qa.post(
        `/api/chat/${before.cId}/messages`,
        { message: 'written before the reset', type: 'TEXT', clientMsgId: 'before-reset' },
        before.token,
      );
      const listed = await qa.get('/api/chat?type=all', before.token);
      expect(listed.body.data.list[0].messages).toHaveLength(1);

      expect((await qa.post('/api/admin/reset', undefined, APP_TOKEN)).status).toBe(200);
      const after = await chatOf();
      expect(after.cId).toBe(before.cId); // the emptied table hands out the same id again
      const [window] = (await qa.get('/api/chat?type=all', after.token)).body.data.list;
      expect(window.messages).toEqual([]);
      expect(window.afterMessage).toBeNull();
    } finally {
      await qa.close();
    }
  });
});
