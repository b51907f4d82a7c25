import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Account, APP_TOKEN, storeRows, startTestServer, type TestServer } from './harness.js';
import { INBOX_COUNTER_DRIFT } from './recounts.js';

/**
 * Undo in the inbox: after "mark all read" or one status change, restoring the statuses it
 * reported puts every list and count back exactly as they were, byte for byte.
 */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ allowReset: true });
});
afterAll(() => t.close());

const advance = async (advanceMs: number) =>
  expect((await t.post('/api/admin/clock', { advanceMs }, APP_TOKEN)).status).toBe(200);

async function create(account: Account, title: string, type = 1) {
  const subtype = type === 7 ? 0 : 1;
  const body = { title, type, subtype, content: `${title}的内容`, params: null, user_id: account.user.id };
  expect((await t.post('/message/create', body, account.token)).status).toBe(200);
}

const everyList = (account: Account) =>
  [
    '/message/unread',
    '/message/todo',
    '/message/read',
    '/message/read/after/0/limit/100',
    '/message/list?limit=100',
    '/message/list?status=1&limit=100',
    '/message/count',
  ].map(async (path) => {
    const reply = await t.get(path, account.token);
    expect(reply.status, reply.text).toBe(200);
    return `${path} ${reply.text}`;
  });

/** Every list and count the account can read, as sent. */
const snapshot = async (account: Account) => Promise.all(everyList(account));

const restore = (account: Account | null, items: unknown) =>
  t.request('POST', '/message/restore', { token: account?.token, body: { items } });

const ids = async (account: Account) =>
  (await t.get('/message/list?limit=100', account.token)).body.errdata.data.map(
    (n: { id: number }) => n.id,
  ) as number[];

/** An inbox with unread, todo and read notifications, read at different times, on a stopped clock. */
async function inboxOf(account: Account) {
  for (const [i, title] of ['审批', '日程', '系统', '任务', '通知', '请示'].entries()) {
    await create(account, title, i === 2 ? 7 : 1);
    await advance(1500);
  }
  const [newest, , third, fourth, , oldest] = await ids(account);
  for (const id of [oldest!, third!]) {
    await t.post(`/message/setread/${id}`, undefined, account.token);
    await advance(1500);
  }
  await t.post(`/message/settodo/${fourth}`, undefined, account.token);
  await advance(1500);
  return { newest: newest!, third: third!, fourth: fourth! };
}

describe('undo in the inbox', () => {
  let owner: Account;
  let other: Account;
  beforeAll(async () => {
    owner = await t.signUp('undo_owner');
    other = await t.signUp('undo_other');
    expect((await t.post('/api/admin/clock', { now: Date.UTC(2026, 4, 6, 8), frozen: true }, APP_TOKEN)).status).toBe(
      200,
    );
  });
  afterAll(() => t.request('DELETE', '/api/admin/clock', { token: APP_TOKEN }));

  it('reports what "mark all read" changed, and restoring it gives every list back byte for byte', async () => {
    await inboxOf(owner);
    const before = await snapshot(owner);
    const unread = (await t.get('/message/unread', owner.token)).body.errdata.data.map((n: { id: number }) => n.id);
    expect(unread).toHaveLength(3);

    const reply = await t.post('/api/inbox/read-all', {}, owner.token);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual({
      code: 0,
      msg: 'success',
      data: { updated: 3, changed: unread.map((msgId: number) => ({ msgId, status: '0' })) },
    });
    expect(await snapshot(owner)).not.toEqual(before);
    await advance(5000);

    const undone = await restore(owner, reply.body.data.changed);
    expect(undone.status, undone.text).toBe(200);
    expect(undone.body).toEqual({ errcode: 0, errmsg: 'ok', errdata: { data: { restored: 3 } } });
    expect(await snapshot(owner)).toEqual(before);
    expect(await storeRows(t.server, INBOX_COUNTER_DRIFT)).toEqual([]);
  });

  it('keeps the documented answer of POST /message/setread/all, whose changes the client reads from the unread list', async () => {
    await create(owner, '新的提醒', 4);
    const before = await snapshot(owner);
    const unread = (await t.get('/message/unread', owner.token)).body.errdata.data as { id: number; status: string }[];
    const reply = await t.post('/message/setread/all', { type: 4 }, owner.token);
    expect(reply.body).toEqual({ errcode: 0, errmsg: 'ok', errdata: { data: { updated: 1 } } });
    await advance(1500);
    const items = unread.map((n) => ({ msgId: n.id, status: n.status }));
    expect((await restore(owner, items)).status).toBe(200);
    // Restoring also the ones that did not change (other types) changes nothing of them.
    expect(await snapshot(owner)).toEqual(before);
  });

  it('undoes a single mark read, todo or unread exactly, read time included', async () => {
    const { newest, third, fourth } = await inboxOf(owner);
    const before = await snapshot(owner);
    const changes: [string, number, string][] = [
      ['setread', newest, '0'],
      ['settodo', third, '1'],
      ['setunread', fourth, '2'],
    ];
    for (const [action, id, previous] of changes) {
      await t.post(`/message/${action}/${id}`, undefined, owner.token);
      await advance(2000);
      expect(await snapshot(owner)).not.toEqual(before);
      expect((await restore(owner, [{ msgId: id, status: previous }])).body.errdata.data).toEqual({ restored: 1 });
      expect(await snapshot(owner)).toEqual(before);
      // A repeated undo finds nothing to change.
      expect((await restore(owner, [{ msgId: id, status: previous }])).body.errdata.data).toEqual({ restored: 0 });
    }
  });

  it('restores only the caller’s own notifications, a bounded list of valid statuses, all or nothing', async () => {
    await create(owner, '自己的');
    await create(other, '别人的');
    const [own] = await ids(owner);
    const [foreign] = await ids(other);
    const before = await snapshot(owner);
    const refused = [
      [
        { msgId: own, status: '1' },
        { msgId: foreign, status: '1' },
      ],
      [{ msgId: own, status: '3' }],
      [{ msgId: own, status: 1 }],
      [{ msgId: 0, status: '1' }],
      [],
      Array.from({ length: 1001 }, () => ({ msgId: own, status: '1' })),
      'all',
    ];
    for (const items of refused) {
      const reply = await restore(owner, items);
      expect(reply.status, JSON.stringify(items).slice(0, 80)).toBe(422);
      expect(reply.body.errcode).toBe(422);
    }
    expect(await snapshot(owner)).toEqual(before);
    expect((await t.get('/message/list?limit=100', other.token)).body.errdata.data[0].status).toBe('0');
    expect((await restore(null, [{ msgId: own, status: '1' }])).status).toBe(401);
    expect((await t.request('POST', '/message/restore', { token: APP_TOKEN, body: { items: [] } })).status).toBe(401);
    expect((await t.request('POST', '/api/inbox/read-all', { token: APP_TOKEN, body: {} })).status).toBe(401);
    expect((await t.post('/api/inbox/read-all', { type: 9 }, owner.token)).status).toBe(422);
  });
});
