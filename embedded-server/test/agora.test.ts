import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Account, APP_TOKEN, keysOf, type Reply, startTestServer, type TestServer } from './harness.js';

// Seed 002's envelope keys, in its order, and the agora error format of API.md §1.
const AGORA_KEYS = ['action', 'uri', 'path', 'entities', 'data', 'timestamp', 'duration', 'count'];
const AGORA_ERROR_KEYS = ['error', 'exception', 'timestamp', 'duration', 'error_description'];

let t: TestServer;
let accounts = 0;
let sent = 0;

/** A fresh account, so each test starts from known counts. */
function newAccount(): Promise<Account> {
  accounts += 1;
  return t.signUp(`agora_user_${accounts}`);
}

const countPath = (username: string, appId = 'JH') =>
  `/app-id/${appId}/users/${encodeURIComponent(username)}/offline_msg_count`;
const statusPath = (username: string, msgId: string | number, appId = 'JH') =>
  `/app-id/${appId}/users/${encodeURIComponent(username)}/offline_msg_status/${encodeURIComponent(String(msgId))}`;

async function openWindow(from: Account, to: Account): Promise<number> {
  const reply = await t.post('/api/chat', { toId: to.user.id }, from.token);
  expect(reply.status, reply.text).toBe(200);
  return reply.body.data.id;
}

async function send(from: Account, cId: number, text: string): Promise<{ id: number; message: string }> {
  sent += 1;
  const reply = await t.post(
    `/api/chat/${cId}/messages`,
    { message: text, type: 'TEXT', clientMsgId: `agora-${sent}` },
    from.token,
  );
  expect(reply.status, reply.text).toBe(201);
  return reply.body.data;
}

async function offlineCount(username: string): Promise<number> {
  const reply = await t.get(countPath(username), APP_TOKEN);
  expect(reply.status, reply.text).toBe(200);
  return reply.body.data[username];
}

async function deliveryStatus(username: string, msgId: string | number): Promise<string> {
  const reply = await t.get(statusPath(username, msgId), APP_TOKEN);
  expect(reply.status, reply.text).toBe(200);
  expect(keysOf(reply.body.data)).toEqual([String(msgId)]);
  return reply.body.data[String(msgId)];
}

/** The 24-hex `_id` of a message, as the recipient's im poll shows it. */
async function objectIdOf(recipient: Account, sender: Account, text: string): Promise<string> {
  const reply = await t.get(
    `/api/im/getNewestMsgListByLastTime?appid=JH&from=${recipient.user.id}&to=${sender.user.id}&fromrole=MEMBER&lasttime=0`,
    recipient.token,
  );
  expect(reply.status, reply.text).toBe(200);
  const found = reply.body.data.find((m: { content: string }) => m.content === text);
  expect(found, text).toBeDefined();
  expect(found._id).toMatch(/^[0-9a-f]{24}$/);
  return found._id;
}

/** The id of the offline message that stands for a chat message, from the recipient's history. */
async function offlineIdOf(recipient: Account, chatMessageId: number): Promise<string> {
  const reply = await t.get('/offlineMessages/history?limit=100', recipient.token);
  expect(reply.status, reply.text).toBe(200);
  const found = reply.body.messages.find(
    (m: { extraInfo: { messageId?: string } }) => m.extraInfo.messageId === String(chatMessageId),
  );
  expect(found, `offline copy of ${chatMessageId}`).toBeDefined();
  return found.id;
}

/** Every id a message can be asked about by: its integer id, its `_id` and its offline copy's id. */
async function idsOf(recipient: Account, sender: Account, message: { id: number; message: string }) {
  return [
    String(message.id),
    await objectIdOf(recipient, sender, message.message),
    await offlineIdOf(recipient, message.id),
  ];
}

async function statusesOf(username: string, ids: string[]): Promise<string[]> {
  const statuses: string[] = [];
  for (const id of ids) statuses.push(await deliveryStatus(username, id));
  return statuses;
}

/** A project of `owner` whose group chat `member` joined by accepting the invitation. */
async function groupWith(owner: Account, member: Account): Promise<{ projectId: string; cId: number }> {
  const project = await t.post('/api/projects', { name: '群聊投递' }, owner.token);
  expect(project.status, project.text).toBe(201);
  const { id: projectId, cId } = project.body.data;
  await inviteAndAccept(owner, member, projectId);
  return { projectId, cId };
}

async function inviteAndAccept(owner: Account, member: Account, projectId: string) {
  const invited = await t.post(`/api/projects/${projectId}/invitations`, { userId: member.user.id }, owner.token);
  expect(invited.status, invited.text).toBe(201);
  const [invitation] = (await t.get('/offlineMessages/history', member.token)).body.messages;
  const accepted = await t.post(`/offlineMessages/${invitation.id}/accept`, undefined, member.token);
  expect(accepted.status, accepted.text).toBe(200);
}

function expectAgoraError(reply: Reply, status: number, error: string) {
  expect(reply.status, reply.text).toBe(status);
  expect(keysOf(reply.body)).toEqual(AGORA_ERROR_KEYS);
  expect(reply.body.error).toBe(error);
  expect(typeof reply.body.exception).toBe('string');
  expect(typeof reply.body.timestamp).toBe('number');
  expect(typeof reply.body.duration).toBe('number');
  expect(typeof reply.body.error_description).toBe('string');
}

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('agora offline_msg_count (seed 002)', () => {
  it('answers in the seed’s envelope with a numeric count for a new user', async () => {
    const alice = await newAccount();
    const path = countPath(alice.user.userName);
    const before = Date.now();
    const reply = await t.get(path, APP_TOKEN);
    const after = Date.now();
    expect(reply.status, reply.text).toBe(200);
    expect(keysOf(reply.body)).toEqual(AGORA_KEYS);
    expect(reply.body.action).toBe('get');
    expect(reply.body.uri).toBe(t.url + path);
    expect(reply.body.path).toBe(path);
    expect(reply.body.entities).toEqual([]);
    expect(reply.body.data).toEqual({ [alice.user.userName]: 0 });
    expect(reply.body.timestamp).toBeGreaterThanOrEqual(before);
    expect(reply.body.timestamp).toBeLessThanOrEqual(after);
    expect(typeof reply.body.duration).toBe('number');
    expect(reply.body.duration).toBeGreaterThanOrEqual(0);
    expect(reply.body.count).toBe(0);
  });

  it('grows with every chat message others send, and not for the sender', async () => {
    const alice = await newAccount();
    const bob = await newAccount();
    const carol = await newAccount();
    const bobToAlice = await openWindow(bob, alice);
    const carolToAlice = await openWindow(carol, alice);
    await send(bob, bobToAlice, '你好');
    expect(await offlineCount(alice.user.userName)).toBe(1);
    await send(bob, bobToAlice, '在吗');
    await send(carol, carolToAlice, '明天开会');
    expect(await offlineCount(alice.user.userName)).toBe(3);
    expect(await offlineCount(bob.user.userName)).toBe(0);
    expect(await offlineCount(carol.user.userName)).toBe(0);
  });

  it('drops to 0 once the user fetches GET /offlineMessages, then counts new messages again', async () => {
    const alice = await newAccount();
    const bob = await newAccount();
    const cId = await openWindow(bob, alice);
    await send(bob, cId, 'first');
    await send(bob, cId, 'second');
    expect(await offlineCount(alice.user.userName)).toBe(2);
    const fetched = await t.get('/offlineMessages', alice.token);
    expect(fetched.status).toBe(200);
    expect(fetched.body.messages.length).toBe(2);
    expect(await offlineCount(alice.user.userName)).toBe(0);
    await send(bob, cId, 'third');
    expect(await offlineCount(alice.user.userName)).toBe(1);
  });

  it('counts project invitations too', async () => {
    const alice = await newAccount();
    const bob = await newAccount();
    const project = await t.post('/api/projects', { name: '年度计划' }, bob.token);
    expect(project.status, project.text).toBe(201);
    const invited = await t.post(
      `/api/projects/${project.body.data.id}/invitations`,
      { userId: alice.user.id, remark: '一起来' },
      bob.token,
    );
    expect(invited.status, invited.text).toBe(201);
    expect(await offlineCount(alice.user.userName)).toBe(1);
  });
});

describe('agora offline_msg_status (seed 002)', () => {
  it('answers in the seed’s envelope with the asked id as the only key', async () => {
    const alice = await newAccount();
    const bob = await newAccount();
    const message = await send(bob, await openWindow(bob, alice), 'envelope check');
    const path = statusPath(alice.user.userName, message.id);
    const before = Date.now();
    const reply = await t.get(path, APP_TOKEN);
    const after = Date.now();
    expect(reply.status, reply.text).toBe(200);
    expect(keysOf(reply.body)).toEqual(AGORA_KEYS);
    expect(reply.body.action).toBe('get');
    expect(reply.body.uri).toBe(t.url + path);
    expect(reply.body.path).toBe(path);
    expect(reply.body.entities).toEqual([]);
    expect(reply.body.data).toEqual({ [String(message.id)]: 'undelivered' });
    expect(reply.body.timestamp).toBeGreaterThanOrEqual(before);
    expect(reply.body.timestamp).toBeLessThanOrEqual(after);
    expect(typeof reply.body.duration).toBe('number');
    expect(reply.body.count).toBe(0);
  });

  it('knows a message by its integer id, its _id and its offline message id', async () => {
    const alice = await newAccount();
    const bob = await newAccount();
    const message = await send(bob, await openWindow(bob, alice), 'three ways to name me');
    const ids = await idsOf(alice, bob, message);
    expect(new Set(ids).size).toBe(3);
    expect(await statusesOf(alice.user.userName, ids)).toEqual(['undelivered', 'undelivered', 'undelivered']);
  });

  it('turns delivered by every id once the recipient fetches GET /offlineMessages', async () => {
    const alice = await newAccount();
    const bob = await newAccount();
    const message = await send(bob, await openWindow(bob, alice), 'fetch me');
    const ids = await idsOf(alice, bob, message);
    expect((await t.get('/offlineMessages', alice.token)).status).toBe(200);
    expect(await statusesOf(alice.user.userName, ids)).toEqual(['delivered', 'delivered', 'delivered']);
  });

  it('turns delivered by every id when the recipient reads, only up to upTo', async () => {
    const alice = await newAccount();
    const bob = await newAccount();
    const cId = await openWindow(bob, alice);
    const first = await send(bob, cId, 'read me');
    const second = await send(bob, cId, 'not yet');
    const firstIds = await idsOf(alice, bob, first);
    const secondIds = await idsOf(alice, bob, second);
    const read = await t.post(`/api/chat/${cId}/read`, { upTo: first.id }, alice.token);
    expect(read.status, read.text).toBe(200);
    expect(await statusesOf(alice.user.userName, firstIds)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(await statusesOf(alice.user.userName, secondIds)).toEqual(['undelivered', 'undelivered', 'undelivered']);
    expect(await offlineCount(alice.user.userName)).toBe(1);
  });

  it('does not deliver when the recipient only lists windows, history or offline history', async () => {
    const alice = await newAccount();
    const bob = await newAccount();
    const cId = await openWindow(bob, alice);
    const message = await send(bob, cId, 'just listed');
    const ids = await idsOf(alice, bob, message);
    for (const path of ['/api/chat?type=all', '/api/chat?type=unread', `/api/chat/${cId}/messages`]) {
      const listed = await t.get(path, alice.token);
      expect(listed.status, path).toBe(200);
    }
    const windows = (await t.get('/api/chat?type=all', alice.token)).body.data.list;
    expect(windows.map((w: { id: number }) => w.id)).toContain(cId);
    expect(await statusesOf(alice.user.userName, ids)).toEqual(['undelivered', 'undelivered', 'undelivered']);
    expect(await offlineCount(alice.user.userName)).toBe(1);
  });

  it('reports an invitation’s offline message until it is fetched', async () => {
    const alice = await newAccount();
    const bob = await newAccount();
    const project = await t.post('/api/projects', { name: '投递测试' }, bob.token);
    const invited = await t.post(
      `/api/projects/${project.body.data.id}/invitations`,
      { userId: alice.user.id },
      bob.token,
    );
    expect(invited.status, invited.text).toBe(201);
    const [invitation] = (await t.get('/offlineMessages/history', alice.token)).body.messages;
    expect(invitation.type).toBe(4);
    expect(await deliveryStatus(alice.user.userName, invitation.id)).toBe('undelivered');
    await t.get('/offlineMessages', alice.token);
    expect(await deliveryStatus(alice.user.userName, invitation.id)).toBe('delivered');
  });

  it('reports a group message to a member who received it, never to its sender', async () => {
    const alice = await newAccount();
    const bob = await newAccount();
    const { cId } = await groupWith(bob, alice);
    const message = await send(bob, cId, '大家好');
    expect(await deliveryStatus(alice.user.userName, message.id)).toBe('undelivered');
    expectAgoraError(
      await t.get(statusPath(bob.user.userName, message.id), APP_TOKEN),
      404,
      'service_resource_not_found',
    );
    await t.get('/offlineMessages', alice.token);
    expect(await deliveryStatus(alice.user.userName, message.id)).toBe('delivered');
  });

  it('does not report a group message sent before the user joined the group', async () => {
    const alice = await newAccount();
    const bob = await newAccount();
    const project = await t.post('/api/projects', { name: '入群之前' }, bob.token);
    expect(project.status, project.text).toBe(201);
    const { id: projectId, cId } = project.body.data;
    const early = await send(bob, cId, 'before alice joined');
    await inviteAndAccept(bob, alice, projectId);
    const reply = await t.get(statusPath(alice.user.userName, early.id), APP_TOKEN);
    expectAgoraError(reply, 404, 'service_resource_not_found');
  });
});

describe('agora errors', () => {
  let alice: Account;
  let bob: Account;
  let message: { id: number; message: string };

  beforeAll(async () => {
    alice = await newAccount();
    bob = await newAccount();
    message = await send(bob, await openWindow(bob, alice), 'for the error tests');
  });

  it('answers 401 unauthorized without a token, with a bad token and with a user’s token', async () => {
    const paths = [countPath(alice.user.userName), statusPath(alice.user.userName, message.id)];
    for (const path of paths) {
      for (const token of [null, 'not-the-app-token', alice.token]) {
        const reply = await t.get(path, token);
        expectAgoraError(reply, 401, 'unauthorized');
        expect(reply.body.error_description).toBe('Unable to authenticate (OAuth)');
      }
    }
  });

  it('answers 404 service_resource_not_found for another app id', async () => {
    for (const path of [countPath(alice.user.userName, 'XX'), statusPath(alice.user.userName, message.id, 'jh')]) {
      expectAgoraError(await t.get(path, APP_TOKEN), 404, 'service_resource_not_found');
    }
  });

  it('answers 404 for an unknown username', async () => {
    for (const path of [countPath('nobody_here'), statusPath('nobody_here', message.id)]) {
      expectAgoraError(await t.get(path, APP_TOKEN), 404, 'service_resource_not_found');
    }
  });

  it('answers 404 for a message that was not addressed to that user', async () => {
    const carol = await newAccount();
    const dave = await newAccount();
    const otherPair = await send(carol, await openWindow(carol, dave), 'not for alice');
    const alicesIds = await idsOf(alice, bob, message);
    const checks: [string, string][] = [
      ...alicesIds.map((id): [string, string] => [bob.user.userName, id]),
      ...(await idsOf(dave, carol, otherPair)).map((id): [string, string] => [alice.user.userName, id]),
    ];
    for (const [username, id] of checks) {
      const reply = await t.get(statusPath(username, id), APP_TOKEN);
      expectAgoraError(reply, 404, 'service_resource_not_found');
    }
  });

  it('answers 404 for a msg_id that names no message', async () => {
    const garbage = [
      'garbage',
      '0',
      '-1',
      '1.5',
      '1e3',
      '99999999',
      'abcdefghijkl',
      '000000000000000000000000',
      'zzzzzzzzzzzzzzzzzzzzzzzz',
    ];
    for (const id of garbage) {
      const reply = await t.get(statusPath(alice.user.userName, id), APP_TOKEN);
      expect(reply.status, id).toBe(404);
      expect(reply.body.error, id).toBe('service_resource_not_found');
    }
  });
});
