import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TOKEN, storeRows, startTestServer, type Account, type TestServer } from './harness.js';
import { RealtimeClient } from './realtime-client.js';
import { INBOX_COUNTER_DRIFT, INVITATION_DEALT_DRIFT, UNREAD_COUNTER_RECOUNT } from './recounts.js';
import type { ScenarioWire } from '../src/contract/scenario.js';

/** API.md §3c "Scenario" over real HTTP: a workspace in one request, as if people had built it. */
/* eslint-disable @typescript-eslint/no-explicit-any -- replies are read freely, as in the other tests */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ allowReset: true });
});
afterAll(() => t.close());

const PASSWORD = 'password-123';
const scenario = (body: ScenarioWire, token: string | null = APP_TOKEN) => t.post('/api/admin/scenario', body, token);
const login = async (server: TestServer, username: string): Promise<Account> =>
  (await server.post('/api/auth/login', { username, password: PASSWORD })).body.data;

/**
 * A small workspace: two chats (one answered, one read), a project with a member, a task
 * taken through an invitation, an invitation still waiting, a group chat, a pick-up of
 * offline messages and notifications in all three states. With no times, everything
 * happens now, in the order of API.md's lists.
 */
const WORKSPACE: ScenarioWire = {
  users: [
    { username: 'alice', password: PASSWORD, nickname: '爱丽丝' },
    { username: 'bob', password: PASSWORD, nickname: '鲍勃', role: 'SALER' },
    { username: 'carol', password: PASSWORD, nickname: '卡罗尔' },
  ],
  windows: [
    { key: 'ab', from: 'alice', to: 'bob' },
    { key: 'ca', from: 'carol', to: 'alice' },
  ],
  projects: [{ key: 'p', name: '官网', owner: 'alice', members: ['bob'] }],
  tasks: [{ key: 'task', project: 'p', name: '首页', by: 'alice' }],
  invitations: [
    { key: 'take', task: 'task', from: 'alice', to: 'bob', remark: '你来', answer: 'accept' },
    { key: 'join', project: 'p', from: 'alice', to: 'carol', remark: '来帮忙' },
  ],
  messages: [
    { key: 'm1', window: 'ab', from: 'alice', message: '在吗？' },
    { key: 'm2', window: 'ab', from: 'alice', message: '报价单发我一下' },
    { key: 'm3', window: 'ab', from: 'bob', message: '马上发' },
    { key: 'm4', window: 'ca', from: 'carol', message: '周五见' },
    { key: 'g1', project: 'p', from: 'alice', message: '项目群建好了' },
    { key: 'g2', project: 'p', from: 'bob', message: '收到' },
    { key: 'g3', project: 'p', from: 'alice', message: '周四评审' },
  ],
  reads: [{ user: 'alice', window: 'ca' }],
  pickups: [{ user: 'bob' }],
  notifications: [
    { key: 'n1', user: 'alice', title: '任务提醒', content: '首页视觉稿', type: 1, subtype: 1 },
    { key: 'n2', user: 'alice', title: '审批结果', content: '已通过', type: 2, subtype: 2, status: '1' },
    { key: 'n3', user: 'alice', title: '日程', content: '周会', type: 4, subtype: 1, params: '{"id":1}', status: '2' },
    { key: 'n4', user: 'bob', title: '系统维护', content: '今晚', type: 7, subtype: 0 },
  ],
};

/** The same workspace, built step by step through the public endpoints, in the same order. */
async function buildByHand(server: TestServer): Promise<void> {
  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const reply = await server.request(method, path, { token, body });
    expect(reply.status, `${method} ${path}: ${reply.text}`).toBeLessThan(300);
    return reply.body;
  };
  const who: Record<string, Account> = {};
  for (const { username, nickname, role } of WORKSPACE.users!) {
    who[username] = (
      await call('POST', '/api/auth/register', APP_TOKEN, { username, password: PASSWORD, nickname, role })
    ).data;
  }
  const { alice, bob, carol } = who as Record<'alice' | 'bob' | 'carol', Account>;
  const offline = async (user: Account, type: number) =>
    (await call('GET', '/offlineMessages/history?limit=100', user.token)).messages.find(
      (m: any) => m.type === type && !m.dealt,
    );
  const ab = (await call('POST', '/api/chat', alice.token, { toId: bob.user.id })).data.id;
  const ca = (await call('POST', '/api/chat', carol.token, { toId: alice.user.id })).data.id;
  const project = (await call('POST', '/api/projects', alice.token, { name: '官网' })).data;
  await call('POST', `/api/projects/${project.id}/invitations`, alice.token, { userId: bob.user.id, remark: '' });
  await call('POST', `/offlineMessages/${(await offline(bob, 4)).id}/accept`, bob.token);
  const task = (await call('POST', `/api/projects/${project.id}/tasks`, alice.token, { name: '首页' })).data;
  await call('POST', `/api/tasks/${task.id}/invitations`, alice.token, { userId: bob.user.id, remark: '你来' });
  await call('POST', `/api/projects/${project.id}/invitations`, alice.token, {
    userId: carol.user.id,
    remark: '来帮忙',
  });
  await call('POST', `/offlineMessages/${(await offline(bob, 7)).id}/accept`, bob.token);
  let n = 0;
  const say = (user: Account, cId: number, message: string) =>
    call('POST', `/api/chat/${cId}/messages`, user.token, { message, clientMsgId: `by-hand-${++n}` });
  await say(alice, ab, '在吗？');
  await say(alice, ab, '报价单发我一下');
  await say(bob, ab, '马上发');
  await say(carol, ca, '周五见');
  await say(alice, project.cId, '项目群建好了');
  await say(bob, project.cId, '收到');
  await say(alice, project.cId, '周四评审');
  await call('POST', `/api/chat/${ca}/read`, alice.token, { upTo: Number.MAX_SAFE_INTEGER });
  await call('GET', '/offlineMessages', bob.token);
  for (const { user, title, content, type, subtype, params, status } of WORKSPACE.notifications!) {
    const owner = who[user]!;
    await call('POST', '/message/create', APP_TOKEN, { title, content, type, subtype, params, user_id: owner.user.id });
    if (status === undefined) continue;
    const [created] = (await call('GET', '/message/list?limit=1', owner.token)).errdata.data;
    await call('POST', `/message/${status === '1' ? 'setread' : 'settodo'}/${created.id}`, owner.token);
  }
}

/** What each user sees, in terms that do not depend on ids or times. */
async function stateOf(server: TestServer, usernames: string[]) {
  const state: Record<string, unknown> = {};
  for (const username of usernames) {
    const { token } = await login(server, username);
    const windows = async (type: string) =>
      (await server.get(`/api/chat?type=${type}&page=1&pageSize=100`, token)).body.data.list.map((w: any) => ({
        with: w.group?.name ?? w.user.userName,
        unread: w.unread,
        mentionUnread: w.mentionUnread,
        messages: w.messages.map((m: any) => [m.message, m.status, m.fromId === w.user?.id]),
      }));
    state[username] = {
      counts: (await server.get('/api/counts', token)).body.data,
      inbox: (await server.get('/message/count', token)).body.errdata.data,
      direct: await windows('all'),
      groups: await windows('group'),
      offlineWaiting: (await server.get(`/app-id/JH/users/${username}/offline_msg_count`, APP_TOKEN)).body.data,
      offline: (await server.get('/offlineMessages/history?limit=100', token)).body.messages.map((m: any) => [
        m.type,
        m.msg,
        m.dealt,
      ]),
      projects: (await server.get('/api/projects', token)).body.data.map((p: any) => p.name),
    };
  }
  return state;
}

/** Rows where a stored counter disagrees with a recount from the rows it counts. */
async function drift(server: TestServer) {
  return {
    unread: await storeRows(
      server.server,
      `SELECT * FROM (${UNREAD_COUNTER_RECOUNT}) recount WHERE unread_count <> recount`,
    ),
    inbox: await storeRows(server.server, INBOX_COUNTER_DRIFT),
    invitations: await storeRows(server.server, INVITATION_DEALT_DRIFT),
  };
}

/** How many rows each table holds. */
async function rowCounts(server: TestServer) {
  const tables = await storeRows<{ name: string }>(
    server.server,
    server.server.ctx.store.engine === 'sqlite'
      ? "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
      : "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'",
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables)
    counts[name] = (await storeRows<{ n: number }>(server.server, `SELECT count(*) AS n FROM "${name}"`))[0]!.n;
  return counts;
}

describe('POST /api/admin/scenario', () => {
  it('builds the same state as the same steps taken through the public endpoints', async () => {
    const reply = await scenario(WORKSPACE);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toMatchObject({ code: 0, msg: 'success' });

    const byHand = await startTestServer();
    try {
      await buildByHand(byHand);
      const usernames = ['alice', 'bob', 'carol'];
      const built = await stateOf(t, usernames);
      expect(built).toEqual(await stateOf(byHand, usernames));
      // Not an empty comparison: the workspace has something in every place looked at.
      expect(built.alice).toMatchObject({
        counts: { chatUnread: 1, inboxUnread: 1, inboxTodo: 1, invitationsPending: 0 },
        inbox: { unread: 1, todo: 1, read: 1 },
      });
      // Bob answered Alice, then she wrote in the group again.
      expect(built.bob).toMatchObject({ counts: { chatUnread: 1 }, offlineWaiting: { bob: 0 }, projects: ['官网'] });
      expect(built.carol).toMatchObject({ counts: { invitationsPending: 1 }, offlineWaiting: { carol: 1 } });
      expect(await drift(t)).toEqual({ unread: [], inbox: [], invitations: [] });
      expect(await drift(byHand)).toEqual({ unread: [], inbox: [], invitations: [] });
    } finally {
      await byHand.close();
    }
  });

  it('answers ids that work with the other endpoints', async () => {
    const { data } = (
      await scenario({
        users: [
          { username: 'dave', password: PASSWORD, nickname: '戴夫' },
          { username: 'erin', password: PASSWORD, nickname: '艾琳' },
        ],
        windows: [{ key: 'de', from: 'dave', to: 'erin' }],
        projects: [{ key: 'p', name: '年会', owner: 'dave' }],
        tasks: [{ key: 't', project: 'p', name: '节目单', by: 'dave' }],
        invitations: [{ key: 'i', project: 'p', from: 'dave', to: 'erin' }],
        messages: [{ key: 'hi', window: 'de', from: 'dave', message: '你好' }],
        notifications: [{ key: 'n', user: 'erin', title: '提醒', content: '', type: 7, subtype: 0 }],
      })
    ).body;
    const dave = await login(t, 'dave');
    const erin = await login(t, 'erin');
    expect(data.users).toEqual({ dave: dave.user.id, erin: erin.user.id });
    const history = (await t.get(`/api/chat/${data.windows.de}/messages`, erin.token)).body.data;
    expect(history.map((m: any) => [m.id, m.message])).toEqual([[data.messages.hi, '你好']]);
    const project = (await t.get(`/api/projects/${data.projects.p}`, dave.token)).body.data;
    expect(project.tasks.map((task: any) => task.id)).toEqual([data.tasks.t]);
    expect((await t.post(`/offlineMessages/${data.invitations.i}/accept`, {}, erin.token)).status).toBe(200);
    expect((await t.get(`/api/projects/${data.projects.p}`, erin.token)).status).toBe(200);
    expect((await t.post(`/message/setread/${data.notifications.n}`, {}, erin.token)).body.errcode).toBe(0);
    expect((await t.get('/message/count', erin.token)).body.errdata.data).toMatchObject({ unread: 0, read: 1 });
  });

  it('places things at the times given, epoch milliseconds or relative to the server’s clock', async () => {
    const now = Date.UTC(2026, 2, 10, 12, 0, 0);
    await t.post('/api/admin/clock', { now, frozen: true }, APP_TOKEN);
    try {
      const { data } = (
        await scenario({
          users: [
            { username: 'frank', password: PASSWORD, nickname: '弗兰克' },
            { username: 'grace', password: PASSWORD, nickname: '格蕾丝' },
          ],
          windows: [{ key: 'fg', from: 'frank', to: 'grace' }],
          messages: [
            { key: 'late', window: 'fg', from: 'grace', message: '后到', at: '-1d-2h+30m' },
            { key: 'early', window: 'fg', from: 'frank', message: '先到', at: now - 2 * 86_400_000 },
          ],
        })
      ).body;
      const { token } = await login(t, 'frank');
      const history = (await t.get(`/api/chat/${data.windows.fg}/messages`, token)).body.data;
      // In time order, whatever the order listed; the answer read the earlier one.
      expect(history.map((m: any) => [m.id, m.created_at, m.status])).toEqual([
        [data.messages.early, '2026-03-08T12:00:00.000Z', true],
        [data.messages.late, '2026-03-09T10:30:00.000Z', false],
      ]);
      const [window] = (await t.get('/api/chat?type=all&page=1&pageSize=10', token)).body.data.list;
      expect(window.created_at).toBe('2026-03-09T10:30:00.000Z');
    } finally {
      await t.request('DELETE', '/api/admin/clock', { token: APP_TOKEN });
    }
  });

  it('tells the people concerned who are online, after the commit', async () => {
    const { data } = (await scenario({ users: [{ username: 'heidi', password: PASSWORD, nickname: '海蒂' }] })).body;
    const heidi = await login(t, 'heidi');
    const live = await RealtimeClient.connect(t.url, heidi.token);
    try {
      const reply = await scenario({
        users: [{ username: 'ivan', password: PASSWORD, nickname: '伊万' }],
        windows: [{ key: 'ih', from: 'ivan', to: 'heidi' }],
        messages: [{ key: 'm', window: 'ih', from: 'ivan', message: '在线吗' }],
      });
      const pushed = await live.next('message.new');
      expect(pushed.data).toMatchObject({ id: reply.body.data.messages.m, message: '在线吗', toId: data.users.heidi });
      // Pushed to a live connection, so no offline copy waits.
      expect((await t.get('/app-id/JH/users/heidi/offline_msg_count', APP_TOKEN)).body.data.heidi).toBe(0);
    } finally {
      await live.close();
    }
  });

  describe('a bad scenario creates nothing', () => {
    const valid = (): ScenarioWire => ({
      users: [
        { username: 'judy', password: PASSWORD, nickname: '朱迪' },
        { username: 'ken', password: PASSWORD, nickname: '肯' },
      ],
      windows: [{ key: 'jk', from: 'judy', to: 'ken' }],
      projects: [{ key: 'p', name: '项目', owner: 'judy', members: ['ken'] }],
      messages: [
        { key: 'a', window: 'jk', from: 'judy', message: '一' },
        { key: 'b', project: 'p', from: 'ken', message: '二' },
      ],
      notifications: [{ key: 'n', user: 'ken', title: '通知', content: '', type: 7, subtype: 0 }],
    });
    const bad: [string, number, RegExp, (s: ScenarioWire) => void][] = [
      ['an unknown username', 422, /messages\[1\]: no user nobody/, (s) => (s.messages![1]!.from = 'nobody')],
      ['an unknown window key', 422, /no window kj/, (s) => (s.messages![0]!.window = 'kj')],
      ['an unknown project key', 422, /no project q/, (s) => (s.messages![1]!.project = 'q')],
      [
        'a project used before it is made',
        422,
        /the project p is made only later/,
        (s) => {
          s.projects![0]!.at = '-1h';
          s.messages![1]!.at = '-2h';
        },
      ],
      ['a key used twice', 422, /the key a is used twice/, (s) => (s.messages![1]!.key = 'a')],
      ['a time in the future', 422, /in the future/, (s) => (s.messages![0]!.at = '+1h')],
      ['a window and a project at once', 422, /either window or project/, (s) => (s.messages![0]!.project = 'p')],
      ['a non-member writing in a group', 422, /messages\[1\]/, (s) => (s.projects![0]!.members = [])],
      ['a taken username', 409, /alice is taken/, (s) => (s.users![1]!.username = 'alice')],
      ['a rule of the domain', 422, /subtype/, (s) => (s.notifications![0]!.subtype = 5)],
      ['a malformed relative time', 422, /at/, (s) => (s.messages![0]!.at = 'yesterday')],
    ];

    it.each(bad)('%s: %i in the extensions’ format, and not a row written', async (_, status, reason, spoil) => {
      await scenario({ users: [{ username: 'alice', password: PASSWORD, nickname: '爱丽丝' }] });
      const before = await rowCounts(t);
      const body = valid();
      spoil(body);
      const reply = await scenario(body);
      expect(reply.status, reply.text).toBe(status);
      expect(reply.body).toEqual({ code: status, msg: expect.stringMatching(reason) });
      expect(await rowCounts(t)).toEqual(before);
      // The valid scenario still goes through: nothing of the failed one is in its way.
      expect((await scenario(valid())).status).toBe(200);
      await t.post('/api/admin/reset', {}, APP_TOKEN);
    });

    it('stops a scenario that would write too much (an offline copy per member away, per message): 422', async () => {
      const users = Array.from({ length: 60 }, (_, i) => ({
        username: `crowd${i}`,
        password: PASSWORD,
        nickname: '群众',
      }));
      const before = await rowCounts(t);
      const reply = await scenario({
        users,
        projects: [{ key: 'p', name: '大群', owner: 'crowd0', members: users.slice(1).map((u) => u.username) }],
        messages: Array.from({ length: 2000 }, (_, i) => ({
          key: `m${i}`,
          project: 'p',
          from: 'crowd0',
          message: '刷屏',
        })),
      });
      expect(reply.status, reply.text).toBe(422);
      expect(reply.body.msg).toMatch(/messages\[\d+\]: the scenario writes more than 100000 rows/);
      expect(await rowCounts(t)).toEqual(before);
    }, 120_000); // 100,000 rows, one statement each: PostgreSQL over a socket takes tens of seconds

    it('sends no event of what was undone', async () => {
      await scenario({ users: [{ username: 'judy', password: PASSWORD, nickname: '朱迪' }] });
      const judy = await login(t, 'judy');
      const live = await RealtimeClient.connect(t.url, judy.token);
      try {
        const reply = await scenario({
          users: [{ username: 'ken', password: PASSWORD, nickname: '肯' }],
          windows: [{ key: 'kj', from: 'ken', to: 'judy' }],
          messages: [
            { key: 'a', window: 'kj', from: 'ken', message: '一' },
            { key: 'b', window: 'kj', from: 'nobody', message: '二' },
          ],
        });
        expect(reply.status).toBe(422);
        live.send({ type: 'ping' });
        await live.next('pong');
        expect(live.frames.map((f) => f.type)).toEqual(['ready', 'counts', 'pong']);
      } finally {
        await live.close();
        await t.post('/api/admin/reset', {}, APP_TOKEN);
      }
    });
  });

  it('is for the app token only: no token or a user’s token is 401', async () => {
    await scenario({ users: [{ username: 'mallory', password: PASSWORD, nickname: '马洛里' }] });
    const mallory = await login(t, 'mallory');
    const attempt = { users: [{ username: 'oscar', password: PASSWORD, nickname: '奥斯卡' }] };
    for (const token of [null, mallory.token, 'not-a-token']) {
      const reply = await scenario(attempt, token);
      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({ code: 401 });
    }
    expect((await t.post('/api/auth/login', { username: 'oscar', password: PASSWORD })).status).toBe(401);
  });

  it('bounds the work of one request and is described in the OpenAPI document', async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ username: `u${i}xx`, password: PASSWORD, nickname: 'x' }));
    const reply = await scenario({ users: many });
    expect(reply.status).toBe(422);
    expect(reply.body.code).toBe(422);
    const openapi = (await t.get('/api/openapi.json')).body;
    const body = openapi.paths['/api/admin/scenario'].post.requestBody.content['application/json'].schema;
    expect(body.properties.messages.maxItems).toBe(2000);
    expect(Object.keys(body.properties)).toEqual(
      expect.arrayContaining(['users', 'windows', 'messages', 'notifications', 'projects', 'invitations']),
    );
  });
});

describe('without --allow-reset', () => {
  it('has no scenario route: 404', async () => {
    const plain = await startTestServer();
    try {
      const reply = await plain.post('/api/admin/scenario', { users: [] }, APP_TOKEN);
      expect(reply.status).toBe(404);
      expect(reply.body).toMatchObject({ code: 404 });
    } finally {
      await plain.close();
    }
  });
});
