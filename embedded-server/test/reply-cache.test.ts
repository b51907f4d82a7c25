import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TOKEN, startTestServer, type Account, type TestServer } from './harness.js';
import { SAMPLES } from './sample-files.js';
import Fastify from 'fastify';
import { registerReplyCache, ReplyCache } from '../src/http/reply-cache.js';

/**
 * Replies sent again while nothing has changed (http/reply-cache.ts), over real HTTP. A reply
 * that carries a signed attachment URL shows whether it was made anew: the URL's expiry is
 * the clock's time plus an hour, and the clock is moved between requests.
 */
let t: TestServer;
let alice: Account;
let bob: Account;
let cId: number;
let sent = 0;
/** On PostgreSQL other instances may write unseen: every reply is made anew there. */
let keeps: boolean;

const setClock = (body: object) => t.post('/api/admin/clock', body, APP_TOKEN);
const history = () => `/api/chat/${cId}/messages`;
const sendText = (message: string) =>
  t.post(`/api/chat/${cId}/messages`, { clientMsgId: `kept-${++sent}`, type: 'TEXT', message }, alice.token);
const expiryIn = (text: string) => Number(/exp=(\d+)/.exec(text)![1]);
/** Two users and their chat, which holds a photo (so its replies carry a signed URL); the clock frozen. */
async function chatWithPhoto(server: TestServer, names: [string, string]) {
  const owner = await server.signUp(names[0]);
  const peer = await server.signUp(names[1]);
  const window: number = (await server.post('/api/chat', { toId: peer.user.id }, owner.token)).body.data.id;
  const image = await server.request('POST', '/api/attachments', {
    token: owner.token,
    raw: new Blob([new Uint8Array(SAMPLES['image/png']!)]),
    headers: { 'content-type': 'image/png' },
  });
  expect(image.status).toBe(201);
  const photo = { clientMsgId: 'photo', type: 'IMAGE', attachmentId: image.body.data.id, message: '' };
  expect((await server.post(`/api/chat/${window}/messages`, photo, owner.token)).status).toBe(201);
  await server.post('/api/admin/clock', { now: Date.now(), frozen: true }, APP_TOKEN);
  return { owner, peer, window };
}

const poll = (account: Account, from: Account, to: Account) =>
  t.get(
    `/api/im/getNewestMsgListByLastTime?appid=JH&from=${from.user.id}&to=${to.user.id}&fromrole=MEMBER&lasttime=0`,
    account.token,
  );

beforeAll(async () => {
  t = await startTestServer({ allowReset: true });
  keeps = t.server.ctx.store.engine === 'sqlite';
  ({ owner: alice, peer: bob, window: cId } = await chatWithPhoto(t, ['alice', 'bob']));
});
afterAll(() => t.close());

describe('a reply sent again', () => {
  it('is the same bytes within a minute while nothing changes, and is made anew after it', async () => {
    const first = await t.get(history(), bob.token);
    expect(first.status).toBe(200);
    await setClock({ advanceMs: 1_000 });
    const again = await t.get(history(), bob.token);
    for (const header of ['content-type', 'content-length', 'cache-control', 'x-content-type-options'])
      expect(again.headers.get(header), header).toBe(first.headers.get(header));
    if (keeps) expect(again.text).toBe(first.text);
    else expect(expiryIn(again.text)).toBe(expiryIn(first.text) + 1_000);

    await setClock({ advanceMs: 60_000 });
    const later = await t.get(history(), bob.token);
    expect(expiryIn(later.text)).toBe(expiryIn(first.text) + 61_000);
  });

  it('is made anew as soon as anything is written: a message, a read, a notification', async () => {
    const chats = '/api/chat?type=all';
    await t.get(history(), bob.token);
    await t.get(chats, bob.token);
    await t.get('/api/counts', bob.token);
    await poll(bob, bob, alice);
    const newest = (await sendText('刚刚发的')).body.data;
    expect((await t.get(history(), bob.token)).body.data.at(-1).id).toBe(newest.id);
    const listed = (await t.get(chats, bob.token)).body.data.list[0];
    expect(listed.afterMessage).toBe('刚刚发的');
    expect(listed.unread).toBeGreaterThan(0);
    expect((await poll(bob, bob, alice)).body.data[0].content).toBe('刚刚发的');

    const badge = async () => (await t.get('/api/counts', bob.token)).body.data.chatUnread;
    expect(await badge()).toBeGreaterThan(0);
    expect((await t.post(`/api/chat/${cId}/read`, { upTo: newest.id }, bob.token)).status).toBe(200);
    expect((await t.get(chats, bob.token)).body.data.list[0].unread).toBe(0);
    expect(await badge()).toBe(0);

    const counts = async () => (await t.get('/message/count', bob.token)).body.errdata.data.unread;
    const unread = async () => (await t.get('/message/unread', bob.token)).body.errdata.data.length;
    expect([await counts(), await unread()]).toEqual([0, 0]);
    const notice = { title: '审批', type: 7, subtype: 0, content: '请处理', user_id: bob.user.id };
    expect((await t.post('/message/create', notice, APP_TOKEN)).status).toBe(200);
    expect([await counts(), await unread()]).toEqual([1, 1]);
    expect((await t.post('/message/setread/all', {}, bob.token)).status).toBe(200);
    expect([await counts(), await unread()]).toEqual([0, 0]);
  });

  it('is kept for one device: another user, or the same user signed in elsewhere, gets their own', async () => {
    const notice = { title: '只给爱丽丝', type: 7, subtype: 0, content: '私信', user_id: alice.user.id };
    expect((await t.post('/message/create', notice, APP_TOKEN)).status).toBe(200);
    expect((await t.get('/message/unread', alice.token)).body.errdata.data).toHaveLength(1);
    expect((await t.get('/message/unread', bob.token)).body.errdata.data).toHaveLength(0);

    const laptop = await t.post('/api/auth/login', { username: 'bob', password: 'password-123' });
    const onPhone = (await t.get(history(), bob.token)).text;
    const onLaptop = (await t.get(history(), laptop.body.data.token)).text;
    const sessionIn = (text: string) => /[?&]s=([^&"]+)/.exec(text)![1];
    expect(sessionIn(onLaptop)).not.toBe(sessionIn(onPhone));
  });

  it('is never an error or a reply to a token no longer signed in', async () => {
    const gone = await t.get('/api/chat/999999/messages', bob.token);
    expect(gone.status).toBe(404);
    const session = await t.post('/api/auth/login', { username: 'bob', password: 'password-123' });
    const token = session.body.data.token;
    expect((await t.get(history(), token)).status).toBe(200);
    expect((await t.post('/api/auth/logout', {}, token)).status).toBe(200);
    expect((await t.get(history(), token)).status).toBe(401);
  });
});

describe('with --reply-cache 0', () => {
  it('makes every reply anew', async () => {
    const plain = await startTestServer({ allowReset: true, replyCacheMiB: 0 });
    try {
      const { peer, window } = await chatWithPhoto(plain, ['carol', 'dave']);
      const first = (await plain.get(`/api/chat/${window}/messages`, peer.token)).text;
      await plain.post('/api/admin/clock', { advanceMs: 1_000 }, APP_TOKEN);
      const again = (await plain.get(`/api/chat/${window}/messages`, peer.token)).text;
      expect(expiryIn(again)).toBe(expiryIn(first) + 1_000);
    } finally {
      await plain.close();
    }
  });
});

describe('the replies kept', () => {
  const now = () => 1_000;

  it('stay within their budget, the oldest dropped first, and none larger than an eighth of it', () => {
    const cache = new ReplyCache(80, now);
    for (const key of ['a', 'b', 'c', 'd', 'e']) cache.keep(key, 1, Buffer.from('x'.repeat(10)), 'application/json');
    cache.keep('f', 1, Buffer.from('y'.repeat(10)), 'application/json');
    cache.keep('g', 1, Buffer.from('y'.repeat(10)), 'application/json');
    cache.keep('h', 1, Buffer.from('y'.repeat(10)), 'application/json');
    cache.keep('i', 1, Buffer.from('y'.repeat(10)), 'application/json');
    expect(cache.get('a', 1)).toBeUndefined();
    expect(['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((key) => cache.get(key, 1)?.body.length)).toEqual(
      Array(8).fill(10),
    );
    cache.keep('large', 1, Buffer.from('z'.repeat(11)), 'application/json');
    expect(cache.get('large', 1)).toBeUndefined();
    expect(cache.get('b', 1)).toBeDefined();
  });

  it('are all stale once the version moves, and a reply made at an older version is not kept', () => {
    const cache = new ReplyCache(1_000, now);
    cache.keep('a', 5, Buffer.from('old'), 'application/json');
    expect(cache.get('a', 6)).toBeUndefined();
    cache.keep('b', 6, Buffer.from('new'), 'application/json');
    cache.keep('a', 5, Buffer.from('older'), 'application/json');
    expect(cache.get('a', 6)).toBeUndefined();
    expect(cache.get('b', 6)?.body.toString()).toBe('new');
  });
});

describe('the hooks that keep replies', () => {
  it('keep no reply made while the data changed, and send a kept one with its own type', async () => {
    // A route over a value and a version this test moves, as a write moves the store's.
    let version = 1;
    let value = 'before';
    let gate: Promise<void> = Promise.resolve();
    let reached: () => void = () => {};
    const app = Fastify();
    app.decorateRequest('session', null);
    app.addHook('onRequest', async (request) => {
      request.session = { id: 'device', userId: 1, createdAt: 0, lastUsedAt: 0, client: '' };
    });
    registerReplyCache(app, () => version, new ReplyCache(1 << 20, () => 0));
    app.get('/value', { config: { replyCache: true } }, async () => {
      const seen = value;
      reached();
      await gate;
      return { seen };
    });
    try {
      let open!: () => void;
      gate = new Promise((resolve) => (open = resolve));
      const handlerReached = new Promise<void>((resolve) => (reached = resolve));
      const during = app.inject('/value');
      await handlerReached;
      value = 'after';
      version = 2;
      open();
      expect((await during).json()).toEqual({ seen: 'before' });
      gate = Promise.resolve();
      const first = await app.inject('/value');
      expect(first.json()).toEqual({ seen: 'after' });
      value = 'changed without a version';
      const kept = await app.inject('/value');
      expect(kept.json()).toEqual({ seen: 'after' });
      expect(kept.headers['content-type']).toBe(first.headers['content-type']);
    } finally {
      await app.close();
    }
  });
});
