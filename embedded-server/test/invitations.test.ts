import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  APP_TOKEN,
  keysOf,
  OFFLINE_KEYS,
  type OfflineMessage,
  type Reply,
  storeRows,
  startTestServer,
  type TestServer,
} from './harness.js';
import { RealtimeClient } from './realtime-client.js';
import { INBOX_COUNTER_DRIFT, INVITATION_DEALT_DRIFT } from './recounts.js';

/**
 * Invitations past their first answer: one assignee per task, states the inviter can manage,
 * the decline the inviter hears of (and its undo), the member picker, and live project pages.
 */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ allowReset: true });
});
afterEach(() => t.request('DELETE', '/api/admin/clock', { token: APP_TOKEN }));
afterAll(() => t.close());

const UNKNOWN_HEX_ID = '0123456789abcdef0123456789abcdef';
const UNKNOWN_OFFLINE_ID = 'zzzzzzzzzzzz';
const INVITATION_KEYS = [
  'id',
  'kind',
  'projectId',
  'projectName',
  'taskId',
  'taskName',
  'from',
  'to',
  'remark',
  'state',
  'createdAt',
  'answeredAt',
];

let accounts = 0;
const newAccount = async (label: string): Promise<Account> => t.signUp(`iv${++accounts}_${label}`);

function expectOk(reply: Reply, status = 200) {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.body.code, reply.text).toBe(0);
}

function expectError(reply: Reply, status: number, msg?: string) {
  expect(reply.status, reply.text).toBe(status);
  expect(keysOf(reply.body)).toEqual(['code', 'msg']);
  if (msg !== undefined) expect(reply.body.msg).toBe(msg);
}

/** Every offline message of the account, newest first (the history extension). */
async function history(account: Account): Promise<(OfflineMessage & { state?: string })[]> {
  const reply = await t.get('/offlineMessages/history?limit=100', account.token);
  expect(reply.status, reply.text).toBe(200);
  return reply.body.messages;
}

const offlineById = async (account: Account, id: string) => (await history(account)).find((m) => m.id === id)!;

/** The account's newest offline message of a type. */
const newest = async (account: Account, type: number) => (await history(account)).find((m) => m.type === type)!;

const answer = (account: Account, id: string, choice: 'accept' | 'decline' | 'undo') =>
  t.post(`/offlineMessages/${id}/${choice}`, undefined, account.token);

const pendingCount = async (account: Account): Promise<number> =>
  (await t.get('/api/counts', account.token)).body.data.invitationsPending;

async function createProject(owner: Account): Promise<{ id: string; name: string }> {
  const reply = await t.post('/api/projects', { name: `项目 ${accounts}` }, owner.token);
  expectOk(reply, 201);
  return reply.body.data;
}

/** Invites to the project and answers the invitee's type 4 offline message. */
async function inviteToProject(inviter: Account, pid: string, invitee: Account, remark = ''): Promise<OfflineMessage> {
  expectOk(await t.post(`/api/projects/${pid}/invitations`, { userId: invitee.user.id, remark }, inviter.token), 201);
  return newest(invitee, 4);
}

async function projectWith(owner: Account, ...members: Account[]) {
  const project = await createProject(owner);
  for (const member of members)
    expect((await answer(member, (await inviteToProject(owner, project.id, member)).id, 'accept')).status).toBe(200);
  return project;
}

async function publishTask(publisher: Account, pid: string, name = '任务'): Promise<{ id: string; name: string }> {
  const reply = await t.post(`/api/projects/${pid}/tasks`, { name }, publisher.token);
  expectOk(reply, 201);
  return reply.body.data;
}

const inviteToTaskReply = (inviter: Account, mid: string, invitee: Account) =>
  t.post(`/api/tasks/${mid}/invitations`, { userId: invitee.user.id, remark: '交给你' }, inviter.token);

async function inviteToTask(inviter: Account, mid: string, invitee: Account): Promise<OfflineMessage> {
  expectOk(await inviteToTaskReply(inviter, mid, invitee), 201);
  return newest(invitee, 7);
}

const assigneeOf = async (account: Account, pid: string, mid: string) =>
  (await t.get(`/api/projects/${pid}`, account.token)).body.data.tasks.find((x: { id: string }) => x.id === mid)
    .assigneeId;

const invitationsOf = (account: Account, pid: string) => t.get(`/api/projects/${pid}/invitations`, account.token);

/** The account's notifications, newest first. */
const notifications = async (account: Account) =>
  (await t.get('/message/list?limit=100', account.token)).body.errdata.data as {
    id: number;
    type: number;
    subtype: number;
    title: string;
    content: string;
    params: string;
    status: string;
  }[];

const noDrift = async () => {
  expect(await storeRows(t.server, INBOX_COUNTER_DRIFT)).toEqual([]);
  expect(await storeRows(t.server, INVITATION_DEALT_DRIFT)).toEqual([]);
};

describe('one assignee per task', () => {
  let owner: Account;
  let zhangsan: Account;
  let lisi: Account;
  let chenqi: Account;
  let project: { id: string };

  beforeAll(async () => {
    [owner, zhangsan, lisi, chenqi] = [
      await newAccount('owner'),
      await newAccount('zhangsan'),
      await newAccount('lisi'),
      await newAccount('chenqi'),
    ];
    project = await projectWith(owner, zhangsan, lisi, chenqi);
  });

  it('refuses a late accept of an older invitation to a task someone else took, naming them, and keeps the assignee', async () => {
    const task = await publishTask(owner, project.id, '接口联调');
    const fromLisi = await inviteToTask(lisi, task.id, zhangsan);
    const toChenqi = await inviteToTask(zhangsan, task.id, chenqi);
    expect((await answer(chenqi, toChenqi.id, 'accept')).status).toBe(200);

    // The task has its assignee: zhangsan's invitation stops waiting at once, and says why.
    const taken = await offlineById(zhangsan, fromLisi.id);
    expect(taken.dealt).toBe(true);
    expect(taken.state).toBe('taken');
    expect(await pendingCount(zhangsan)).toBe(0);

    expectError(await answer(zhangsan, fromLisi.id, 'accept'), 409, `已指派给 ${chenqi.user.nickname}`);
    expect(await assigneeOf(owner, project.id, task.id)).toBe(chenqi.user.id);
    expectError(await answer(zhangsan, fromLisi.id, 'decline'), 409, '已被他人接受');
    expect((await offlineById(chenqi, toChenqi.id)).state).toBe('accepted');
    await noDrift();
  });

  it('refuses an invitation to a task that has an assignee: changing it is the owner’s act', async () => {
    const task = await publishTask(owner, project.id);
    expect((await answer(lisi, (await inviteToTask(owner, task.id, lisi)).id, 'accept')).status).toBe(200);
    expectError(await inviteToTaskReply(owner, task.id, chenqi), 409, `已指派给 ${lisi.user.nickname}`);
  });

  it('lets the owner re-assign: both assignees are told, pending invitations are taken', async () => {
    const task = await publishTask(zhangsan, project.id, '写周报');
    expect((await answer(lisi, (await inviteToTask(zhangsan, task.id, lisi)).id, 'accept')).status).toBe(200);
    // An invitation left over from before the task got its assignee is taken as well.
    const reply = await t.post(`/api/tasks/${task.id}/assignee`, { userId: chenqi.user.id }, owner.token);
    expectOk(reply);
    expect(reply.body.data.assigneeId).toBe(chenqi.user.id);
    expect(await assigneeOf(zhangsan, project.id, task.id)).toBe(chenqi.user.id);

    const [away] = await notifications(lisi);
    expect(away).toMatchObject({ type: 1, subtype: 5, status: '0' });
    expect(away!.content).toContain(task.name);
    expect(JSON.parse(away!.params)).toEqual({
      event: 'task.reassigned',
      projectId: project.id,
      taskId: task.id,
      assigneeId: String(chenqi.user.id),
    });
    const [assigned] = await notifications(chenqi);
    expect(assigned).toMatchObject({ type: 1, subtype: 1 });
    expect(JSON.parse(assigned!.params).event).toBe('task.assigned');

    // The same assignee again changes nothing and tells no one.
    expectOk(await t.post(`/api/tasks/${task.id}/assignee`, { userId: chenqi.user.id }, owner.token));
    expect(await notifications(chenqi)).toHaveLength(1);
    await noDrift();
  });

  it('takes pending invitations when the owner assigns directly', async () => {
    const task = await publishTask(owner, project.id);
    const waiting = await inviteToTask(owner, task.id, zhangsan);
    expectOk(await t.post(`/api/tasks/${task.id}/assignee`, { userId: lisi.user.id }, owner.token));
    expect((await offlineById(zhangsan, waiting.id)).state).toBe('taken');
    expectError(await answer(zhangsan, waiting.id, 'accept'), 409, `已指派给 ${lisi.user.nickname}`);
  });

  it('lets only the owner re-assign, only to members, and hides the task from outsiders', async () => {
    const task = await publishTask(owner, project.id);
    const stranger = await newAccount('stranger');
    const assign = (account: Account, mid: string, userId: number) =>
      t.post(`/api/tasks/${mid}/assignee`, { userId }, account.token);
    expectError(await assign(zhangsan, task.id, lisi.user.id), 403);
    expectError(await assign(stranger, task.id, stranger.user.id), 404);
    expectError(await assign(owner, UNKNOWN_HEX_ID, lisi.user.id), 404);
    expectError(await assign(owner, task.id, stranger.user.id), 422);
    expectError(await assign(owner, 'not-a-task', lisi.user.id), 422);
    expectError(await t.post(`/api/tasks/${task.id}/assignee`, { userId: 'x' }, owner.token), 422);
    expect(await assigneeOf(owner, project.id, task.id)).toBeNull();
  });
});

describe('invitation states', () => {
  let owner: Account;
  let member: Account;
  let project: { id: string; name: string };

  beforeAll(async () => {
    owner = await newAccount('st_owner');
    member = await newAccount('st_member');
    project = await projectWith(owner, member);
  });

  it('lists a project’s invitations: every one to the owner, their own to a member, none to outsiders', async () => {
    const [a, b] = [await newAccount('st_a'), await newAccount('st_b')];
    const byOwner = await inviteToProject(owner, project.id, a, '欢迎');
    const byMember = await inviteToProject(member, project.id, b);
    const task = await publishTask(owner, project.id, '评审');
    const toTask = await inviteToTask(owner, task.id, member);

    const all = await invitationsOf(owner, project.id);
    expectOk(all);
    const ids = all.body.data.map((i: { id: string }) => i.id);
    expect(ids.slice(0, 3)).toEqual([toTask.id, byMember.id, byOwner.id]);
    for (const invitation of all.body.data) expect(keysOf(invitation)).toEqual(INVITATION_KEYS);
    expect(all.body.data[0]).toMatchObject({
      kind: 'task',
      projectId: project.id,
      projectName: project.name,
      taskId: task.id,
      taskName: '评审',
      from: { id: owner.user.id, nickname: owner.user.nickname },
      to: { id: member.user.id },
      remark: '交给你',
      state: 'pending',
      answeredAt: null,
    });
    expect(all.body.data[2]).toMatchObject({ kind: 'project', taskId: null, taskName: null, remark: '欢迎' });

    const own = await invitationsOf(member, project.id);
    expectOk(own);
    expect(own.body.data.map((i: { id: string }) => i.id)).toEqual([byMember.id]);

    expectError(await invitationsOf(a, project.id), 404);
    expectError(await invitationsOf(owner, UNKNOWN_HEX_ID), 404);
    expectError(await invitationsOf(owner, 'nope'), 422);
  });

  it('lets the inviter cancel a pending invitation: the invitee’s card turns 已撤销 and stops counting', async () => {
    const invitee = await newAccount('st_cancelled');
    const invitation = await inviteToProject(member, project.id, invitee);
    expect(await pendingCount(invitee)).toBe(1);

    const reply = await t.post(`/api/invitations/${invitation.id}/cancel`, undefined, member.token);
    expectOk(reply);
    expect(reply.body.data.state).toBe('cancelled');
    expect(reply.body.data.answeredAt).toEqual(expect.any(String));
    const card = await offlineById(invitee, invitation.id);
    expect(card).toMatchObject({ dealt: true, state: 'cancelled' });
    expect(await pendingCount(invitee)).toBe(0);
    expectOk(await t.get(`/api/invitations/${invitation.id}`, invitee.token));

    expectError(await answer(invitee, invitation.id, 'accept'), 409, '已撤销');
    expectError(await answer(invitee, invitation.id, 'decline'), 409, '已撤销');
    expectError(await t.post(`/api/invitations/${invitation.id}/cancel`, undefined, member.token), 409, '已撤销');
    expect((await t.get(`/api/projects/${project.id}`, invitee.token)).status).toBe(404);
    await noDrift();
  });

  it('lets the owner cancel a member’s invitation, and no one else', async () => {
    const [invitee, other] = [await newAccount('st_inv'), await newAccount('st_other')];
    const third = await newAccount('st_third');
    expect((await answer(third, (await inviteToProject(owner, project.id, third)).id, 'accept')).status).toBe(200);
    const invitation = await inviteToProject(member, project.id, invitee);
    const cancel = (account: Account, id = invitation.id) =>
      t.post(`/api/invitations/${id}/cancel`, undefined, account.token);
    expectError(await cancel(third), 404); // a member who did not send it does not see it
    expectError(await cancel(other), 404);
    expectError(await cancel(invitee), 403);
    expectError(await cancel(owner, UNKNOWN_OFFLINE_ID), 404);
    expectError(await cancel(owner, 'Not-An-Id'), 422);
    expectError(await t.get(`/api/invitations/${invitation.id}`, other.token), 404);
    expectError(await t.get('/api/invitations/Not-An-Id', owner.token), 422);
    expectError(await t.get(`/api/invitations/${UNKNOWN_OFFLINE_ID}`, owner.token), 404);
    expectError(await t.get(`/api/invitations/${invitation.id}`, null), 401);
    expect((await offlineById(invitee, invitation.id)).state).toBe('pending');
    expectOk(await cancel(owner));
  });

  it('says which state an invitation is in when an answer or a cancel conflicts', async () => {
    const [accepter, decliner] = [await newAccount('st_yes'), await newAccount('st_no')];
    const accepted = await inviteToProject(owner, project.id, accepter);
    const declined = await inviteToProject(owner, project.id, decliner);
    expect((await answer(accepter, accepted.id, 'accept')).status).toBe(200);
    expect((await answer(decliner, declined.id, 'decline')).status).toBe(200);

    expect((await answer(accepter, accepted.id, 'accept')).status).toBe(200);
    expect((await answer(decliner, declined.id, 'decline')).status).toBe(200);
    expectError(await answer(accepter, accepted.id, 'decline'), 409, '已接受');
    expectError(await answer(decliner, declined.id, 'accept'), 409, '已拒绝');
    expectError(await t.post(`/api/invitations/${accepted.id}/cancel`, undefined, owner.token), 409, '已接受');
    expectError(await t.post(`/api/invitations/${declined.id}/cancel`, undefined, owner.token), 409, '已拒绝');
  });

  it('shows the state on invitations in the history and the answers, and the seed’s keys elsewhere', async () => {
    const invitee = await newAccount('st_history');
    const invitation = await inviteToProject(owner, project.id, invitee);
    const taken = await t.get('/offlineMessages', invitee.token);
    expect(keysOf(taken.body.messages[0])).toEqual(OFFLINE_KEYS);
    expect(keysOf(await offlineById(invitee, invitation.id))).toEqual([...OFFLINE_KEYS, 'state']);
    const accepted = await answer(invitee, invitation.id, 'accept');
    expect(accepted.body.messages[0]).toMatchObject({ id: invitation.id, dealt: true, state: 'accepted' });
    const joined = await newest(owner, 2);
    expect(keysOf(joined)).toEqual(OFFLINE_KEYS);
  });
});

describe('declining', () => {
  it('tells the inviter (6/4 for a project, 1/5 for a task), live', async () => {
    const [owner, member, outsider] = [
      await newAccount('dc_owner'),
      await newAccount('dc_member'),
      await newAccount('dc_out'),
    ];
    const project = await projectWith(owner, member);
    const live = await RealtimeClient.connect(t.url, owner.token);

    const invitation = await inviteToProject(owner, project.id, outsider);
    expect((await answer(outsider, invitation.id, 'decline')).status).toBe(200);
    const pushed = await live.next('notification.new');
    expect(pushed.data).toMatchObject({ type: 6, subtype: 4, status: '0', user_id: owner.user.id });
    expect(pushed.data.content).toContain(outsider.user.nickname);
    expect(JSON.parse(pushed.data.params)).toEqual({
      event: 'invitation.declined',
      invitationId: invitation.id,
      projectId: project.id,
      taskId: null,
      userId: String(outsider.user.id),
    });
    expect((await live.next('invitation.updated', (i) => i.id === invitation.id)).data.state).toBe('declined');

    const task = await publishTask(owner, project.id, '排期');
    const toTask = await inviteToTask(owner, task.id, member);
    expect((await answer(member, toTask.id, 'decline')).status).toBe(200);
    const taskNotice = await live.next('notification.new');
    expect(taskNotice.data).toMatchObject({ type: 1, subtype: 5 });
    expect(JSON.parse(taskNotice.data.params)).toMatchObject({ taskId: task.id, invitationId: toTask.id });
    expect((await notifications(owner)).map((n) => n.id)).toEqual([taskNotice.data.id, pushed.data.id]);
    await live.close();
    await noDrift();
  });

  it('can be undone by the invitee within 10 s: pending again, the inviter’s notice withdrawn', async () => {
    const [owner, invitee] = [await newAccount('un_owner'), await newAccount('un_invitee')];
    const project = await createProject(owner);
    expectOk(await t.post('/api/admin/clock', { now: Date.UTC(2026, 2, 1, 9), frozen: true }, APP_TOKEN));
    const invitation = await inviteToProject(owner, project.id, invitee);
    const countsBefore = (await t.get('/message/count', owner.token)).text;
    expect((await answer(invitee, invitation.id, 'decline')).status).toBe(200);
    const [notice] = await notifications(owner);
    expect(notice).toBeDefined();
    const live = await RealtimeClient.connect(t.url, owner.token);

    expectOk(await t.post('/api/admin/clock', { advanceMs: 10_000 }, APP_TOKEN));
    expect(await answer(owner, invitation.id, 'undo')).toMatchObject({ status: 404 });
    const undone = await answer(invitee, invitation.id, 'undo');
    expect(undone.status, undone.text).toBe(200);
    expect(undone.body.messages[0]).toMatchObject({ id: invitation.id, dealt: false, state: 'pending' });
    expect(await pendingCount(invitee)).toBe(1);
    expect(await notifications(owner)).toEqual([]);
    expect((await t.get('/message/count', owner.token)).text).toBe(countsBefore);
    expect((await live.next('notification.removed')).data).toEqual({ id: notice!.id });
    expect((await live.next('invitation.updated', (i) => i.id === invitation.id)).data.state).toBe('pending');
    expect((await answer(invitee, invitation.id, 'undo')).status).toBe(200); // nothing left to undo

    // Declined again, and too late to take back.
    expect((await answer(invitee, invitation.id, 'decline')).status).toBe(200);
    expectOk(await t.post('/api/admin/clock', { advanceMs: 10_001 }, APP_TOKEN));
    expectError(await answer(invitee, invitation.id, 'undo'), 409);
    expect((await offlineById(invitee, invitation.id)).state).toBe('declined');
    expect(await notifications(owner)).toHaveLength(1);
    await live.close();
    await noDrift();
  });

  it('undoes only a decline: an accepted one is a conflict, a message that is no invitation 422', async () => {
    const [owner, invitee] = [await newAccount('un2_owner'), await newAccount('un2_invitee')];
    const project = await createProject(owner);
    const invitation = await inviteToProject(owner, project.id, invitee);
    expect((await answer(invitee, invitation.id, 'accept')).status).toBe(200);
    expectError(await answer(invitee, invitation.id, 'undo'), 409, '已接受');
    const joined = await newest(owner, 2);
    expectError(await answer(owner, joined.id, 'undo'), 422);
    expectError(await answer(owner, UNKNOWN_OFFLINE_ID, 'undo'), 404);
    expectError(await answer(owner, 'Bad-Id', 'undo'), 422);
  });
});

describe('member picker', () => {
  it('marks members and people already invited, and hides the project from outsiders', async () => {
    const tag = `pick${Date.now() % 100000}`;
    const owner = await t.signUp(`${tag}_owner`);
    const member = await t.signUp(`${tag}_member`);
    const invited = await t.signUp(`${tag}_invited`);
    const free = await t.signUp(`${tag}_free`);
    const project = await projectWith(owner, member);
    await inviteToProject(owner, project.id, invited);

    const reply = await t.get(`/api/projects/${project.id}/candidates?q=${tag}`, member.token);
    expectOk(reply);
    const byId = new Map(reply.body.data.map((c: { id: number }) => [c.id, c]));
    expect(byId.size).toBe(4);
    expect(byId.get(owner.user.id)).toMatchObject({ available: false, reason: 'member' });
    expect(byId.get(member.user.id)).toMatchObject({ available: false, reason: 'member' });
    expect(byId.get(invited.user.id)).toMatchObject({ available: false, reason: 'invited' });
    expect(byId.get(free.user.id)).toEqual({ ...free.user, available: true, reason: null });

    expectError(await t.get(`/api/projects/${project.id}/candidates?q=${tag}`, free.token), 404);
    expectError(await t.get(`/api/projects/${project.id}/candidates?q=${'x'.repeat(65)}`, owner.token), 422);
    expectError(await t.get(`/api/projects/${project.id}/candidates?limit=0`, owner.token), 422);
    expectError(await t.get(`/api/projects/nope/candidates`, owner.token), 422);
    expectError(await t.get(`/api/projects/${UNKNOWN_HEX_ID}/candidates`, owner.token), 404);
  });
});

describe('live project pages', () => {
  it('tells every member of each change, the invitee of their invitation, and no one else', async () => {
    const [owner, member, invitee, stranger] = [
      await newAccount('lv_owner'),
      await newAccount('lv_member'),
      await newAccount('lv_invitee'),
      await newAccount('lv_stranger'),
    ];
    const project = await projectWith(owner, member);
    const connect = (account: Account) => RealtimeClient.connect(t.url, account.token);
    const ownerLive = await connect(owner);
    const memberLive = await connect(member);
    const inviteeLive = await connect(invitee);
    const strangerLive = await connect(stranger);
    const updated = async (clients: RealtimeClient[]) => {
      for (const client of clients) expect((await client.next('project.updated')).data).toEqual({ pid: project.id });
    };

    const task = await publishTask(member, project.id);
    await updated([ownerLive, memberLive]);
    const invitation = await inviteToProject(member, project.id, invitee);
    await updated([ownerLive, memberLive]);
    expectOk(await t.post(`/api/invitations/${invitation.id}/cancel`, undefined, owner.token));
    await updated([ownerLive, memberLive]);
    expect((await inviteeLive.next('invitation.updated')).data).toMatchObject({
      id: invitation.id,
      state: 'cancelled',
    });
    expect((await inviteeLive.next('counts', (c) => c.invitationsPending === 0)).data.invitationsPending).toBe(0);

    const again = await inviteToProject(owner, project.id, invitee);
    await updated([ownerLive, memberLive]);
    expect((await answer(invitee, again.id, 'accept')).status).toBe(200);
    await updated([ownerLive, memberLive, inviteeLive]);
    const toTask = await inviteToTask(owner, task.id, invitee);
    await updated([ownerLive, memberLive, inviteeLive]);
    expect((await answer(invitee, toTask.id, 'accept')).status).toBe(200);
    await updated([ownerLive, memberLive, inviteeLive]);
    expectOk(await t.post(`/api/tasks/${task.id}/assignee`, { userId: member.user.id }, owner.token));
    await updated([ownerLive, memberLive, inviteeLive]);
    expectOk(await t.post(`/api/projects/${project.id}/leave`, undefined, member.token));
    await updated([ownerLive, memberLive, inviteeLive]);
    expectOk(
      await t.request('DELETE', `/api/projects/${project.id}/members/${invitee.user.id}`, { token: owner.token }),
    );
    await updated([ownerLive, inviteeLive]);

    // Every frame sent before a pong has arrived: the stranger heard of none of it.
    strangerLive.send({ type: 'ping' });
    await strangerLive.next('pong');
    expect(strangerLive.all('project.updated')).toEqual([]);
    expect(strangerLive.all('invitation.updated')).toEqual([]);
    for (const client of [ownerLive, memberLive, inviteeLive, strangerLive]) await client.close();
  });
});
