import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TOKEN, startTestServer, type Account, type TestServer } from './harness.js';
import { RealtimeClient } from './realtime-client.js';
import { SAMPLES } from './sample-files.js';

/** API.md §3b over real HTTP and WebSocket: replies, forwards, recall, edit, reactions, delete for me. */
let t: TestServer;
let alice: Account;
let bob: Account;
let carol: Account;
let cId: number;
let clientIds = 0;

beforeAll(async () => {
  t = await startTestServer();
  [alice, bob, carol] = (await Promise.all(['alice', 'bob', 'carol'].map((name) => t.signUp(name)))) as [
    Account,
    Account,
    Account,
  ];
  cId = await openWindow(alice, bob);
});
afterAll(() => t.close());

async function openWindow(from: Account, to: Account): Promise<number> {
  return (await t.post('/api/chat', { toId: to.user.id }, from.token)).body.data.id;
}

async function send(from: Account, windowId: number, body: Record<string, unknown>) {
  return t.post(`/api/chat/${windowId}/messages`, { clientMsgId: `act-${++clientIds}`, ...body }, from.token);
}

async function say(from: Account, windowId: number, message: string) {
  const reply = await send(from, windowId, { message });
  expect(reply.status, reply.text).toBe(201);
  return reply.body.data;
}

const history = async (who: Account, windowId: number) =>
  (await t.get(`/api/chat/${windowId}/messages?limit=100`, who.token)).body.data as { id: number }[];

const messageIn = async (who: Account, windowId: number, id: number) =>
  (await history(who, windowId)).find((m) => m.id === id) as Record<string, unknown> | undefined;

/** Runs `work` with the server's clock moved forward by `ms`. */
async function later<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const { ctx } = t.server;
  const realNow = ctx.now;
  ctx.now = () => realNow() + ms;
  try {
    return await work();
  } finally {
    ctx.now = realNow;
  }
}

describe('replies and forwards', () => {
  it('quotes the message a reply answers, with its sender and a one-line summary', async () => {
    const question = await say(bob, cId, '三点开会吗？');
    const reply = await send(alice, cId, { message: '对，三点', replyTo: question.id });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.body.data.replyTo).toEqual({
      id: question.id,
      fromId: bob.user.id,
      summary: '三点开会吗？',
      recalled: false,
    });
    expect((await messageIn(bob, cId, reply.body.data.id))!.replyTo).toMatchObject({ id: question.id });
  });

  it('refuses a reply to a message of another window (422) or one that is not there (404)', async () => {
    const elsewhere = await say(alice, await openWindow(alice, carol), '别处的话');
    expect((await send(alice, cId, { message: 'x', replyTo: elsewhere.id })).status).toBe(422);
    expect((await send(alice, cId, { message: 'x', replyTo: 99_999_999 })).status).toBe(404);
  });

  it('forwards a message with its content and attachment into another window, marked forwarded', async () => {
    const upload = await t.request('POST', '/api/attachments', {
      token: bob.token,
      raw: new Blob([new Uint8Array(SAMPLES['image/png']!)]),
      headers: { 'content-type': 'image/png' },
    });
    const image = await send(bob, cId, { type: 'IMAGE', attachmentId: upload.body.data.id, message: '截图' });
    const toCarol = await openWindow(alice, carol);
    const forward = await send(alice, toCarol, { forwardOf: image.body.data.id });
    expect(forward.status, forward.text).toBe(201);
    expect(forward.body.data).toMatchObject({ type: 'IMAGE', message: '截图', forwarded: true, cId: toCarol });
    // Carol may now see the image (it was sent into her window).
    const url = forward.body.data.attachment.url as string;
    expect(
      (await fetch(t.url + url.split('?')[0], { headers: { authorization: `Bearer ${carol.token}` } })).status,
    ).toBe(200);
    // Someone who cannot read the original cannot forward it.
    expect((await send(carol, toCarol, { forwardOf: image.body.data.id })).status).toBe(404);
  });
});

describe('recall', () => {
  it('erases a message everywhere, tells both sides live, and keeps the row as recalled', async () => {
    const [aliceLive, bobLive] = await Promise.all([
      RealtimeClient.connect(t.url, alice.token),
      RealtimeClient.connect(t.url, bob.token),
    ]);
    const secret = '密码是蓝鲸出没123';
    const sent = await say(alice, cId, secret);
    const answer = await send(bob, cId, { message: '收到', replyTo: sent.id });
    const recall = await t.post(`/api/chat/${cId}/messages/${sent.id}/recall`, {}, alice.token);
    expect(recall.status, recall.text).toBe(200);
    expect(recall.body.data).toMatchObject({ id: sent.id, recalled: true, message: '' });
    for (const client of [aliceLive, bobLive])
      expect((await client.next('message.recalled', (d) => d.id === sent.id)).data).toEqual({ cId, id: sent.id });
    expect(await messageIn(bob, cId, sent.id)).toMatchObject({ recalled: true, message: '' });
    // A reply to it now quotes it as recalled.
    expect((await messageIn(bob, cId, answer.body.data.id))!.replyTo).toMatchObject({
      recalled: true,
      summary: '[已撤回]',
    });
    // Gone from search, and (after the server folds its log back) from the database file itself.
    expect((await t.get(`/api/search?q=${encodeURIComponent('蓝鲸出没')}`, bob.token)).body.data).toEqual([]);
    await Promise.all([aliceLive.close(), bobLive.close()]);
  });

  it('withdraws the offline copy nobody picked up yet', async () => {
    const dave = await t.signUp('dave');
    const toDave = await openWindow(alice, dave);
    const sent = await say(alice, toDave, '你还没上线');
    const count = async () =>
      (await t.get(`/app-id/JH/users/dave/offline_msg_count`, APP_TOKEN)).body.data.dave as number;
    expect(await count()).toBe(1);
    expect((await t.post(`/api/chat/${toDave}/messages/${sent.id}/recall`, {}, alice.token)).status).toBe(200);
    expect(await count()).toBe(0);
    expect((await t.get('/offlineMessages', dave.token)).body.messages).toEqual([]);
  });

  it('is for the sender only (403), within two minutes (409), and a repeat changes nothing', async () => {
    const sent = await say(alice, cId, '撤回试验');
    expect((await t.post(`/api/chat/${cId}/messages/${sent.id}/recall`, {}, bob.token)).status).toBe(403);
    const late = await later(2 * 60_000 + 1, () =>
      t.post(`/api/chat/${cId}/messages/${sent.id}/recall`, {}, alice.token),
    );
    expect(late.status, late.text).toBe(409);
    expect((await t.post(`/api/chat/${cId}/messages/${sent.id}/recall`, {}, alice.token)).status).toBe(200);
    expect((await t.post(`/api/chat/${cId}/messages/${sent.id}/recall`, {}, alice.token)).status).toBe(200);
    expect((await t.post(`/api/chat/${cId}/messages/${sent.id}/recall`, {}, carol.token)).status).toBe(404);
  });
});

describe('edit', () => {
  it('changes the text within 24 hours, marks it edited, and search follows', async () => {
    const bobLive = await RealtimeClient.connect(t.url, bob.token);
    const sent = await say(alice, cId, '周五交付鹦鹉螺');
    const edit = await t.request('PATCH', `/api/chat/${cId}/messages/${sent.id}`, {
      token: alice.token,
      body: { message: '周六交付海豚湾' },
    });
    expect(edit.status, edit.text).toBe(200);
    expect(edit.body.data.message).toBe('周六交付海豚湾');
    expect(edit.body.data.editedAt).toEqual(expect.any(Number));
    expect((await bobLive.next('message.updated', (d) => d.id === sent.id)).data.message).toBe('周六交付海豚湾');
    const search = async (q: string) => (await t.get(`/api/search?q=${encodeURIComponent(q)}`, bob.token)).body.data;
    expect(await search('鹦鹉螺')).toEqual([]);
    expect((await search('海豚湾')).map((hit: { id: number }) => hit.id)).toEqual([sent.id]);
    await bobLive.close();
  });

  it('is for the sender (403), text only (422), within 24 hours (409)', async () => {
    const sent = await say(alice, cId, '原文');
    const patch = (who: Account) =>
      t.request('PATCH', `/api/chat/${cId}/messages/${sent.id}`, { token: who.token, body: { message: '改' } });
    expect((await patch(bob)).status).toBe(403);
    expect((await later(24 * 3600_000 + 1, () => patch(alice))).status).toBe(409);
    expect(
      (await t.request('PATCH', `/api/chat/${cId}/messages/${sent.id}`, { token: alice.token, body: { message: '' } }))
        .status,
    ).toBe(422);
  });
});

describe('reactions', () => {
  it('counts each emoji once per person, with who reacted, and takes it off again', async () => {
    const sent = await say(bob, cId, '好消息');
    const react = (who: Account, emoji: string, method = 'PUT') =>
      t.request(method, `/api/chat/${cId}/messages/${sent.id}/reactions/${encodeURIComponent(emoji)}`, {
        token: who.token,
      });
    expect((await react(alice, '👍')).status).toBe(200);
    await react(alice, '👍');
    const both = await react(bob, '👍');
    expect(both.body.data.reactions).toEqual([{ emoji: '👍', userIds: [alice.user.id, bob.user.id] }]);
    await react(alice, '👨‍👩‍👧');
    expect((await react(alice, '👍', 'DELETE')).body.data.reactions).toEqual([
      { emoji: '👍', userIds: [bob.user.id] },
      { emoji: '👨‍👩‍👧', userIds: [alice.user.id] },
    ]);
    expect((await messageIn(bob, cId, sent.id))!.reactions).toHaveLength(2);
    for (const notOne of ['ab', '👍👍', '1']) expect((await react(alice, notOne)).status, notOne).toBe(422);
    expect((await react(carol, '👍')).status).toBe(404);
  });
});

describe('delete for me', () => {
  it('hides a message from the caller on every device, and from nobody else', async () => {
    const aliceOther = await RealtimeClient.connect(t.url, alice.token);
    const sent = await say(bob, cId, '只删我这边');
    const reply = await t.request('DELETE', `/api/chat/${cId}/messages/${sent.id}`, { token: alice.token });
    expect(reply.status, reply.text).toBe(200);
    expect((await aliceOther.next('message.hidden', (d) => d.id === sent.id)).data).toEqual({ cId, id: sent.id });
    expect(await messageIn(alice, cId, sent.id)).toBeUndefined();
    expect(await messageIn(bob, cId, sent.id)).toBeDefined();
    const list = (await t.get('/api/chat?type=all&pageSize=100', alice.token)).body.data.list;
    expect(list.find((w: { id: number }) => w.id === cId).messages.map((m: { id: number }) => m.id)).not.toContain(
      sent.id,
    );
    // Pages stay full: a hidden message does not shorten one.
    expect(await history(alice, cId)).toHaveLength(Math.min(100, (await history(bob, cId)).length - 1));
    await aliceOther.close();
  });
});

describe('receipts that survive a reload', () => {
  it('carries delivery and read times on one-to-one messages, and lists them for the sender', async () => {
    const erin = await t.signUp('erin');
    const toErin = await openWindow(alice, erin);
    const sent = await say(alice, toErin, '在吗');
    const receipts = async () =>
      (await t.get(`/api/chat/${toErin}/messages/${sent.id}/receipts`, alice.token)).body.data;
    expect(await receipts()).toEqual({ read: [], delivered: [], pending: [erin.user.id] });
    await t.get('/offlineMessages', erin.token); // picking it up delivers it
    expect((await messageIn(alice, toErin, sent.id))!.deliveredAt).toEqual(expect.any(Number));
    expect((await receipts()).delivered).toEqual([{ userId: erin.user.id, at: expect.any(Number) }]);
    await t.post(`/api/chat/${toErin}/read`, { upTo: sent.id }, erin.token);
    expect(await messageIn(alice, toErin, sent.id)).toMatchObject({ readAt: expect.any(Number), readCount: null });
    expect((await receipts()).read).toEqual([{ userId: erin.user.id, at: expect.any(Number) }]);
    expect((await t.get(`/api/chat/${toErin}/messages/${sent.id}/receipts`, erin.token)).status).toBe(403);
  });
});

describe('files', () => {
  it('takes any file up to 50 MiB as a FILE message, served only as a download', async () => {
    const bytes = Buffer.from('%PDF-1.7 季度报告');
    const upload = await t.request('POST', `/api/attachments?name=${encodeURIComponent('季度报告.pdf')}`, {
      token: alice.token,
      raw: new Blob([new Uint8Array(bytes)]),
      headers: { 'content-type': 'application/pdf' },
    });
    expect(upload.status, upload.text).toBe(201);
    expect(upload.body.data).toMatchObject({
      mime: 'application/octet-stream',
      name: '季度报告.pdf',
      size: bytes.length,
    });
    const sent = await send(alice, cId, { type: 'FILE', attachmentId: upload.body.data.id });
    expect(sent.status, sent.text).toBe(201);
    expect(sent.body.data).toMatchObject({ type: 'FILE', fileName: '季度报告.pdf', imageSize: -1, voiceLength: -1 });
    const download = await fetch(`${t.url}/api/attachments/${upload.body.data.id}`, {
      headers: { authorization: `Bearer ${bob.token}` },
    });
    expect(download.headers.get('content-type')).toBe('application/octet-stream');
    expect(download.headers.get('content-disposition')).toMatch(
      /^attachment; filename="[0-9a-f]{24}\.bin"; filename\*=UTF-8''%E5%AD%A3/,
    );
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
    // The im dialect knows no FILE: it sees text naming the file.
    const im = await t.get(
      `/api/im/getNewestMsgListByLastTime?appid=JH&from=${bob.user.id}&to=${alice.user.id}&fromrole=MEMBER&lasttime=0`,
      bob.token,
    );
    expect(
      im.body.data.find((m: { _id: string; content: string }) => m.content === '[文件] 季度报告.pdf'),
    ).toMatchObject({
      type: 'TEXT',
      imageSize: -1,
      voiceLength: -1,
    });
  });

  it('refuses a file over 50 MiB with 413 and keeps nothing of it', async () => {
    const reply = await t.request('POST', '/api/attachments', {
      token: alice.token,
      raw: new Blob([new Uint8Array(50 * 1024 * 1024 + 1)]),
    });
    expect(reply.status).toBe(413);
    expect(reply.body).toEqual({ code: 413, msg: expect.any(String) });
  });
});

describe('erasure on disk', () => {
  it('leaves no trace of a recalled text in the database file or its search index', async () => {
    const secret = '绝密口令紫色独角兽';
    const sent = await say(alice, cId, secret);
    expect((await t.post(`/api/chat/${cId}/messages/${sent.id}/recall`, {}, alice.token)).status).toBe(200);
    // Fold the write-ahead log back so the database file is what is on disk.
    const db = new Database(join(t.dataDir, 'messenger.db'));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const file = readFileSync(join(t.dataDir, 'messenger.db'));
    const chars = [...secret];
    for (let i = 0; i + 3 <= chars.length; i++) {
      const trigram = chars.slice(i, i + 3).join('');
      expect(file.includes(Buffer.from(trigram)), trigram).toBe(false);
    }
    // The one-character index holds the text as characters separated by spaces.
    for (let i = 0; i + 2 <= chars.length; i++) {
      const pair = `${chars[i]} ${chars[i + 1]}`;
      expect(file.includes(Buffer.from(pair)), pair).toBe(false);
    }
  });
});

/** A project owned by `owner` whose group chat the others joined; its window id. */
async function groupOf(owner: Account, members: Account[]): Promise<{ windowId: number; projectId: string }> {
  const project = (await t.post('/api/projects', { name: `群聊 ${++clientIds}` }, owner.token)).body.data;
  for (const member of members) {
    await t.post(`/api/projects/${project.id}/invitations`, { userId: member.user.id, remark: '' }, owner.token);
    const offline = (await t.get('/offlineMessages/history', member.token)).body.messages;
    const invitation = offline.find(
      (m: { type: number; extraInfo: { projectId?: string } }) => m.type === 4 && m.extraInfo.projectId === project.id,
    );
    expect((await t.post(`/offlineMessages/${invitation.id}/accept`, {}, member.token)).status).toBe(200);
  }
  return { windowId: project.cId, projectId: project.id };
}

const windowOf = async (who: Account, windowId: number) =>
  (await t.get('/api/chat?type=group&pageSize=100', who.token)).body.data.list.find(
    (w: { id: number }) => w.id === windowId,
  );
const counts = async (who: Account) => (await t.get('/api/counts', who.token)).body.data;

describe('groups: system lines, mentions, read counts', () => {
  let frank: Account;
  let gina: Account;
  let owner: Account;
  let group: { windowId: number; projectId: string };

  beforeAll(async () => {
    [owner, frank, gina] = (await Promise.all(['owner', 'frank', 'gina'].map((name) => t.signUp(name)))) as [
      Account,
      Account,
      Account,
    ];
    group = await groupOf(owner, [frank, gina]);
  });

  it('writes joining into the group history as SYSTEM lines, never unread and never in the window list', async () => {
    const lines = (await history(owner, group.windowId)) as unknown as {
      type: string;
      system: string;
      fromId: number;
    }[];
    expect(lines.filter((m) => m.type === 'SYSTEM').map((m) => [m.system, m.fromId])).toEqual([
      ['joined', frank.user.id],
      ['joined', gina.user.id],
    ]);
    expect(await windowOf(owner, group.windowId)).toMatchObject({ unread: 0, messages: [], afterMessage: null });
  });

  it('writes leaving and removal too', async () => {
    const henry = await t.signUp('henry');
    const { windowId, projectId } = await groupOf(owner, [henry, frank]);
    await t.post(`/api/projects/${projectId}/leave`, {}, henry.token);
    await t.request('DELETE', `/api/projects/${projectId}/members/${frank.user.id}`, { token: owner.token });
    const lines = (await history(owner, windowId)) as unknown as { system: string | null; fromId: number }[];
    expect(lines.map((m) => [m.system, m.fromId]).slice(-2)).toEqual([
      ['left', henry.user.id],
      ['removed', frank.user.id],
    ]);
  });

  it('counts a mention for the mentioned member until they read it', async () => {
    const frankLive = await RealtimeClient.connect(t.url, frank.token);
    const sent = await send(gina, group.windowId, { message: '@frank 看一下', mentions: [frank.user.id] });
    expect(sent.status, sent.text).toBe(201);
    expect(sent.body.data.mentions).toEqual([frank.user.id]);
    const frame = await frankLive.next('counts', (c) => c.chatMentions === 1);
    expect(frame.data.windows).toContainEqual({ cId: group.windowId, unread: expect.any(Number), mentionUnread: 1 });
    expect(await windowOf(frank, group.windowId)).toMatchObject({ mentionUnread: 1 });
    expect((await counts(owner)).chatMentions).toBe(0);
    const read = await t.post(`/api/chat/${group.windowId}/read`, { upTo: sent.body.data.id }, frank.token);
    expect(read.body.data).toMatchObject({ unread: 0, mentionUnread: 0 });
    expect((await counts(frank)).chatMentions).toBe(0);
    expect(await windowOf(frank, group.windowId)).toMatchObject({ mentionUnread: 0, unread: 0 });
    await frankLive.close();
  });

  it('lets only the owner mention everyone, and only members be mentioned', async () => {
    expect((await send(gina, group.windowId, { message: '@所有人', mentions: ['all'] })).status).toBe(403);
    const all = await send(owner, group.windowId, { message: '@所有人 开会', mentions: ['all'] });
    expect(all.status, all.text).toBe(201);
    expect((await counts(frank)).chatMentions).toBe(1);
    expect((await counts(gina)).chatMentions).toBe(1);
    expect((await send(owner, group.windowId, { message: 'x', mentions: [carol.user.id] })).status).toBe(422);
    expect((await send(alice, cId, { message: 'x', mentions: [bob.user.id] })).status).toBe(422);
    // Recalling it takes the mention back.
    await t.post(`/api/chat/${group.windowId}/messages/${all.body.data.id}/recall`, {}, owner.token);
    expect((await counts(frank)).chatMentions).toBe(0);
  });

  it('counts the members who read a group message, and lists read, delivered and pending for its sender', async () => {
    const sent = await say(owner, group.windowId, '大家好');
    const receipts = async () =>
      (await t.get(`/api/chat/${group.windowId}/messages/${sent.id}/receipts`, owner.token)).body.data;
    // Members are listed by id; accounts made in parallel get theirs in any order.
    const byId = (ids: number[]) => [...ids].sort((a, b) => a - b);
    expect(await receipts()).toEqual({ read: [], delivered: [], pending: byId([frank.user.id, gina.user.id]) });
    const frankLive = await RealtimeClient.connect(t.url, frank.token);
    frankLive.send({ type: 'ack', ids: [sent.id] });
    frankLive.send({ type: 'ping' });
    await frankLive.next('pong');
    expect((await receipts()).delivered).toEqual([{ userId: frank.user.id, at: expect.any(Number) }]);
    await t.post(`/api/chat/${group.windowId}/read`, { upTo: sent.id }, gina.token);
    expect(await receipts()).toEqual({
      read: [{ userId: gina.user.id, at: expect.any(Number) }],
      delivered: [{ userId: frank.user.id, at: expect.any(Number) }],
      pending: [],
    });
    expect(await messageIn(owner, group.windowId, sent.id)).toMatchObject({
      readCount: 1,
      deliveredAt: null,
      readAt: null,
    });
    await frankLive.close();
  });

  it('lists each window with the messages its history shows: quotes, reactions, read counts, nothing hidden', async () => {
    const ivy = await t.signUp('ivy');
    const fresh = await groupOf(owner, [frank, ivy]);
    const first = await say(owner, fresh.windowId, '第一条');
    const answer = await send(ivy, fresh.windowId, { message: '回复第一条', replyTo: first.id });
    expect(answer.status, answer.text).toBe(201);
    const react = await t.request('PUT', `/api/chat/${fresh.windowId}/messages/${first.id}/reactions/%F0%9F%91%8D`, {
      token: frank.token,
    });
    expect(react.status, react.text).toBe(200);
    await t.post(`/api/chat/${fresh.windowId}/read`, { upTo: answer.body.data.id }, frank.token);
    const gone = await say(frank, fresh.windowId, '只删 owner 这边');
    expect(
      (await t.request('DELETE', `/api/chat/${fresh.windowId}/messages/${gone.id}`, { token: owner.token })).status,
    ).toBe(200);
    const direct = await openWindow(owner, ivy);
    const hello = await say(ivy, direct, '你好');
    expect((await send(owner, direct, { message: '你好呀', replyTo: hello.id })).status).toBe(201);

    // The list reads every window's messages together; the history reads one window: they agree.
    for (const [type, windowId] of [
      ['group', fresh.windowId],
      ['all', direct],
    ] as const) {
      const listed = (await t.get(`/api/chat?type=${type}&pageSize=100`, owner.token)).body.data.list.find(
        (w: { id: number }) => w.id === windowId,
      );
      const shown = ((await history(owner, windowId)) as unknown as { type: string }[]).filter(
        (m) => m.type !== 'SYSTEM',
      );
      expect(listed.messages).toEqual(shown);
    }
    const inGroup = (await windowOf(owner, fresh.windowId)).messages as Record<string, unknown>[];
    expect(inGroup.map((m) => m.id)).toEqual([first.id, answer.body.data.id]);
    // Ivy answered (so read it) and Frank read both: two readers of the first, one of the answer.
    expect(inGroup[0]).toMatchObject({ reactions: [{ emoji: '👍', userIds: [frank.user.id] }], readCount: 2 });
    expect(inGroup[1]).toMatchObject({ replyTo: { id: first.id, fromId: owner.user.id }, readCount: 1 });
  });
});
