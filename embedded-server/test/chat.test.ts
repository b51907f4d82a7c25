import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Account, keysOf, startTestServer, type TestServer } from './harness.js';

// Seed 003's keys: a window, a message of its `messages`, and its `user`.
const WINDOW_KEYS = ['id', 'afterMessage', 'fromId', 'toId', 'created_at', 'messages', 'user'];
const MESSAGE_KEYS = ['id', 'message', 'status', 'fromId', 'toId', 'belong', 'cId', 'created_at'];
const USER_KEYS = ['id', 'userName', 'nickname', 'image'];
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

interface Message {
  id: number;
  message: string;
  status: boolean;
  fromId: number;
  toId: number | null;
  created_at: string;
  clientMsgId: string;
}
interface ChatWindow {
  id: number;
  fromId: number;
  toId: number | null;
  created_at: string;
  afterMessage: string | null;
  messages: Message[];
  user: { id: number } | null;
  type: string;
  unread: number;
  group?: { id: number; name: string; projectId: string; memberCount: number };
}

let t: TestServer;
let accounts = 0;
let clientIds = 0;

/** A fresh account, so every test starts with an empty window list. */
const newUser = (name: string, role: 'MEMBER' | 'SALER' = 'MEMBER'): Promise<Account> =>
  t.signUp(`${name}${++accounts}`, role);

const nextClientId = () => `c-${++clientIds}-${Date.now()}`;

/** A few milliseconds, so two writes get different millisecond timestamps. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 3));

async function openWindow(who: Account, toId: number): Promise<ChatWindow> {
  const reply = await t.post('/api/chat', { toId }, who.token);
  expect(reply.status, reply.text).toBe(200);
  return reply.body.data;
}

function sendMessage(who: Account, cId: number, message: string, clientMsgId = nextClientId()) {
  return t.post(`/api/chat/${cId}/messages`, { message, type: 'TEXT', clientMsgId }, who.token);
}

async function say(who: Account, cId: number, message: string): Promise<Message> {
  const reply = await sendMessage(who, cId, message);
  expect(reply.status, reply.text).toBe(201);
  return reply.body.data;
}

async function markRead(who: Account, cId: number, upTo: number) {
  const reply = await t.post(`/api/chat/${cId}/read`, { upTo }, who.token);
  expect(reply.status, reply.text).toBe(200);
  return reply;
}

async function windows(who: Account, query = 'type=all'): Promise<ChatWindow[]> {
  const reply = await t.get(`/api/chat?${query}`, who.token);
  expect(reply.status, reply.text).toBe(200);
  return reply.body.data.list;
}

async function windowOf(who: Account, cId: number, query = 'type=all'): Promise<ChatWindow> {
  const found = (await windows(who, `${query}&pageSize=100`)).find((w) => w.id === cId);
  expect(found, `window ${cId} in ${query}`).toBeDefined();
  return found!;
}

/** A project owned by `owner` whose invitation every one of `members` accepted. */
async function projectWith(owner: Account, name: string, ...members: Account[]) {
  const created = await t.post('/api/projects', { name }, owner.token);
  expect(created.status, created.text).toBe(201);
  const project: { id: string; cId: number } = created.body.data;
  for (const member of members) {
    const invited = await t.post(`/api/projects/${project.id}/invitations`, { userId: member.user.id }, owner.token);
    expect(invited.status, invited.text).toBe(201);
    const invitation = (await t.get('/offlineMessages', member.token)).body.messages.find(
      (m: { type: number }) => m.type === 4,
    );
    const accepted = await t.post(`/offlineMessages/${invitation.id}/accept`, undefined, member.token);
    expect(accepted.status, accepted.text).toBe(200);
  }
  return project;
}

async function history(who: Account, cId: number, query = ''): Promise<Message[]> {
  const reply = await t.get(`/api/chat/${cId}/messages${query}`, who.token);
  expect(reply.status, reply.text).toBe(200);
  return reply.body.data;
}

const idsOf = (items: { id: number }[]) => items.map((item) => item.id);

function expectChatError(reply: { status: number; body: unknown }, status: number, label = '') {
  expect(reply.status, label).toBe(status);
  expect(keysOf(reply.body as object), label).toEqual(['code', 'msg']);
  const { code, msg } = reply.body as { code: unknown; msg: unknown };
  expect(Number.isInteger(code) && code !== 0, label).toBe(true);
  expect(typeof msg, label).toBe('string');
}

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('chat dialect: GET /api/chat (seed 003)', () => {
  it('answers with the seed’s envelope, typo included, and default paging', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    await openWindow(alice, bob.user.id);
    const reply = await t.get('/api/chat?type=all', alice.token);
    expect(reply.status).toBe(200);
    expect(keysOf(reply.body)).toEqual(['code', 'msg', 'data']);
    expect(reply.body.code).toBe(0);
    expect(reply.body.msg).toBe('sucess');
    expect(keysOf(reply.body.data)).toEqual(['page', 'pageSize', 'total', 'list']);
    expect(reply.body.data.page).toBe(1);
    expect(reply.body.data.pageSize).toBe(10);
    expect(reply.body.data.total).toBe(1);
    expect(reply.body.data.list).toHaveLength(1);
  });

  it('shows each window with the seed’s keys, the other participant and the extension keys', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const opened = await openWindow(alice, bob.user.id);
    await say(alice, opened.id, '第一次发消息');
    await say(bob, opened.id, '第二次发消息');

    for (const [viewer, other] of [
      [alice, bob],
      [bob, alice],
    ] as const) {
      const [window, ...rest] = (await t.get('/api/chat?type=all', viewer.token)).body.data.list;
      expect(rest).toEqual([]);
      expect(keysOf(window)).toEqual(expect.arrayContaining([...WINDOW_KEYS, 'type', 'unread']));
      expect(window.id).toBe(opened.id);
      expect(window.afterMessage).toBe('第二次发消息');
      expect(window.fromId).toBe(alice.user.id);
      expect(window.toId).toBe(bob.user.id);
      expect(window.created_at).toMatch(ISO_UTC);
      expect(typeof window.type).toBe('string');
      expect(typeof window.unread).toBe('number');
      expect(keysOf(window.user)).toEqual(USER_KEYS);
      expect(window.user).toEqual({
        id: other.user.id,
        userName: other.user.userName,
        nickname: `${other.user.userName} 昵称`,
        image: expect.any(String),
      });
      expect(window.messages).toHaveLength(2);
    }
  });

  it('shows each message with the seed’s keys and types, belong being the window’s opener', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const opened = await openWindow(bob, alice.user.id);
    const fromBob = await sendMessage(bob, opened.id, 'hello alice', 'bob-hello-1');
    const fromAlice = await sendMessage(alice, opened.id, 'hello bob', 'alice-hello-1');
    expect(fromBob.status).toBe(201);
    expect(fromAlice.status).toBe(201);

    const window = await windowOf(alice, opened.id);
    const [first, second] = window.messages;
    for (const message of window.messages) {
      expect(keysOf(message)).toEqual(expect.arrayContaining([...MESSAGE_KEYS, 'type', 'clientMsgId']));
      expect(typeof message.id).toBe('number');
      expect(typeof message.status).toBe('boolean');
      expect(message).toMatchObject({ belong: bob.user.id, cId: opened.id, type: 'TEXT' });
      expect(message.created_at).toMatch(ISO_UTC);
    }
    // Alice answered, so she read Bob's message; hers is not read yet.
    expect(first).toMatchObject({
      id: fromBob.body.data.id,
      message: 'hello alice',
      fromId: bob.user.id,
      toId: alice.user.id,
      clientMsgId: 'bob-hello-1',
      status: true,
    });
    expect(second).toMatchObject({
      id: fromAlice.body.data.id,
      message: 'hello bob',
      fromId: alice.user.id,
      toId: bob.user.id,
      clientMsgId: 'alice-hello-1',
      status: false,
    });
  });

  it('carries the latest 20 messages of a window, ascending', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const { id: cId } = await openWindow(alice, bob.user.id);
    const sent: Message[] = [];
    for (let i = 1; i <= 25; i++) sent.push(await say(i % 2 ? alice : bob, cId, `message ${i}`));

    const window = await windowOf(alice, cId);
    expect(window.messages).toHaveLength(20);
    expect(idsOf(window.messages)).toEqual(idsOf(sent.slice(5)));
    expect(window.messages.map((m) => m.message)).toEqual(sent.slice(5).map((m) => m.message));
    expect(window.afterMessage).toBe('message 25');
  });

  it('orders windows by last activity, newest first, with created_at the time of the last message', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const carol = await newUser('carol');
    const dave = await newUser('dave');
    const withBob = await openWindow(alice, bob.user.id);
    const withCarol = await openWindow(alice, carol.user.id);
    const withDave = await openWindow(dave, alice.user.id);
    await tick();
    await say(carol, withCarol.id, 'carol first');
    await tick();
    await say(alice, withBob.id, 'to bob');
    await tick();
    const last = await say(bob, withBob.id, 'bob answers');

    const list = await windows(alice);
    expect(idsOf(list)).toEqual([withBob.id, withCarol.id, withDave.id]);
    const [bobWindow, carolWindow, daveWindow] = list;
    expect(bobWindow!.created_at).toBe(last.created_at);
    expect(carolWindow!.created_at).toBe(carolWindow!.messages[0]!.created_at);
    expect(Date.parse(carolWindow!.created_at)).toBeGreaterThan(Date.parse(withCarol.created_at));
    expect(daveWindow!.created_at).toBe(withDave.created_at);
    expect(daveWindow!.afterMessage).toBeNull();
    expect(daveWindow!.messages).toEqual([]);

    await tick();
    await say(dave, withDave.id, 'dave wakes up');
    expect(idsOf(await windows(alice))).toEqual([withDave.id, withBob.id, withCarol.id]);
  });

  it('pages the window list with the right total', async () => {
    const alice = await newUser('alice');
    const opened: number[] = [];
    for (const name of ['p', 'q', 'r']) {
      const peer = await newUser(name);
      const { id } = await openWindow(alice, peer.user.id);
      await tick();
      await say(alice, id, `hi ${name}`);
      opened.push(id);
    }
    const newestFirst = [...opened].reverse();

    const page1 = await t.get('/api/chat?type=all&page=1&pageSize=2', alice.token);
    expect(page1.body.data).toMatchObject({ page: 1, pageSize: 2, total: 3 });
    expect(idsOf(page1.body.data.list)).toEqual(newestFirst.slice(0, 2));
    const page2 = await t.get('/api/chat?type=all&page=2&pageSize=2', alice.token);
    expect(page2.body.data).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(idsOf(page2.body.data.list)).toEqual(newestFirst.slice(2));
    const page3 = await t.get('/api/chat?type=all&page=3&pageSize=2', alice.token);
    expect(page3.body.data).toMatchObject({ page: 3, pageSize: 2, total: 3, list: [] });
  });

  it('refuses a missing or unknown type and out-of-range paging with 422', async () => {
    const alice = await newUser('alice');
    const bad = [
      '/api/chat',
      '/api/chat?type=',
      '/api/chat?type=ALL',
      '/api/chat?type=private',
      '/api/chat?type=all&pageSize=0',
      '/api/chat?type=all&pageSize=101',
      '/api/chat?type=all&pageSize=abc',
      '/api/chat?type=all&page=0',
      '/api/chat?type=all&page=abc',
    ];
    for (const path of bad) expectChatError(await t.get(path, alice.token), 422, path);
  });

  it('lists only one-to-one windows with messages unread by the caller for type=unread', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const carol = await newUser('carol');
    const dave = await newUser('dave');
    const withBob = await openWindow(alice, bob.user.id);
    const withCarol = await openWindow(carol, alice.user.id);
    const withDave = await openWindow(alice, dave.user.id);
    await say(bob, withBob.id, 'unread for alice');
    await say(bob, withBob.id, 'also unread for alice');
    const fromCarol = await say(carol, withCarol.id, 'read by alice');
    await markRead(alice, withCarol.id, fromCarol.id);
    await say(alice, withDave.id, 'unread for dave, not for alice');

    const reply = await t.get('/api/chat?type=unread', alice.token);
    expect(reply.status).toBe(200);
    expect(reply.body.msg).toBe('sucess');
    expect(reply.body.data.total).toBe(1);
    expect(idsOf(reply.body.data.list)).toEqual([withBob.id]);
    expect(reply.body.data.list[0].unread).toBe(2);
    expect(idsOf(await windows(dave, 'type=unread'))).toEqual([withDave.id]);
  });

  it('lists group windows only for type=group, with user and toId null and the group’s details', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const created = await t.post('/api/projects', { name: '阿波罗计划' }, alice.token);
    expect(created.status, created.text).toBe(201);
    const project = created.body.data;

    const reply = await t.get('/api/chat?type=group', alice.token);
    expect(reply.status).toBe(200);
    expect(keysOf(reply.body)).toEqual(['code', 'msg', 'data']);
    expect(reply.body.msg).toBe('sucess');
    expect(reply.body.data.total).toBe(1);
    const [group] = reply.body.data.list;
    expect(keysOf(group)).toEqual(expect.arrayContaining([...WINDOW_KEYS, 'group']));
    expect(group).toMatchObject({ id: project.cId, user: null, toId: null, fromId: alice.user.id, messages: [] });
    expect(keysOf(group.group)).toEqual(['id', 'name', 'projectId', 'memberCount']);
    expect(typeof group.group.id).toBe('number');
    expect(group.group).toMatchObject({ name: '阿波罗计划', projectId: project.id, memberCount: 1 });
    expect(await windows(alice)).toEqual([]);

    const direct = await openWindow(alice, bob.user.id);
    expect(direct.type).not.toBe(group.type);
    expect(idsOf(await windows(alice, 'type=group'))).toEqual([project.cId]);
  });

  it('counts new group members and keeps group messages out of type=unread', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const project = await projectWith(alice, 'Gemini', bob);

    for (const member of [alice, bob]) {
      const [group] = await windows(member, 'type=group');
      expect(group!.group!.memberCount).toBe(2);
    }
    const sent = await say(bob, project.cId, '大家好');
    const group = await windowOf(alice, project.cId, 'type=group');
    expect(group.afterMessage).toBe('大家好');
    expect(group.created_at).toBe(sent.created_at);
    expect(group.unread).toBe(1);
    expect(await windows(alice, 'type=unread')).toEqual([]);
    expect(await windows(alice)).toEqual([]);
  });
});

describe('chat extensions: opening windows', () => {
  it('opens a window once; either side opening again gets the same window', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const reply = await t.post('/api/chat', { toId: bob.user.id }, alice.token);
    expect(reply.status).toBe(200);
    expect(keysOf(reply.body)).toEqual(['code', 'msg', 'data']);
    expect(reply.body).toMatchObject({ code: 0, msg: 'success' });
    const opened = reply.body.data;
    expect(opened).toMatchObject({ fromId: alice.user.id, toId: bob.user.id, messages: [], afterMessage: null });
    expect(opened.user.id).toBe(bob.user.id);

    expect((await openWindow(alice, bob.user.id)).id).toBe(opened.id);
    const fromBob = await openWindow(bob, alice.user.id);
    expect(fromBob.id).toBe(opened.id);
    expect(fromBob.fromId).toBe(alice.user.id);
    expect(fromBob.user!.id).toBe(alice.user.id);
    expect(idsOf(await windows(alice))).toEqual([opened.id]);
    expect(idsOf(await windows(bob))).toEqual([opened.id]);
  });

  it('refuses a window with oneself (422) or an unknown user (404)', async () => {
    const alice = await newUser('alice');
    expectChatError(await t.post('/api/chat', { toId: alice.user.id }, alice.token), 422, 'self');
    expectChatError(await t.post('/api/chat', { toId: 987654321 }, alice.token), 404, 'unknown');
    expectChatError(await t.post('/api/chat', { toId: 'abc' }, alice.token), 422, 'not a number');
    expectChatError(await t.post('/api/chat', {}, alice.token), 422, 'missing');
    expect(await windows(alice)).toEqual([]);
  });
});

describe('chat extensions: sending messages', () => {
  it('sends a message with 201 and the extension envelope', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const { id: cId } = await openWindow(alice, bob.user.id);
    const reply = await sendMessage(bob, cId, '你好', 'first-try');
    expect(reply.status).toBe(201);
    expect(keysOf(reply.body)).toEqual(['code', 'msg', 'data']);
    expect(reply.body).toMatchObject({ code: 0, msg: 'success' });
    expect(reply.body.data).toMatchObject({
      message: '你好',
      status: false,
      fromId: bob.user.id,
      toId: alice.user.id,
      belong: alice.user.id,
      cId,
      type: 'TEXT',
      clientMsgId: 'first-try',
    });
    expect(reply.body.data.created_at).toMatch(ISO_UTC);
    expect(idsOf(await history(alice, cId))).toEqual([reply.body.data.id]);
  });

  it('takes a send without a clientMsgId, making one up (a repeat is then a second message)', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const { id: cId } = await openWindow(alice, bob.user.id);
    const send = () => t.post(`/api/chat/${cId}/messages`, { message: '没有编号' }, alice.token);
    const [first, second] = [await send(), await send()];
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.data.clientMsgId).toMatch(/^server-/);
    expect(second.body.data.id).not.toBe(first.body.data.id);
  });

  it('answers a retry with the same clientMsgId with 200 and the first message', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const { id: cId } = await openWindow(alice, bob.user.id);
    const first = await sendMessage(alice, cId, 'only once', 'retry-me');
    const again = await sendMessage(alice, cId, 'only once', 'retry-me');
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.msg).toBe('success');
    expect(again.body.data).toEqual(first.body.data);
    expect((await history(bob, cId)).filter((m) => m.clientMsgId === 'retry-me')).toHaveLength(1);
    expect((await windowOf(bob, cId)).unread).toBe(1);

    const fromBob = await sendMessage(bob, cId, 'same key, other sender', 'retry-me');
    expect(fromBob.status).toBe(201);
    expect(fromBob.body.data.id).not.toBe(first.body.data.id);
  });

  it('stores one message for ten concurrent retries', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const { id: cId } = await openWindow(alice, bob.user.id);
    const replies = await Promise.all(
      Array.from({ length: 10 }, () => sendMessage(alice, cId, 'flaky network', 'concurrent-1')),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(replies.map((r) => r.body.data.id)).size).toBe(1);
    const stored = await history(bob, cId);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).toBe(replies[0]!.body.data.id);
    expect((await windowOf(bob, cId)).unread).toBe(1);
  });

  it('refuses an empty or blank text with 422 and writes nothing', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const { id: cId } = await openWindow(alice, bob.user.id);
    for (const message of ['', ' ', '  \n\t ']) {
      expectChatError(await sendMessage(alice, cId, message), 422, JSON.stringify(message));
    }
    expectChatError(
      await t.post(`/api/chat/${cId}/messages`, { type: 'TEXT', clientMsgId: nextClientId() }, alice.token),
      422,
      'no message',
    );
    expectChatError(
      await t.post(`/api/chat/${cId}/messages`, { message: 'x', type: 'TEXT', clientMsgId: '' }, alice.token),
      422,
      'an empty clientMsgId',
    );
    expect(await history(alice, cId)).toEqual([]);
    expect((await windowOf(bob, cId)).unread).toBe(0);
  });

  it('answers 404 for a window the sender is not in, and writes nothing', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const mallory = await newUser('mallory');
    const { id: cId } = await openWindow(alice, bob.user.id);
    await say(alice, cId, 'private');

    expectChatError(await sendMessage(mallory, cId, 'let me in'), 404, 'send');
    expectChatError(await t.get(`/api/chat/${cId}/messages`, mallory.token), 404, 'history');
    expectChatError(await t.post(`/api/chat/${cId}/read`, { upTo: 1_000_000 }, mallory.token), 404, 'read');
    expectChatError(await sendMessage(alice, 987654321, 'nowhere'), 404, 'unknown window');

    const stored = await history(bob, cId);
    expect(stored.map((m) => m.message)).toEqual(['private']);
    expect((await windowOf(bob, cId)).unread).toBe(1);
    expect(await windows(mallory)).toEqual([]);
  });
});

describe('chat extensions: history', () => {
  it('pages history ascending with an id cursor', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const { id: cId } = await openWindow(alice, bob.user.id);
    const sent: Message[] = [];
    for (let i = 0; i < 7; i++) sent.push(await say(i % 3 ? alice : bob, cId, `m${i}`));
    const ids = idsOf(sent);

    const reply = await t.get(`/api/chat/${cId}/messages`, bob.token);
    expect(reply.body).toMatchObject({ code: 0, msg: 'success' });
    expect(idsOf(reply.body.data)).toEqual(ids);
    expect(idsOf(await history(bob, cId, '?limit=3'))).toEqual(ids.slice(4));
    expect(idsOf(await history(bob, cId, `?before=${ids[4]}&limit=3`))).toEqual(ids.slice(1, 4));
    expect(idsOf(await history(bob, cId, `?before=${ids[2]}&limit=50`))).toEqual(ids.slice(0, 2));
    expect(await history(bob, cId, `?before=${ids[0]}`)).toEqual([]);
    const page = await history(alice, cId, `?before=${ids[6]}&limit=1`);
    expect(page).toHaveLength(1);
    expect(page[0]).toMatchObject({ id: ids[5], message: 'm5', cId, belong: alice.user.id });
  });

  it('pages forward after a message and loads the page around one, for opening a window at a search result', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const { id: cId } = await openWindow(alice, bob.user.id);
    const ids: number[] = [];
    for (let i = 0; i < 9; i++) ids.push((await say(i % 2 ? alice : bob, cId, `m${i}`)).id);

    expect(idsOf(await history(bob, cId, `?after=${ids[2]}&limit=3`))).toEqual(ids.slice(3, 6));
    expect(idsOf(await history(bob, cId, `?after=${ids[7]}`))).toEqual(ids.slice(8));
    expect(await history(bob, cId, `?after=${ids[8]}`)).toEqual([]);
    // Around: the message, with the older and newer ones split about evenly.
    expect(idsOf(await history(bob, cId, `?around=${ids[4]}&limit=5`))).toEqual(ids.slice(2, 7));
    expect(idsOf(await history(bob, cId, `?around=${ids[0]}&limit=5`))).toEqual(ids.slice(0, 5));
    expect(idsOf(await history(bob, cId, `?around=${ids[8]}&limit=5`))).toEqual(ids.slice(6, 9));
    // A message of another window only places the page; nothing of that window shows.
    const { id: other } = await openWindow(alice, (await newUser('carol')).user.id);
    const elsewhere = await say(alice, other, 'elsewhere');
    expect(idsOf(await history(bob, cId, `?around=${elsewhere.id}&limit=5`))).toEqual(ids.slice(7, 9));

    expectChatError(await t.get(`/api/chat/${cId}/messages?before=${ids[3]}&after=${ids[1]}`, bob.token), 422);
  });

  it('refuses a limit outside 1..100 with 422', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const { id: cId } = await openWindow(alice, bob.user.id);
    for (const query of ['?limit=0', '?limit=101', '?limit=abc', '?limit=-1', '?before=abc']) {
      expectChatError(await t.get(`/api/chat/${cId}/messages${query}`, alice.token), 422, query);
    }
    expect(await history(alice, cId, '?limit=100')).toEqual([]);
  });
});

describe('chat extensions: read state', () => {
  it('marks read up to a message: the sender sees status true and the reader’s unread count drops', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const { id: cId } = await openWindow(alice, bob.user.id);
    const first = await say(alice, cId, 'one');
    const second = await say(alice, cId, 'two');
    expect((await windowOf(bob, cId)).unread).toBe(2);

    const partial = await markRead(bob, cId, first.id);
    expect(partial.body).toMatchObject({ code: 0, msg: 'success' });
    let seen = await windowOf(alice, cId);
    expect(seen.messages.map((m) => [m.id, m.status])).toEqual([
      [first.id, true],
      [second.id, false],
    ]);
    expect((await windowOf(bob, cId)).unread).toBe(1);

    await markRead(bob, cId, second.id);
    // Bob's own message is not one he reads; it is unread for Alice.
    const own = await say(bob, cId, 'bob’s own');
    seen = await windowOf(alice, cId);
    expect(seen.messages.map((m) => [m.id, m.status])).toEqual([
      [first.id, true],
      [second.id, true],
      [own.id, false],
    ]);
    expect((await windowOf(bob, cId)).unread).toBe(0);
    expect(await windows(bob, 'type=unread')).toEqual([]);
    expect((await history(bob, cId)).map((m) => m.status)).toEqual([true, true, false]);
    expect((await windowOf(alice, cId)).unread).toBe(1);
  });

  it('never reads in advance a message sent after the read, even with upTo beyond the last one', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const { id: cId } = await openWindow(alice, bob.user.id);
    const before = await say(alice, cId, 'before the read');
    await markRead(bob, cId, before.id + 1000);
    expect((await windowOf(bob, cId)).unread).toBe(0);

    const after = await say(alice, cId, 'after the read');
    expect(after.id).toBeLessThan(before.id + 1000);
    const bobsView = await windowOf(bob, cId);
    expect(bobsView.unread).toBe(1);
    expect(idsOf(await windows(bob, 'type=unread'))).toEqual([cId]);
    const alicesView = await windowOf(alice, cId);
    expect(alicesView.messages.map((m) => [m.id, m.status])).toEqual([
      [before.id, true],
      [after.id, false],
    ]);

    await markRead(bob, cId, after.id);
    expect((await windowOf(bob, cId)).unread).toBe(0);
    expect((await windowOf(alice, cId)).messages.map((m) => m.status)).toEqual([true, true]);
  });

  it('never reads in advance a group message sent after the read', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const { cId } = await projectWith(alice, 'Mercury', bob);
    const before = await say(alice, cId, 'before the read');
    await markRead(bob, cId, before.id + 1000);
    expect((await windowOf(alice, cId, 'type=group')).messages.map((m) => m.status)).toEqual([true]);

    const after = await say(alice, cId, 'after the read');
    expect(after.id).toBeLessThan(before.id + 1000);
    expect((await windowOf(bob, cId, 'type=group')).unread).toBe(1);
    expect((await windowOf(alice, cId, 'type=group')).messages.map((m) => m.status)).toEqual([true, false]);

    await markRead(bob, cId, after.id);
    expect((await windowOf(bob, cId, 'type=group')).unread).toBe(0);
    expect((await windowOf(alice, cId, 'type=group')).messages.map((m) => m.status)).toEqual([true, true]);
  });

  it('refuses a missing or invalid upTo with 422', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const { id: cId } = await openWindow(alice, bob.user.id);
    for (const body of [{}, { upTo: 'abc' }, { upTo: 0 }, { upTo: 1.5 }]) {
      expectChatError(await t.post(`/api/chat/${cId}/read`, body, bob.token), 422, JSON.stringify(body));
    }
  });
});

describe('chat authentication', () => {
  it('answers 401 in the chat format without or with a bad token', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const { id: cId } = await openWindow(alice, bob.user.id);
    for (const token of [null, 'not-a-real-token']) {
      const label = token ?? 'no token';
      expectChatError(await t.get('/api/chat?type=all', token), 401, label);
      expectChatError(await t.post('/api/chat', { toId: bob.user.id }, token), 401, label);
      expectChatError(await t.get(`/api/chat/${cId}/messages`, token), 401, label);
      expectChatError(
        await t.post(`/api/chat/${cId}/messages`, { message: 'x', type: 'TEXT', clientMsgId: nextClientId() }, token),
        401,
        label,
      );
      expectChatError(await t.post(`/api/chat/${cId}/read`, { upTo: 1 }, token), 401, label);
    }
    expect(await history(alice, cId)).toEqual([]);
  });
});
