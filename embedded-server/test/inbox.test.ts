import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TOKEN, keysOf, startTestServer, type TestServer } from './harness.js';

// Seed 001's notification keys, in its order.
const NOTIFICATION_KEYS = [
  'id',
  'title',
  'content',
  'status',
  'type',
  'subtype',
  'params',
  'created_at',
  'updated_at',
  'user_id',
];
const INBOX_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

let t: TestServer;
let alice: { token: string; user: { id: number } };
let bob: { token: string; user: { id: number } };

async function create(token: string, userId: number, fields: Record<string, unknown> = {}) {
  const reply = await t.post(
    '/message/create',
    {
      title: '机构注册审核未通过',
      type: 1,
      subtype: 2,
      content: '您的机构注册申请未通过，点击查看详情',
      params: null,
      user_id: userId,
      ...fields,
    },
    token,
  );
  expect(reply.status, reply.text).toBe(200);
  return reply;
}

async function unreadIds(token: string): Promise<number[]> {
  const reply = await t.get('/message/unread', token);
  return reply.body.errdata.data.map((n: { id: number }) => n.id);
}

beforeAll(async () => {
  t = await startTestServer();
  alice = await t.signUp('alice');
  bob = await t.signUp('bob');
});
afterAll(() => t.close());

describe('inbox dialect (seed 001)', () => {
  it('creates a notification with the seed’s envelope and data', async () => {
    const reply = await create(alice.token, alice.user.id);
    expect(reply.body).toEqual({ errcode: 0, errmsg: 'ok', errdata: { data: '新增操作成功' } });
  });

  it('lists unread notifications ascending by id with exactly the seed’s keys and types', async () => {
    await create(alice.token, alice.user.id, { params: '{"id": 3}' });
    const reply = await t.get('/message/unread', alice.token);
    expect(reply.status).toBe(200);
    expect(keysOf(reply.body)).toEqual(['errcode', 'errmsg', 'errdata']);
    expect(keysOf(reply.body.errdata)).toEqual(['data']);
    const list = reply.body.errdata.data;
    expect(list.length).toBe(2);
    for (const n of list) {
      expect(keysOf(n)).toEqual(NOTIFICATION_KEYS);
      expect(n.status).toBe('0');
      expect(typeof n.id).toBe('number');
      expect(typeof n.type).toBe('number');
      expect(typeof n.subtype).toBe('number');
      expect(n.created_at).toMatch(INBOX_TIME);
      expect(n.updated_at).toBeNull();
      expect(n.user_id).toBe(alice.user.id);
    }
    expect(list[0].params).toBeNull();
    expect(list[1].params).toBe('{"id": 3}');
    expect(list[0].id).toBeLessThan(list[1].id);
  });

  it('marks read with the seed’s reply, sets updated_at, and is idempotent', async () => {
    const [first] = await unreadIds(alice.token);
    const reply = await t.get(`/message/setread/${first}`, alice.token);
    expect(reply.body).toEqual({ errcode: 0, errmsg: 'ok', errdata: { data: '设置已读操作成功' } });
    const read = (await t.get('/message/read', alice.token)).body.errdata.data;
    expect(read[0].id).toBe(first);
    expect(read[0].status).toBe('1');
    expect(read[0].updated_at).toMatch(INBOX_TIME);
    const again = await t.request('POST', `/message/setread/${first}`, { token: alice.token });
    expect(again.status).toBe(200);
    expect((await t.get('/message/read', alice.token)).body.errdata.data[0].updated_at).toBe(read[0].updated_at);
  });

  it('returns the three most recently read, newest read first', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) ids.push(Number((await create(alice.token, alice.user.id)) && 0));
    const unread = await unreadIds(alice.token);
    // Read in an order different from the id order: the read time decides.
    const order = [unread[2]!, unread[0]!, unread[3]!, unread[1]!];
    for (const id of order) {
      await t.get(`/message/setread/${id}`, alice.token);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const read = (await t.get('/message/read', alice.token)).body.errdata.data.map((n: { id: number }) => n.id);
    expect(read).toEqual([order[3], order[2], order[1]]);
  });

  it('pages read notifications with id > msgId, newest read first, at most limit', async () => {
    const all = (await t.get('/message/read/after/0/limit/100', alice.token)).body.errdata.data;
    expect(all.length).toBeGreaterThanOrEqual(4);
    const cut = Math.min(...all.map((n: { id: number }) => n.id));
    const after = (await t.get(`/message/read/after/${cut}/limit/2`, alice.token)).body.errdata.data;
    expect(after.length).toBe(2);
    for (const n of after) expect(n.id).toBeGreaterThan(cut);
    expect(after.map((n: { id: number }) => n.id)).toEqual(
      all
        .filter((n: { id: number }) => n.id > cut)
        .slice(0, 2)
        .map((n: { id: number }) => n.id),
    );
  });

  it('moves notifications through todo and back to unread, with counts that follow', async () => {
    const [id] = await unreadIds(alice.token);
    expect((await t.get(`/message/settodo/${id}`, alice.token)).body.errdata.data).toBe('设置待办操作成功');
    const todo = (await t.get('/message/todo', alice.token)).body.errdata.data;
    expect(todo.map((n: { id: number }) => n.id)).toContain(id);
    expect(todo.find((n: { id: number }) => n.id === id).status).toBe('2');
    let counts = (await t.get('/message/count', alice.token)).body.errdata.data;
    expect(counts.todo).toBe(1);
    expect(keysOf(counts.byType)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(counts.byType['1'].todo).toBe(1);
    expect((await t.post(`/message/setunread/${id}`, undefined, alice.token)).body.errdata.data).toBe(
      '设置未读操作成功',
    );
    counts = (await t.get('/message/count', alice.token)).body.errdata.data;
    expect(counts.todo).toBe(0);
    expect(counts.unread).toBe((await unreadIds(alice.token)).length);
  });

  it('marks all read (optionally one type), keeping todo items; GET is refused', async () => {
    await create(alice.token, alice.user.id, { type: 4, subtype: 1 });
    const [todoId] = await unreadIds(alice.token);
    await t.get(`/message/settodo/${todoId}`, alice.token);
    const typed = await t.post('/message/setread/all', { type: 4 }, alice.token);
    expect(typed.status).toBe(200);
    expect((await t.get('/message/count', alice.token)).body.errdata.data.byType['4'].unread).toBe(0);
    expect((await t.post('/message/setread/all', undefined, alice.token)).status).toBe(200);
    const counts = (await t.get('/message/count', alice.token)).body.errdata.data;
    expect(counts.unread).toBe(0);
    expect(counts.todo).toBe(1);
    const refused = await t.get('/message/setread/all', alice.token);
    expect(refused.status).toBe(422);
    expect(keysOf(refused.body)).toEqual(['errcode', 'errmsg']);
  });

  it('lists by status and type with an id cursor, newest first', async () => {
    const page1 = (await t.get('/message/list?limit=2', alice.token)).body.errdata.data;
    expect(page1.length).toBe(2);
    expect(page1[0].id).toBeGreaterThan(page1[1].id);
    const page2 = (await t.get(`/message/list?limit=2&before=${page1[1].id}`, alice.token)).body.errdata.data;
    expect(page2[0].id).toBeLessThan(page1[1].id);
    const todo = (await t.get('/message/list?status=2', alice.token)).body.errdata.data;
    expect(todo.every((n: { status: string }) => n.status === '2')).toBe(true);
    const type4 = (await t.get('/message/list?type=4', alice.token)).body.errdata.data;
    expect(type4.length).toBeGreaterThan(0);
    expect(type4.every((n: { type: number }) => n.type === 4)).toBe(true);
  });
});

describe('inbox errors and permissions', () => {
  it('answers 401 without or with a bad token, in the inbox format', async () => {
    for (const token of [null, 'not-a-real-token']) {
      const reply = await t.get('/message/unread', token);
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual({ errcode: 401, errmsg: expect.any(String) });
    }
  });

  it('refuses bad parameters with 422', async () => {
    const bad = [
      '/message/read/after/abc/limit/3',
      '/message/read/after/0/limit/0',
      '/message/read/after/0/limit/101',
      '/message/read/after/-1/limit/3',
      '/message/setread/0',
      '/message/setread/99999999999999999999',
      '/message/setread/1.5',
      '/message/list?status=3',
      '/message/list?type=abc',
      '/message/list?limit=1000',
    ];
    for (const path of bad) {
      const reply = await t.get(path, alice.token);
      expect(reply.status, path).toBe(422);
      expect(keysOf(reply.body), path).toEqual(['errcode', 'errmsg']);
      expect(reply.body.errcode, path).toBe(422);
    }
  });

  it('validates every field of create', async () => {
    const base = { title: 't', type: 1, subtype: 2, content: 'c', params: null, user_id: alice.user.id };
    const bad = [
      { ...base, type: '1' },
      { ...base, type: 8 },
      { ...base, subtype: 9 },
      { ...base, type: 7, subtype: 1 },
      { ...base, title: '' },
      { ...base, title: 'x'.repeat(201) },
      { ...base, params: '{not json' },
      { ...base, params: 5 },
      { ...base, user_id: 999999 },
      { ...base, user_id: bob.user.id },
      { title: 't' },
    ];
    for (const body of bad) {
      const reply = await t.post('/message/create', body, alice.token);
      expect(reply.status, JSON.stringify(body)).toBe(422);
      expect(keysOf(reply.body)).toEqual(['errcode', 'errmsg']);
    }
    const malformed = await t.request('POST', '/message/create', {
      token: alice.token,
      raw: '{"title": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(422);
    expect(keysOf(malformed.body)).toEqual(['errcode', 'errmsg']);
  });

  it('lets the app token create for anyone, a user only for themself', async () => {
    const before = (await unreadIds(bob.token)).length;
    await create(APP_TOKEN, bob.user.id, { type: 7, subtype: 0 });
    expect((await unreadIds(bob.token)).length).toBe(before + 1);
    const reply = await t.get('/message/unread', APP_TOKEN);
    expect(reply.status).toBe(401);
  });

  it('never lets one user touch another’s notification', async () => {
    const [bobsId] = await unreadIds(bob.token);
    for (const action of ['setread', 'settodo', 'setunread']) {
      const reply = await t.get(`/message/${action}/${bobsId}`, alice.token);
      expect(reply.status, action).toBe(422);
    }
    expect(await unreadIds(bob.token)).toContain(bobsId);
    const aliceList = (await t.get('/message/list?limit=100', alice.token)).body.errdata.data;
    expect(aliceList.every((n: { user_id: number }) => n.user_id === alice.user.id)).toBe(true);
    const bobCount = (await t.get('/message/count', bob.token)).body.errdata.data;
    expect(bobCount.unread).toBe((await unreadIds(bob.token)).length);
  });

  it('answers unknown inbox routes with 404 in the inbox format', async () => {
    const reply = await t.get('/message/nope', alice.token);
    expect(reply.status).toBe(404);
    expect(keysOf(reply.body)).toEqual(['errcode', 'errmsg']);
  });
});
