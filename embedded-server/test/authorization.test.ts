import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_TOKEN, startTestServer, type TestServer } from './harness.js';

/**
 * Every endpoint that names a resource, called by a user the resource is not theirs:
 * refused in the dialect's own way, with nothing of it leaked and nothing changed.
 */
let t: TestServer;
let alice: { token: string; user: { id: number } };
let bob: { token: string; user: { id: number; userName: string } };
let carol: { token: string; user: { id: number } };
const SECRET = '只有鲍勃能看到的秘密';
const ids = { window: 0, project: '', task: '', notification: 0, offline: '' };

beforeAll(async () => {
  t = await startTestServer();
  alice = await t.signUp('alice');
  bob = await t.signUp('bob');
  carol = await t.signUp('carol');

  const window = (await t.post('/api/chat', { toId: bob.user.id }, carol.token)).body.data;
  ids.window = window.id;
  await t.post(
    `/api/chat/${window.id}/messages`,
    { message: SECRET, type: 'TEXT', clientMsgId: 'secret-1' },
    carol.token,
  );
  const project = (await t.post('/api/projects', { name: SECRET }, bob.token)).body.data;
  ids.project = project.id;
  ids.task = (await t.post(`/api/projects/${project.id}/tasks`, { name: SECRET }, bob.token)).body.data.id;
  await t.post(`/api/projects/${project.id}/invitations`, { userId: carol.user.id, remark: SECRET }, bob.token);
  await t.post(
    '/message/create',
    { title: SECRET, type: 1, subtype: 1, content: SECRET, params: null, user_id: bob.user.id },
    bob.token,
  );
  ids.notification = (await t.get('/message/unread', bob.token)).body.errdata.data[0].id;
  ids.offline = (await t.get('/offlineMessages/history', bob.token)).body.messages[0].id;
});
afterAll(() => t.close());

interface Attempt {
  method: string;
  path: () => string;
  body?: () => unknown;
  status: number;
}

const attempts: Attempt[] = [
  { method: 'GET', path: () => `/api/chat/${ids.window}/messages`, status: 404 },
  {
    method: 'POST',
    path: () => `/api/chat/${ids.window}/messages`,
    body: () => ({ message: 'intrusion', type: 'TEXT', clientMsgId: 'x-1' }),
    status: 404,
  },
  { method: 'POST', path: () => `/api/chat/${ids.window}/read`, body: () => ({ upTo: 1_000_000 }), status: 404 },
  { method: 'GET', path: () => `/api/projects/${ids.project}`, status: 404 },
  {
    method: 'POST',
    path: () => `/api/projects/${ids.project}/invitations`,
    body: () => ({ userId: alice.user.id }),
    status: 403,
  },
  {
    method: 'POST',
    path: () => `/api/projects/${ids.project}/tasks`,
    body: () => ({ name: 'intrusion' }),
    status: 403,
  },
  { method: 'DELETE', path: () => `/api/projects/${ids.project}/members/${carol.user.id}`, status: 404 },
  { method: 'POST', path: () => `/api/projects/${ids.project}/leave`, status: 404 },
  {
    method: 'POST',
    path: () => `/api/tasks/${ids.task}/invitations`,
    body: () => ({ userId: alice.user.id }),
    status: 403,
  },
  { method: 'POST', path: () => `/offlineMessages/${ids.offline}/accept`, status: 404 },
  { method: 'POST', path: () => `/offlineMessages/${ids.offline}/decline`, status: 404 },
  { method: 'GET', path: () => `/offlineMessages/history?before=${ids.offline}`, status: 422 },
  { method: 'GET', path: () => `/message/setread/${ids.notification}`, status: 422 },
  { method: 'POST', path: () => `/message/settodo/${ids.notification}`, status: 422 },
  { method: 'GET', path: () => `/message/setunread/${ids.notification}`, status: 422 },
  {
    method: 'GET',
    path: () =>
      `/api/im/getNewestMsgListByLastTime?appid=JH&from=${bob.user.id}&to=${carol.user.id}&fromrole=MEMBER&lasttime=0`,
    status: 403,
  },
  { method: 'GET', path: () => `/app-id/JH/users/${bob.user.userName}/offline_msg_count`, status: 401 },
];

describe('another user’s resources', () => {
  for (const attempt of attempts) {
    it(`${attempt.method} ${attempt.path.toString().replace(/^\(\) => /, '')} → ${attempt.status}`, async () => {
      const reply = await t.request(attempt.method, attempt.path(), { token: alice.token, body: attempt.body?.() });
      expect(reply.status, reply.text).toBe(attempt.status);
      expect(reply.text).not.toContain(SECRET);
    });
  }

  it('answers an id that does not exist exactly as it answers bob’s: existence is never revealed', async () => {
    const real = { ...ids };
    const unknown = {
      window: 999_999,
      project: 'f'.repeat(32),
      task: 'e'.repeat(32),
      notification: 999_999,
      offline: 'zzzzzzzzzzzz',
    };
    // The reply with either id named as `<id>`, and numbers (agora's timestamp, the ids) masked.
    const answer = async (attempt: Attempt, named: typeof ids) => {
      const reply = await t.request(attempt.method, attempt.path(), { token: alice.token, body: attempt.body?.() });
      let text = reply.text;
      for (const id of [named.project, named.task, named.offline]) text = text.replaceAll(id, '<id>');
      return `${reply.status} ${text.replace(/\d+/g, '#')}`;
    };
    for (const attempt of attempts) {
      const forBobs = await answer(attempt, real);
      Object.assign(ids, unknown);
      try {
        expect(await answer(attempt, unknown), `${attempt.method} ${attempt.path()}`).toBe(forBobs);
      } finally {
        Object.assign(ids, real);
      }
    }
  });

  it('left everything of bob’s as it was', async () => {
    const history = (await t.get(`/api/chat/${ids.window}/messages`, bob.token)).body.data;
    expect(history.map((m: { message: string }) => m.message)).toEqual([SECRET]);
    expect(history[0].status).toBe(false);
    const project = (await t.get(`/api/projects/${ids.project}`, bob.token)).body.data;
    expect(project.members.map((m: { user: { id: number } }) => m.user.id)).toEqual([bob.user.id]);
    expect(project.tasks).toHaveLength(1);
    const unread = (await t.get('/message/unread', bob.token)).body.errdata.data;
    expect(unread.map((n: { id: number }) => n.id)).toEqual([ids.notification]);
    const status = await t.get(`/app-id/JH/users/bob/offline_msg_status/${ids.offline}`, APP_TOKEN);
    expect(status.body.data[ids.offline]).toBe('undelivered');
    const carolsInvitation = (await t.get('/offlineMessages/history', carol.token)).body.messages.find(
      (m: { type: number }) => m.type === 4,
    );
    expect(carolsInvitation.dealt).toBe(false);
  });

  it('shows alice none of it in her own lists and counts', async () => {
    const lists = await Promise.all([
      t.get('/api/chat?type=all', alice.token),
      t.get('/api/chat?type=group', alice.token),
      t.get('/api/projects', alice.token),
      t.get('/offlineMessages/history', alice.token),
      t.get('/message/list', alice.token),
      t.get('/message/count', alice.token),
    ]);
    for (const reply of lists) {
      expect(reply.status).toBe(200);
      expect(reply.text).not.toContain(SECRET);
    }
    expect(lists[0]!.body.data.total).toBe(0);
    expect(lists[5]!.body.errdata.data.unread).toBe(0);
    const count = await t.get(`/app-id/JH/users/alice/offline_msg_count`, APP_TOKEN);
    expect(count.body.data).toEqual({ alice: 0 });
  });
});

describe('which token each endpoint takes', () => {
  // API.md: the agora endpoints take the app token ("high"); the user's own data needs the
  // user's token ("medium"); the im poll and notification creation take either.
  const appOnly = [
    () => `/app-id/JH/users/${bob.user.userName}/offline_msg_count`,
    () => `/app-id/JH/users/${bob.user.userName}/offline_msg_status/${ids.offline}`,
  ];
  const userOnly = [
    '/api/chat?type=all',
    '/api/me',
    '/api/counts',
    '/api/projects',
    '/offlineMessages/history',
    '/message/unread',
    '/message/count',
  ];

  it('refuses a user token where the app token is required (401)', async () => {
    for (const path of appOnly) {
      const reply = await t.get(path(), bob.token);
      expect(reply.status, path()).toBe(401);
      expect(reply.text).not.toContain(SECRET);
    }
  });

  it('refuses the app token where a user token is required (401)', async () => {
    for (const path of userOnly) {
      const reply = await t.get(path, APP_TOKEN);
      expect(reply.status, path).toBe(401);
      expect(reply.text).not.toContain(SECRET);
    }
  });

  it('takes either on the im poll, the app token for anyone', async () => {
    const poll = `/api/im/getNewestMsgListByLastTime?appid=JH&from=${carol.user.id}&to=${bob.user.id}&fromrole=MEMBER&lasttime=0`;
    expect((await t.get(poll, APP_TOKEN)).status).toBe(200);
    expect((await t.get(poll, carol.token)).status).toBe(200);
    expect((await t.get(poll, alice.token)).status).toBe(403);
  });
});
