import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TOKEN, storeRows, startTestServer, type Account, type TestServer } from './harness.js';
import { RealtimeClient } from './realtime-client.js';
import { UNREAD_COUNTER_RECOUNT } from './recounts.js';

/**
 * Answering in a window means having read it: a send marks read, for its sender, every
 * earlier message addressed to them there, with the receipts and events a read gives.
 */
let t: TestServer;
let accounts = 0;
let clientIds = 0;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const newUser = (name: string): Promise<Account> => t.signUp(`${name}${++accounts}`);

async function say(who: Account, cId: number, message: string): Promise<{ id: number }> {
  const reply = await t.post(`/api/chat/${cId}/messages`, { message, clientMsgId: `r-${++clientIds}` }, who.token);
  expect(reply.status, reply.text).toBe(201);
  return reply.body.data;
}

async function windowOf(who: Account, cId: number, type: 'all' | 'group') {
  const list = (await t.get(`/api/chat?type=${type}&page=1&pageSize=50`, who.token)).body.data.list;
  return list.find((w: { id: number }) => w.id === cId) as { unread: number; mentionUnread: number };
}

describe('sending marks the window read for the sender', () => {
  it('in a one-to-one window: the earlier messages are read, their sender is told, the copies waiting offline go', async () => {
    const lisi = await newUser('lisi');
    const chenqi = await newUser('chenqi');
    const cId = (await t.post('/api/chat', { toId: chenqi.user.id }, lisi.token)).body.data.id;
    const first = await say(lisi, cId, '回访名单的模板发我一份？');
    const second = await say(lisi, cId, '今天要用');
    expect((await windowOf(chenqi, cId, 'all')).unread).toBe(2);
    const offlineCount = async () =>
      (await t.get(`/app-id/JH/users/${chenqi.user.userName}/offline_msg_count`, APP_TOKEN)).body.data[
        chenqi.user.userName
      ];
    expect(await offlineCount()).toBe(2);

    const lisiLive = await RealtimeClient.connect(t.url, lisi.token);
    try {
      const reply = await say(chenqi, cId, '已发到你邮箱了');
      expect((await lisiLive.next('message.new')).data.id).toBe(reply.id);
      // Events go out in commit order: the read, then the reply it came with.
      const told = lisiLive.frames.filter((f) => f.type === 'message.read' || f.type === 'message.new');
      expect(told.map((f) => f.type)).toEqual(['message.read', 'message.new']);
      expect(told[0]!.data).toEqual({ cId, upTo: second.id, userId: chenqi.user.id });
    } finally {
      lisiLive.close();
    }

    expect((await windowOf(chenqi, cId, 'all')).unread).toBe(0);
    const history = (await t.get(`/api/chat/${cId}/messages`, lisi.token)).body.data;
    for (const id of [first.id, second.id]) {
      const message = history.find((m: { id: number }) => m.id === id);
      expect(message.readAt, `message ${id}`).not.toBeNull();
      expect(message.status).toBe(true);
      const receipts = (await t.get(`/api/chat/${cId}/messages/${id}/receipts`, lisi.token)).body.data;
      expect(receipts.read.map((r: { userId: number }) => r.userId)).toEqual([chenqi.user.id]);
    }
    expect(await offlineCount()).toBe(0);
    // The reply itself is lisi's to read.
    expect((await windowOf(lisi, cId, 'all')).unread).toBe(1);
  });

  it('in a group: the member who posts last has nothing unread there, and the others’ messages count them as readers', async () => {
    const owner = await newUser('zhangsan');
    const member = await newUser('lisi');
    const project = (await t.post('/api/projects', { name: '新版官网改版' }, owner.token)).body.data;
    await t.post(`/api/projects/${project.id}/invitations`, { userId: member.user.id, remark: '' }, owner.token);
    const invitation = (await t.get('/offlineMessages/history', member.token)).body.messages.find(
      (m: { type: number }) => m.type === 4,
    );
    expect((await t.post(`/offlineMessages/${invitation.id}/accept`, {}, member.token)).status).toBe(200);
    const cId = project.cId as number;
    const said = [await say(owner, cId, '视觉稿初版已上传'), await say(owner, cId, '欢迎提意见')];
    const mention = await t.post(
      `/api/chat/${cId}/messages`,
      { message: '@李四 你来主持', clientMsgId: `r-${++clientIds}`, mentions: [member.user.id] },
      owner.token,
    );
    expect(mention.status, mention.text).toBe(201);
    expect(await windowOf(member, cId, 'group')).toMatchObject({ unread: 3, mentionUnread: 1 });

    await say(member, cId, '👍 看起来很清爽');
    expect(await windowOf(member, cId, 'group')).toMatchObject({ unread: 0, mentionUnread: 0 });
    const history = (await t.get(`/api/chat/${cId}/messages`, owner.token)).body.data;
    for (const { id } of [...said, mention.body.data])
      expect(history.find((m: { id: number }) => m.id === id).readCount, `message ${id}`).toBe(1);
  });

  it('changes nothing else when the sender had nothing unread, and keeps the stored counters true', async () => {
    const a = await newUser('wangwu');
    const b = await newUser('zhaoliu');
    const cId = (await t.post('/api/chat', { toId: b.user.id }, a.token)).body.data.id;
    await say(a, cId, '年会节目报名截止到什么时候？');
    const aLive = await RealtimeClient.connect(t.url, a.token);
    try {
      await say(a, cId, '顺便问一下场地');
      await aLive.next('message.new');
      expect(aLive.frames.filter((f) => f.type === 'message.read')).toEqual([]);
    } finally {
      aLive.close();
    }
    const drift = await storeRows(
      t.server,
      `SELECT * FROM (${UNREAD_COUNTER_RECOUNT}) recount WHERE unread_count <> recount`,
    );
    expect(drift).toEqual([]);
  });
});
