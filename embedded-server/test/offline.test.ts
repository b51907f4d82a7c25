import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  APP_TOKEN,
  keysOf,
  OFFLINE_ID,
  OFFLINE_KEYS,
  type OfflineMessage,
  startTestServer,
  type TestServer,
} from './harness.js';

let t: TestServer;
let startedAt: number;
let alice: Account;
let bob: Account;
let carol: Account;

let accounts = 0;
async function newAccount(label: string): Promise<Account> {
  accounts += 1;
  return (await t.signUp(`off${accounts}_${label}`)) as Account;
}

/** GET /offlineMessages: the caller's undelivered messages, handed over once. */
async function takeOffline(account: Account): Promise<OfflineMessage[]> {
  const reply = await t.get('/offlineMessages', account.token);
  expect(reply.status, reply.text).toBe(200);
  expect(keysOf(reply.body)).toEqual(['messages']);
  return reply.body.messages;
}

async function history(account: Account, query = ''): Promise<OfflineMessage[]> {
  const reply = await t.get(`/offlineMessages/history${query}`, account.token);
  expect(reply.status, reply.text).toBe(200);
  expect(keysOf(reply.body)).toEqual(['messages']);
  return reply.body.messages;
}

/** The agora dialect's count of the user's undelivered offline messages. */
async function offlineCount(account: Account): Promise<number> {
  const { userName } = account.user;
  const reply = await t.get(`/app-id/JH/users/${userName}/offline_msg_count`, APP_TOKEN);
  expect(reply.status, reply.text).toBe(200);
  return reply.body.data[userName];
}

async function deliveryStatus(account: Account, msgId: string): Promise<string> {
  const { userName } = account.user;
  const reply = await t.get(`/app-id/JH/users/${userName}/offline_msg_status/${msgId}`, APP_TOKEN);
  expect(reply.status, reply.text).toBe(200);
  return reply.body.data[msgId];
}

let clientMsgIds = 0;
/** Sends a direct chat message from one user to another; returns the window id and the message. */
async function sendDirect(from: Account, to: Account, text: string) {
  const opened = await t.post('/api/chat', { toId: to.user.id }, from.token);
  expect(opened.status, opened.text).toBe(200);
  const cId: number = opened.body.data.id;
  clientMsgIds += 1;
  const sent = await t.post(
    `/api/chat/${cId}/messages`,
    { message: text, type: 'TEXT', clientMsgId: `offline-test-${clientMsgIds}` },
    from.token,
  );
  expect(sent.status, sent.text).toBe(201);
  return { cId, message: sent.body.data as { id: number; message: string } };
}

function expectSeedShape(message: OfflineMessage) {
  expect(keysOf(message)).toEqual(OFFLINE_KEYS);
  expect(message.id).toMatch(OFFLINE_ID);
  expect(typeof message.msg).toBe('string');
  expect(message.msg.length).toBeGreaterThan(0);
  expect(typeof message.time).toBe('number');
  expect(Number.isInteger(message.time)).toBe(true);
  expect(String(message.time)).toMatch(/^\d{13}$/);
  expect(message.time).toBeGreaterThanOrEqual(startedAt);
  expect(message.time).toBeLessThanOrEqual(Date.now());
  expect(typeof message.type).toBe('number');
  expect(typeof message.dealt).toBe('boolean');
  expect(typeof message.extraInfo).toBe('object');
  expect(message.extraInfo).not.toBeNull();
}

beforeAll(async () => {
  startedAt = Date.now();
  // Builds long histories faster than a person sends: the per-user send limit is raised.
  t = await startTestServer({ sendRate: 1000 });
  alice = await newAccount('alice');
  bob = await newAccount('bob');
  carol = await newAccount('carol');
});
afterAll(() => t.close());

describe('offline dialect (seed 000)', () => {
  it('starts a new account with no offline messages, in the seed’s envelope', async () => {
    const reply = await t.get('/offlineMessages', carol.token);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ messages: [] });
    expect(await offlineCount(carol)).toBe(0);
    expect(await history(carol)).toEqual([]);
  });

  it('turns a direct chat message into a type 0 message with exactly the seed’s keys', async () => {
    const { cId, message } = await sendDirect(bob, alice, '你好，今天的会议改到三点');
    const [received, ...rest] = await takeOffline(alice);
    expect(rest).toEqual([]);
    expectSeedShape(received!);
    expect(received!.type).toBe(0);
    expect(received!.dealt).toBe(true);
    expect(keysOf(received!.extraInfo)).toEqual(['fromId', 'fromName', 'cId', 'messageId']);
    expect(received!.extraInfo).toEqual({
      fromId: String(bob.user.id),
      fromName: bob.user.nickname,
      cId: String(cId),
      messageId: String(message.id),
    });
  });

  it('does not leave an offline message for the sender of a chat message', async () => {
    await takeOffline(bob);
    await sendDirect(bob, alice, '只给 alice');
    expect(await takeOffline(bob)).toEqual([]);
    expect(await takeOffline(alice)).toHaveLength(1);
  });

  it('hands a long queue over in batches of 500, the rest with the next calls', async () => {
    await takeOffline(alice);
    const opened = await t.post('/api/chat', { toId: alice.user.id }, bob.token);
    const cId: number = opened.body.data.id;
    const sent = await Promise.all(
      Array.from({ length: 1_100 }, (_, i) =>
        t.post(`/api/chat/${cId}/messages`, { message: `第${i}条`, clientMsgId: `batch-${i}` }, bob.token),
      ),
    );
    expect(sent.every((reply) => reply.status === 201)).toBe(true);
    const batches = [await takeOffline(alice), await takeOffline(alice), await takeOffline(alice)];
    expect(batches.map((batch) => batch.length)).toEqual([500, 500, 100]);
    const handed = batches.flat().map((m) => Number(m.extraInfo.messageId));
    expect(handed).toEqual([...handed].sort((a, b) => a - b));
    expect(new Set(handed).size).toBe(1_100);
    expect(await takeOffline(alice)).toEqual([]);
  });

  it('hands undelivered messages over oldest first, each exactly once, and the agora count drops to 0', async () => {
    await takeOffline(alice);
    const sent = [];
    for (const text of ['第一条', '第二条', '第三条']) sent.push((await sendDirect(bob, alice, text)).message.id);
    expect(await offlineCount(alice)).toBe(3);

    const messages = await takeOffline(alice);
    expect(messages.map((m) => m.extraInfo.messageId)).toEqual(sent.map(String));
    for (const m of messages) expectSeedShape(m);
    for (let i = 1; i < messages.length; i++) expect(messages[i]!.time).toBeGreaterThanOrEqual(messages[i - 1]!.time);
    expect(new Set(messages.map((m) => m.id)).size).toBe(3);

    expect(await offlineCount(alice)).toBe(0);
    expect(await takeOffline(alice)).toEqual([]);
  });

  it('reports a message delivered to the agora dialect once GET /offlineMessages handed it over', async () => {
    await takeOffline(alice);
    await sendDirect(bob, alice, '送达状态');
    const [pending] = await history(alice, '?limit=1');
    expect(await deliveryStatus(alice, pending!.id)).toBe('undelivered');
    const [taken] = await takeOffline(alice);
    expect(taken!.id).toBe(pending!.id);
    expect(await deliveryStatus(alice, pending!.id)).toBe('delivered');
  });
});

describe('offline history (extension)', () => {
  let dave: Account;
  /** The offline ids of dave's messages, oldest first. */
  const ids: string[] = [];

  beforeAll(async () => {
    dave = await newAccount('dave');
    for (let i = 1; i <= 5; i++) await sendDirect(bob, dave, `历史消息 ${i}`);
    ids.push(...(await takeOffline(dave)).map((m) => m.id));
    for (let i = 6; i <= 7; i++) await sendDirect(bob, dave, `历史消息 ${i}`);
    ids.push(...(await history(dave, '?limit=2')).map((m) => m.id).reverse());
  });

  it('returns every message, delivered or not, newest first, in the seed’s shape', async () => {
    const all = await history(dave);
    expect(all.map((m) => m.id)).toEqual([...ids].reverse());
    for (const m of all) expectSeedShape(m);
    for (let i = 1; i < all.length; i++) expect(all[i]!.time).toBeLessThanOrEqual(all[i - 1]!.time);
  });

  it('does not deliver what it lists', async () => {
    expect(await offlineCount(dave)).toBe(2);
    await history(dave);
    expect(await offlineCount(dave)).toBe(2);
    expect((await takeOffline(dave)).map((m) => m.id)).toEqual(ids.slice(5));
    const all = await history(dave);
    expect(all).toHaveLength(7);
  });

  it('pages with an offline id cursor and a limit', async () => {
    const newestFirst = [...ids].reverse();
    const page1 = await history(dave, '?limit=3');
    expect(page1.map((m) => m.id)).toEqual(newestFirst.slice(0, 3));
    const page2 = await history(dave, `?limit=3&before=${page1[2]!.id}`);
    expect(page2.map((m) => m.id)).toEqual(newestFirst.slice(3, 6));
    const page3 = await history(dave, `?limit=3&before=${page2[2]!.id}`);
    expect(page3.map((m) => m.id)).toEqual(newestFirst.slice(6));
    expect(await history(dave, `?before=${newestFirst[6]}`)).toEqual([]);
  });

  it('refuses a bad cursor or limit with 422 in the offline error format', async () => {
    const [alicesOwn] = await history(alice, '?limit=1');
    const bad = [
      '?limit=0',
      '?limit=101',
      '?limit=abc',
      '?limit=1.5',
      '?limit=-1',
      '?before=abc',
      '?before=12345',
      '?before=ABCDEFGHIJKL',
      '?before=abcdefghijklm',
      `?before=${alicesOwn!.id}`,
    ];
    for (const query of bad) {
      const reply = await t.get(`/offlineMessages/history${query}`, dave.token);
      expect(reply.status, query).toBe(422);
      expect(keysOf(reply.body), query).toEqual(['code', 'msg']);
      expect(reply.body.code, query).not.toBe(0);
      expect(typeof reply.body.msg, query).toBe('string');
    }
  });
});

describe('offline errors and isolation', () => {
  it('answers 401 without or with a bad token, in the offline error format', async () => {
    for (const path of ['/offlineMessages', '/offlineMessages/history']) {
      for (const token of [null, 'not-a-real-token']) {
        const reply = await t.get(path, token);
        expect(reply.status, `${path} ${token}`).toBe(401);
        expect(keysOf(reply.body)).toEqual(['code', 'msg']);
        expect(reply.body.code).not.toBe(0);
        expect(typeof reply.body.msg).toBe('string');
      }
    }
  });

  it('never shows one user another user’s offline messages', async () => {
    const erin = await newAccount('erin');
    const frank = await newAccount('frank');
    await sendDirect(bob, erin, '给 erin 的私信');
    const erinsHistory = await history(erin);
    expect(erinsHistory).toHaveLength(1);

    expect(await takeOffline(frank)).toEqual([]);
    expect(await history(frank)).toEqual([]);
    expect(await offlineCount(frank)).toBe(0);
    expect(await offlineCount(erin)).toBe(1);

    const cursor = await t.get(`/offlineMessages/history?before=${erinsHistory[0]!.id}`, frank.token);
    expect(cursor.status).toBe(422);
    expect(await offlineCount(erin)).toBe(1);
    const [taken] = await takeOffline(erin);
    expect(taken!.id).toBe(erinsHistory[0]!.id);
  });

  it('answers unknown routes under /offlineMessages with 404 in the offline error format', async () => {
    const unknown: [string, string][] = [
      ['GET', '/offlineMessages/nope'],
      ['GET', '/offlineMessages/history/extra'],
      ['POST', '/offlineMessages'],
      ['DELETE', '/offlineMessages'],
      ['GET', '/offlineMessages/abcdefghijkl/accept'],
      ['POST', '/offlineMessages/abcdefghijkl/ignore'],
    ];
    for (const [method, path] of unknown) {
      const reply = await t.request(method, path, { token: alice.token });
      expect(reply.status, `${method} ${path}`).toBe(404);
      expect(keysOf(reply.body), `${method} ${path}`).toEqual(['code', 'msg']);
      expect(reply.body.code).not.toBe(0);
    }
  });
});
