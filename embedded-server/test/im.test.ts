import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TOKEN, keysOf, startTestServer, type TestServer } from './harness.js';

// Seed 004's message keys, in the order of its example.
const IM_KEYS = [
  '_id',
  'fromarea',
  'content',
  't_avatar',
  't_nickname',
  'to',
  'f_avatar',
  'f_nickname',
  'from',
  'appid',
  '__v',
  'readtime',
  'sendtime',
  'update_at',
  'create_at',
  'imageSize',
  'voiceLength',
  'channel',
  'torole',
  'fromrole',
  'type',
  'status',
];
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const POLL = '/api/im/getNewestMsgListByLastTime';

type Role = 'MEMBER' | 'SALER';
interface Account {
  token: string;
  user: { id: number; userName: string };
  role: Role;
}
interface ImMessage {
  _id: string;
  from: string;
  to: string;
  content: string;
  f_nickname: string;
  t_nickname: string;
  fromrole: Role;
  torole: Role;
  sendtime: number;
  readtime: number;
  status: number;
}
interface PollParams {
  appid?: string;
  from?: string;
  to?: string;
  fromrole?: string;
  lasttime?: string;
}

let t: TestServer;
let accounts = 0;
let clientIds = 0;

async function newUser(name: string, role: Role = 'MEMBER'): Promise<Account> {
  return { ...(await t.signUp(`${name}${++accounts}`, role)), role };
}

const nicknameOf = (who: Account) => `${who.user.userName} 昵称`;

/** A few milliseconds, so two messages get different millisecond send times. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 3));

async function openWindow(who: Account, peer: Account): Promise<number> {
  const reply = await t.post('/api/chat', { toId: peer.user.id }, who.token);
  expect(reply.status, reply.text).toBe(200);
  return reply.body.data.id;
}

async function say(who: Account, cId: number, message: string): Promise<{ id: number }> {
  const clientMsgId = `im-${++clientIds}`;
  const reply = await t.post(`/api/chat/${cId}/messages`, { message, type: 'TEXT', clientMsgId }, who.token);
  expect(reply.status, reply.text).toBe(201);
  return reply.body.data;
}

/** The default query: `from` polls its messages with `to` since the beginning. */
function pollQuery(from: Account, to: Account, overrides: PollParams = {}): PollParams {
  return {
    appid: 'JH',
    from: String(from.user.id),
    to: String(to.user.id),
    fromrole: from.role,
    lasttime: '0',
    ...overrides,
  };
}

function poll(params: PollParams, token: string | null) {
  const query = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return t.get(`${POLL}?${query}`, token);
}

async function messagesFor(from: Account, to: Account, overrides: PollParams = {}): Promise<ImMessage[]> {
  const reply = await poll(pollQuery(from, to, overrides), from.token);
  expect(reply.status, reply.text).toBe(200);
  expect(reply.body.success).toBe(true);
  return reply.body.data;
}

function expectImError(reply: { status: number; body: unknown }, status: number, label = '') {
  expect(reply.status, label).toBe(status);
  expect(reply.body, label).toEqual({ success: false, msg: expect.any(String) });
}

beforeAll(async () => {
  // Builds long histories faster than a person sends: the per-user send limit is raised.
  t = await startTestServer({ sendRate: 1000 });
});
afterAll(() => t.close());

describe('im dialect: polling (seed 004)', () => {
  it('answers with the seed’s envelope and exactly the seed’s keys, in order, with its types', async () => {
    const alice = await newUser('alice');
    const sam = await newUser('sam', 'SALER');
    const cId = await openWindow(alice, sam);
    await say(alice, cId, '你好，我想咨询一下');

    const reply = await poll(pollQuery(alice, sam), alice.token);
    expect(reply.status).toBe(200);
    expect(keysOf(reply.body)).toEqual(['success', 'data']);
    expect(reply.body.success).toBe(true);
    expect(reply.body.data).toHaveLength(1);
    const [message] = reply.body.data;
    expect(keysOf(message)).toEqual(IM_KEYS);
    expect(message).toMatchObject({
      content: '你好，我想咨询一下',
      from: String(alice.user.id),
      f_nickname: nicknameOf(alice),
      fromrole: 'MEMBER',
      to: String(sam.user.id),
      t_nickname: nicknameOf(sam),
      torole: 'SALER',
      appid: 'JH',
      __v: 0,
      readtime: -1,
      status: 0,
      channel: 'PC',
      type: 'TEXT',
      imageSize: -1,
      voiceLength: -1,
    });
    expect(message._id).toMatch(/^[0-9a-f]{24}$/);
    expect(message.fromarea).toBe('127.');
    expect(typeof message.f_avatar).toBe('string');
    expect(typeof message.t_avatar).toBe('string');
    expect(typeof message.sendtime).toBe('number');
    expect(String(message.sendtime)).toMatch(/^\d{13}$/);
    expect(message.create_at).toMatch(ISO_UTC);
    expect(message.update_at).toMatch(ISO_UTC);
    expect(message.create_at).toBe(new Date(message.sendtime).toISOString());
  });

  it('includes both directions, each message describing its actual sender, newest first', async () => {
    const alice = await newUser('alice');
    const sam = await newUser('sam', 'SALER');
    const cId = await openWindow(alice, sam);
    await say(alice, cId, 'question');
    await tick();
    await say(sam, cId, 'answer');
    await tick();
    await say(alice, cId, 'thanks');

    const seenByAlice = await messagesFor(alice, sam);
    expect(seenByAlice.map((m) => m.content)).toEqual(['thanks', 'answer', 'question']);
    const sendtimes = seenByAlice.map((m) => m.sendtime);
    expect(sendtimes).toEqual([...sendtimes].sort((a, b) => b - a));
    const [thanks, answer] = seenByAlice;
    expect(answer).toMatchObject({
      from: String(sam.user.id),
      f_nickname: nicknameOf(sam),
      fromrole: 'SALER',
      to: String(alice.user.id),
      t_nickname: nicknameOf(alice),
      torole: 'MEMBER',
    });
    expect(thanks).toMatchObject({
      from: String(alice.user.id),
      f_nickname: nicknameOf(alice),
      fromrole: 'MEMBER',
      to: String(sam.user.id),
      t_nickname: nicknameOf(sam),
      torole: 'SALER',
    });

    const seenBySam = await messagesFor(sam, alice);
    expect(seenBySam).toEqual(seenByAlice);
  });

  it('returns only the messages between the two users', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const carol = await newUser('carol');
    await say(alice, await openWindow(alice, bob), 'for bob');
    await say(carol, await openWindow(carol, alice), 'from carol');

    expect((await messagesFor(alice, bob)).map((m) => m.content)).toEqual(['for bob']);
    expect((await messagesFor(alice, carol)).map((m) => m.content)).toEqual(['from carol']);
    expect(await messagesFor(bob, carol)).toEqual([]);
  });

  it('returns only messages sent strictly after lasttime', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const cId = await openWindow(alice, bob);
    for (const text of ['one', 'two', 'three', 'four']) {
      await say(text === 'three' ? bob : alice, cId, text);
      await tick();
    }
    const all = await messagesFor(alice, bob);
    expect(all.map((m) => m.content)).toEqual(['four', 'three', 'two', 'one']);
    const two = all[2]!;

    const since = await messagesFor(alice, bob, { lasttime: String(two.sendtime) });
    expect(since.map((m) => m.content)).toEqual(['four', 'three']);
    expect(since.every((m) => m.sendtime > two.sendtime)).toBe(true);
    expect(await messagesFor(alice, bob, { lasttime: String(all[0]!.sendtime) })).toEqual([]);
    expect(await messagesFor(alice, bob, { lasttime: String(all[3]!.sendtime - 1) })).toEqual(all);
  });

  it('shows status 1 and a readtime once the recipient has read the message', async () => {
    const alice = await newUser('alice');
    const sam = await newUser('sam', 'SALER');
    const cId = await openWindow(alice, sam);
    const sent = await say(alice, cId, 'please read');

    const before = await messagesFor(alice, sam);
    expect(before.map((m) => [m.status, m.readtime])).toEqual([[0, -1]]);

    const read = await t.post(`/api/chat/${cId}/read`, { upTo: sent.id }, sam.token);
    expect(read.status, read.text).toBe(200);
    await say(sam, cId, 'sam writes back');
    const [fromSam, fromAlice] = await messagesFor(alice, sam);
    expect(fromAlice!.content).toBe('please read');
    expect(fromAlice!.status).toBe(1);
    expect(typeof fromAlice!.readtime).toBe('number');
    expect(String(fromAlice!.readtime)).toMatch(/^\d{13}$/);
    expect(fromAlice!.readtime).toBeGreaterThanOrEqual(fromAlice!.sendtime);
    expect(fromSam!.content).toBe('sam writes back');
    expect(fromSam!.status).toBe(0);
    expect(fromSam!.readtime).toBe(-1);
  });

  it('shows SALER roles for a SALER polling with fromrole SALER', async () => {
    const sam = await newUser('sam', 'SALER');
    const sue = await newUser('sue', 'SALER');
    const cId = await openWindow(sam, sue);
    await say(sue, cId, 'between colleagues');

    const [message] = await messagesFor(sam, sue, { fromrole: 'SALER' });
    expect(message).toMatchObject({ from: String(sue.user.id), fromrole: 'SALER', torole: 'SALER' });
  });

  it('answers at most 200 messages, the newest', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    const cId = await openWindow(alice, bob);
    for (let i = 1; i <= 201; i++) await say(alice, cId, `n${i}`);

    const list = await messagesFor(bob, alice);
    expect(list).toHaveLength(200);
    expect(list[0]!.content).toBe('n201');
    expect(list.map((m) => m.content)).not.toContain('n1');
  });

  it('lets the app token poll for anyone', async () => {
    const alice = await newUser('alice');
    const bob = await newUser('bob');
    await say(bob, await openWindow(bob, alice), 'seen by the app');

    const reply = await poll(pollQuery(alice, bob), APP_TOKEN);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.success).toBe(true);
    expect(reply.body.data.map((m: ImMessage) => m.content)).toEqual(['seen by the app']);
    expect(reply.body.data[0].from).toBe(String(bob.user.id));
  });
});

describe('im dialect: errors', () => {
  let alice: Account;
  let bob: Account;
  beforeAll(async () => {
    alice = await newUser('alice');
    bob = await newUser('bob');
    await say(alice, await openWindow(alice, bob), 'must not leak');
  });

  it('answers an unknown appid with 404', async () => {
    for (const appid of ['XX', 'jh', '']) {
      expectImError(await poll(pollQuery(alice, bob, { appid }), alice.token), 404, appid);
    }
  });

  it('refuses a fromrole that is not MEMBER or SALER, or not from’s role, with 422', async () => {
    for (const fromrole of ['SALER', 'ADMIN', 'member', '']) {
      expectImError(await poll(pollQuery(alice, bob, { fromrole }), alice.token), 422, fromrole);
    }
  });

  it('refuses a lasttime that is not an integer of at most 13 digits with 422', async () => {
    for (const lasttime of ['abc', '12345678901234', '1.5', '-1', '']) {
      expectImError(await poll(pollQuery(alice, bob, { lasttime }), alice.token), 422, lasttime);
    }
  });

  it('refuses a missing parameter with 422', async () => {
    for (const name of ['appid', 'from', 'to', 'fromrole', 'lasttime'] as const) {
      expectImError(await poll(pollQuery(alice, bob, { [name]: undefined }), alice.token), 422, name);
    }
  });

  it('forbids polling as another user with 403', async () => {
    expectImError(await poll(pollQuery(alice, bob), bob.token), 403);
  });

  it('answers 401 without or with a bad token', async () => {
    expectImError(await poll(pollQuery(alice, bob), null), 401, 'no token');
    expectImError(await poll(pollQuery(alice, bob), 'not-a-real-token'), 401, 'bad token');
  });

  it('answers an unknown user with 404', async () => {
    expectImError(await poll(pollQuery(alice, bob, { to: '987654321' }), alice.token), 404, 'to');
    expectImError(await poll(pollQuery(alice, bob, { from: '987654321' }), APP_TOKEN), 404, 'from');
  });
});
