import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { APP_TOKEN, startTestServer, type Account, type TestServer } from './harness.js';
import { RealtimeClient } from './realtime-client.js';

/** API.md §3c over real HTTP: the clock and fault injection a QA suite drives. */
let t: TestServer;
let alice: Account;
let bob: Account;
let cId: number;
let clientIds = 0;

beforeAll(async () => {
  t = await startTestServer({ allowReset: true });
  alice = await t.signUp('alice');
  bob = await t.signUp('bob');
  cId = (await t.post('/api/chat', { toId: bob.user.id }, alice.token)).body.data.id;
});
afterEach(async () => {
  await t.request('DELETE', '/api/admin/clock', { token: APP_TOKEN });
  await t.request('DELETE', '/api/admin/faults', { token: APP_TOKEN });
});
afterAll(() => t.close());

const send = (message: string, clientMsgId = `qa-${++clientIds}`) =>
  t.post(`/api/chat/${cId}/messages`, { message, clientMsgId }, alice.token);
const setClock = (body: object) => t.post('/api/admin/clock', body, APP_TOKEN);
const setFaults = (body: object) => t.post('/api/admin/faults', body, APP_TOKEN);

describe('the clock', () => {
  it('stamps every dialect with the time set, standing still when frozen', async () => {
    const at = Date.UTC(2020, 0, 2, 3, 4, 5);
    expect((await setClock({ now: at, frozen: true })).body.data).toEqual({ now: at });
    const sent = (await send('时间旅行')).body.data;
    expect(sent.created_at).toBe('2020-01-02T03:04:05.000Z');
    const im = await t.get(
      `/api/im/getNewestMsgListByLastTime?appid=JH&from=${alice.user.id}&to=${bob.user.id}&fromrole=MEMBER&lasttime=0`,
      alice.token,
    );
    expect(im.body.data[0].sendtime).toBe(at);
    await t.post(
      '/message/create',
      { title: '通知', type: 7, subtype: 0, content: 'x', user_id: alice.user.id },
      APP_TOKEN,
    );
    const local = new Date(at);
    const pad = (n: number) => String(n).padStart(2, '0');
    const inboxTime = `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())} ${pad(local.getHours())}:${pad(local.getMinutes())}:${pad(local.getSeconds())}`;
    expect((await t.get('/message/unread', alice.token)).body.errdata.data[0].created_at).toBe(inboxTime);
    const agora = await t.get('/app-id/JH/users/bob/offline_msg_count', APP_TOKEN);
    expect(agora.body.timestamp).toBe(at);
  });

  it('makes the two-minute recall window testable without waiting', async () => {
    await setClock({ now: Date.now(), frozen: true });
    const sent = (await send('撤回窗口')).body.data;
    expect((await setClock({ advanceMs: 2 * 60_000 + 1 })).status).toBe(200);
    expect((await t.post(`/api/chat/${cId}/messages/${sent.id}/recall`, {}, alice.token)).status).toBe(409);
    await setClock({ advanceMs: -(2 * 60_000 + 1) });
    expect((await t.post(`/api/chat/${cId}/messages/${sent.id}/recall`, {}, alice.token)).status).toBe(200);
  });

  it('returns to real time, and refuses a body that says neither now nor advanceMs', async () => {
    await setClock({ now: 0 });
    const back = await t.request('DELETE', '/api/admin/clock', { token: APP_TOKEN });
    expect(Math.abs(back.body.data.now - Date.now())).toBeLessThan(60_000);
    expect((await setClock({})).status).toBe(422);
    expect((await setClock({ now: 1, advanceMs: 1 })).status).toBe(422);
    expect((await t.post('/api/admin/clock', { now: 1 }, alice.token)).status).toBe(401);
  });
});

describe('faults', () => {
  it('answers a route the given status in its dialect’s format, exactly `times` times, storing nothing', async () => {
    const before = (await t.get(`/api/chat/${cId}/messages?limit=100`, alice.token)).body.data.length;
    await setFaults({ rules: [{ method: 'POST', path: '/api/chat/:cId/messages', status: 503, times: 2 }] });
    expect((await send('一')).body).toEqual({ code: 503, msg: expect.stringContaining('fault') });
    expect((await send('二')).status).toBe(503);
    expect((await send('三')).status).toBe(201);
    expect((await t.get(`/api/chat/${cId}/messages?limit=100`, alice.token)).body.data.length).toBe(before + 1);

    await setFaults({
      rules: [
        { path: '/message/unread', status: 500 },
        { path: '/app-id/:app_id/users/:owner_username/offline_msg_count', status: 502, times: 1 },
      ],
    });
    expect((await t.get('/message/unread', alice.token)).body).toEqual({ errcode: 500, errmsg: expect.any(String) });
    const agora = await t.get('/app-id/JH/users/bob/offline_msg_count', APP_TOKEN);
    expect(agora.status).toBe(502);
    expect(agora.body.error).toBe('internal_server_error');
  });

  it('with `after`, does the work and drops the answer: a retry with the same clientMsgId gets the first copy', async () => {
    await setFaults({ rules: [{ method: 'POST', path: '/api/chat/:cId/messages', after: true, times: 1 }] });
    await expect(send('网络断了', 'qa-after')).rejects.toThrow();
    const retry = await send('网络断了', 'qa-after');
    expect(retry.status, retry.text).toBe(200);
    const copies = (await t.get(`/api/chat/${cId}/messages?limit=100`, alice.token)).body.data.filter(
      (m: { clientMsgId: string }) => m.clientMsgId === 'qa-after',
    );
    expect(copies).toHaveLength(1);
  });

  it('waits `delayMs` before answering, and drops every live socket once on request', async () => {
    await setFaults({ rules: [{ path: '/api/me', delayMs: 300, times: 1 }] });
    const started = Date.now();
    expect((await t.get('/api/me', alice.token)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const live = await RealtimeClient.connect(t.url, alice.token);
    await setFaults({ rules: [], dropWebSockets: true });
    expect((await live.closed).code).toBe(1001);
  });
});

describe('without --allow-reset', () => {
  it('has no QA controls at all', async () => {
    const plain = await startTestServer();
    try {
      expect((await plain.post('/api/admin/clock', { now: 1 }, APP_TOKEN)).status).toBe(404);
      expect((await plain.post('/api/admin/faults', { rules: [] }, APP_TOKEN)).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
