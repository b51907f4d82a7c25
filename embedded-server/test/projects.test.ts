import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  keysOf,
  OFFLINE_ID,
  OFFLINE_KEYS,
  type OfflineMessage,
  type Reply,
  startTestServer,
  type TestServer,
} from './harness.js';

const HEX_ID = /^[0-9a-f]{32}$/;
const MEMBER_EVENT_KEYS = ['userId', 'userName', 'projectId', 'projectName'];
const UNKNOWN_HEX_ID = '0123456789abcdef0123456789abcdef';

interface Project {
  id: string;
  name: string;
  ownerId: number;
  cId: number;
}

interface Task {
  id: string;
  projectId: string;
  name: string;
  publisherId: number;
  assigneeId: number | null;
}

let t: TestServer;

let accounts = 0;
async function newAccount(label: string): Promise<Account> {
  accounts += 1;
  return (await t.signUp(`pj${accounts}_${label}`)) as Account;
}

/** GET /offlineMessages: what arrived since the last call. */
async function takeOffline(account: Account): Promise<OfflineMessage[]> {
  const reply = await t.get('/offlineMessages', account.token);
  expect(reply.status, reply.text).toBe(200);
  return reply.body.messages;
}

/** Takes the caller's new offline messages and expects exactly one, of the given type. */
async function takeOnly(account: Account, type: number): Promise<OfflineMessage> {
  const messages = await takeOffline(account);
  expect(messages.map((m) => m.type)).toEqual([type]);
  const [message] = messages;
  expect(keysOf(message!)).toEqual(OFFLINE_KEYS);
  expect(message!.id).toMatch(OFFLINE_ID);
  return message!;
}

/** The caller's offline message by id, from the history (delivered or not). */
async function offlineById(account: Account, id: string): Promise<OfflineMessage | undefined> {
  const reply = await t.get('/offlineMessages/history?limit=100', account.token);
  expect(reply.status, reply.text).toBe(200);
  return reply.body.messages.find((m: OfflineMessage) => m.id === id);
}

function expectExtSuccess(reply: Reply, status = 200) {
  expect(reply.status, reply.text).toBe(status);
  expect(keysOf(reply.body)).toEqual(['code', 'msg', 'data']);
  expect(reply.body.code).toBe(0);
  expect(reply.body.msg).toBe('success');
}

/** A created resource: 2xx in the extensions' envelope. */
function expectExtCreated(reply: Reply) {
  expect(reply.status, reply.text).toBeGreaterThanOrEqual(200);
  expect(reply.status, reply.text).toBeLessThan(300);
  expect(reply.body.code).toBe(0);
  expect(reply.body.msg).toBe('success');
}

function expectError(reply: Reply, status: number, what = '') {
  expect(reply.status, `${what} ${reply.text}`).toBe(status);
  expect(keysOf(reply.body), what).toEqual(['code', 'msg']);
  expect(reply.body.code, what).not.toBe(0);
  expect(typeof reply.body.msg, what).toBe('string');
}

/** A user's name in a type 2/3/5 message: the seed's names are the ones people see. */
function expectNames(extraUserName: unknown, account: Account) {
  expect([account.user.nickname, account.user.userName]).toContain(extraUserName);
}

let projectNames = 0;
async function createProject(owner: Account, name = `项目 ${++projectNames}`): Promise<Project> {
  const reply = await t.post('/api/projects', { name }, owner.token);
  expectExtSuccess(reply, 201);
  return reply.body.data;
}

async function projectDetail(account: Account, pid: string) {
  const reply = await t.get(`/api/projects/${pid}`, account.token);
  expectExtSuccess(reply);
  return reply.body.data as Project & { members: { user: { id: number } }[]; tasks: Task[] };
}

const memberIds = async (account: Account, pid: string) =>
  (await projectDetail(account, pid)).members.map((m) => m.user.id).sort((a, b) => a - b);

const inviteToProject = (inviter: Account, pid: string, invitee: Account, remark = '一起做吧') =>
  t.post(`/api/projects/${pid}/invitations`, { userId: invitee.user.id, remark }, inviter.token);

const answer = (account: Account, offlineId: string, choice: 'accept' | 'decline') =>
  t.post(`/offlineMessages/${offlineId}/${choice}`, undefined, account.token);

/** Invites `invitee` and returns their type 4 offline message (everyone else's queue untouched). */
async function invite(inviter: Account, pid: string, invitee: Account, remark?: string): Promise<OfflineMessage> {
  await takeOffline(invitee);
  expectExtCreated(await inviteToProject(inviter, pid, invitee, remark));
  return takeOnly(invitee, 4);
}

/** A project owned by `owner` with `members` joined, every offline queue drained afterwards. */
async function projectWith(owner: Account, ...members: Account[]): Promise<Project> {
  const project = await createProject(owner);
  for (const member of members) {
    const invitation = await invite(owner, project.id, member);
    expect((await answer(member, invitation.id, 'accept')).status).toBe(200);
  }
  for (const account of [owner, ...members]) await takeOffline(account);
  return project;
}

async function groupWindows(account: Account) {
  const reply = await t.get('/api/chat?type=group&pageSize=100', account.token);
  expect(reply.status, reply.text).toBe(200);
  return reply.body.data.list as { id: number; user: unknown; toId: unknown; group: { projectId: string } }[];
}

async function publishTask(publisher: Account, pid: string, name: string): Promise<Task> {
  const reply = await t.post(`/api/projects/${pid}/tasks`, { name }, publisher.token);
  expectExtCreated(reply);
  return reply.body.data;
}

const inviteToTask = (inviter: Account, mid: string, invitee: Account, remark = '这个任务交给你') =>
  t.post(`/api/tasks/${mid}/invitations`, { userId: invitee.user.id, remark }, inviter.token);

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('projects', () => {
  it('creates a project in the extensions’ envelope with the owner as its only member', async () => {
    const owner = await newAccount('owner');
    const reply = await t.post('/api/projects', { name: '新版客户端' }, owner.token);
    expectExtSuccess(reply, 201);
    const project = reply.body.data as Project;
    expect(project.id).toMatch(HEX_ID);
    expect(project.name).toBe('新版客户端');
    expect(project.ownerId).toBe(owner.user.id);

    const detail = await projectDetail(owner, project.id);
    expect(detail.id).toBe(project.id);
    expect(detail.name).toBe('新版客户端');
    expect(detail.members.map((m) => m.user.id)).toEqual([owner.user.id]);
    expect(detail.tasks).toEqual([]);
  });

  it('lists only the caller’s projects', async () => {
    const owner = await newAccount('lister');
    const stranger = await newAccount('stranger');
    const first = await createProject(owner);
    const second = await createProject(owner);
    await createProject(stranger);

    const reply = await t.get('/api/projects', owner.token);
    expectExtSuccess(reply);
    expect(reply.body.data.map((p: Project) => p.id).sort()).toEqual([first.id, second.id].sort());
  });

  it('hides a project from non-members and refuses unknown or malformed ids', async () => {
    const owner = await newAccount('hider');
    const stranger = await newAccount('outsider');
    const project = await createProject(owner);
    expectError(await t.get(`/api/projects/${project.id}`, stranger.token), 404);
    expectError(await t.get(`/api/projects/${UNKNOWN_HEX_ID}`, owner.token), 404);
    for (const pid of ['nope', project.id.toUpperCase(), `${project.id}0`, '123'])
      expectError(await t.get(`/api/projects/${pid}`, owner.token), 422, pid);
  });

  it('refuses a project without a usable name', async () => {
    const owner = await newAccount('namer');
    for (const body of [{}, { name: '' }, { name: '   ' }, { name: 5 }, { name: 'x'.repeat(1000) }])
      expectError(await t.post('/api/projects', body, owner.token), 422, JSON.stringify(body));
    expectError(await t.get('/api/projects', null), 401);
  });
});

describe('project invitations', () => {
  let owner: Account;
  let member: Account;
  let invitee: Account;
  let project: Project;
  let invitation: OfflineMessage;

  beforeAll(async () => {
    owner = await newAccount('inv_owner');
    member = await newAccount('inv_member');
    invitee = await newAccount('inv_invitee');
    project = await projectWith(owner, member);
    invitation = await invite(owner, project.id, invitee, '欢迎加入');
  });

  it('sends the invitee a type 4 message shaped as in seed 000', async () => {
    expect(invitation).toEqual({
      id: expect.stringMatching(OFFLINE_ID),
      msg: `${owner.user.nickname}邀请你加入项目: ${project.name}`,
      time: expect.any(Number),
      type: 4,
      dealt: false,
      extraInfo: {
        invitor: String(owner.user.id),
        invitorAvatar: owner.user.image,
        invitorName: owner.user.nickname,
        projectId: project.id,
        remark: '欢迎加入',
      },
    });
    expect(keysOf(invitation.extraInfo)).toEqual(['invitor', 'invitorAvatar', 'invitorName', 'projectId', 'remark']);
    expect(String(invitation.time)).toMatch(/^\d{13}$/);
    expect(await takeOffline(owner)).toEqual([]);
    expect(await takeOffline(member)).toEqual([]);
  });

  it('refuses a second invitation while one is pending, and invitations to members', async () => {
    expectError(await inviteToProject(member, project.id, invitee), 409);
    expectError(await inviteToProject(owner, project.id, member), 409);
    expectError(await inviteToProject(owner, project.id, owner), 409);
    expect(await takeOffline(invitee)).toEqual([]);
  });

  it('on accept marks it dealt, adds the member, and tells the other members with type 2', async () => {
    const reply = await answer(invitee, invitation.id, 'accept');
    expect(reply.status, reply.text).toBe(200);
    expect(keysOf(reply.body)).toEqual(['messages']);
    expect((await offlineById(invitee, invitation.id))!.dealt).toBe(true);
    expect(await memberIds(invitee, project.id)).toEqual(
      [owner.user.id, member.user.id, invitee.user.id].sort((a, b) => a - b),
    );
    expect((await t.get('/api/projects', invitee.token)).body.data.map((p: Project) => p.id)).toEqual([project.id]);

    for (const other of [owner, member]) {
      const joined = await takeOnly(other, 2);
      expect(joined.dealt).toBe(true);
      expect(joined.msg).toContain(project.name);
      expect(keysOf(joined.extraInfo)).toEqual(MEMBER_EVENT_KEYS);
      expect(joined.extraInfo.userId).toBe(String(invitee.user.id));
      expectNames(joined.extraInfo.userName, invitee);
      expect(joined.extraInfo.projectId).toBe(project.id);
      expect(joined.extraInfo.projectName).toBe(project.name);
    }
    expect(await takeOffline(invitee)).toEqual([]);
  });

  it('puts the new member in the project’s group chat', async () => {
    const windows = await groupWindows(invitee);
    const group = windows.find((w) => w.group?.projectId === project.id);
    expect(group).toBeDefined();
    expect(group!.id).toBe(project.cId);
    expect(group!.user).toBeNull();
    expect(group!.toId).toBeNull();

    const sent = await t.post(
      `/api/chat/${project.cId}/messages`,
      { message: '大家好', type: 'TEXT', clientMsgId: 'project-group-hello' },
      invitee.token,
    );
    expect(sent.status, sent.text).toBe(201);
    for (const other of [owner, member]) {
      const groupMessage = await takeOnly(other, 1);
      expect(groupMessage.extraInfo).toEqual({
        fromId: String(invitee.user.id),
        fromName: invitee.user.nickname,
        cId: String(project.cId),
        messageId: String(sent.body.data.id),
      });
    }
  });

  it('treats a repeated accept as a no-op and refuses a decline after it with 409', async () => {
    const again = await answer(invitee, invitation.id, 'accept');
    expect(again.status, again.text).toBe(200);
    expect(await takeOffline(owner)).toEqual([]);
    expect(await takeOffline(member)).toEqual([]);

    expectError(await answer(invitee, invitation.id, 'decline'), 409);
    expect((await offlineById(invitee, invitation.id))!.dealt).toBe(true);
    expect(await memberIds(owner, project.id)).toContain(invitee.user.id);
  });

  it('on decline marks it dealt without joining; a repeated decline is a no-op, a later accept 409', async () => {
    const refuser = await newAccount('refuser');
    const declined = await invite(member, project.id, refuser, '');
    expect(declined.extraInfo.invitor).toBe(String(member.user.id));
    expect(declined.extraInfo.remark).toBe('');

    const reply = await answer(refuser, declined.id, 'decline');
    expect(reply.status, reply.text).toBe(200);
    expect(keysOf(reply.body)).toEqual(['messages']);
    expect((await offlineById(refuser, declined.id))!.dealt).toBe(true);
    expect((await answer(refuser, declined.id, 'decline')).status).toBe(200);
    expectError(await answer(refuser, declined.id, 'accept'), 409);

    expect(await memberIds(owner, project.id)).not.toContain(refuser.user.id);
    expectError(await t.get(`/api/projects/${project.id}`, refuser.token), 404);
    expect((await groupWindows(refuser)).map((w) => w.id)).not.toContain(project.cId);
    for (const other of [owner, member, invitee]) expect(await takeOffline(other)).toEqual([]);
  });

  it('lets only members invite, and refuses unknown or malformed projects', async () => {
    const outsider = await newAccount('inv_outsider');
    const target = await newAccount('inv_target');
    expectError(await inviteToProject(outsider, project.id, target), 403);
    // An unknown project is answered as one the caller is not in: ids are not confirmed.
    expectError(await inviteToProject(owner, UNKNOWN_HEX_ID, target), 403);
    for (const pid of ['not-a-project', project.id.slice(1), project.id.toUpperCase()])
      expectError(await inviteToProject(owner, pid, target), 422, pid);
    expect(await takeOffline(target)).toEqual([]);
  });
});

describe('answering offline messages', () => {
  it('refuses to accept or decline a message that is not an invitation with 422', async () => {
    const owner = await newAccount('ans_owner');
    const joiner = await newAccount('ans_joiner');
    const project = await createProject(owner);
    const invitation = await invite(owner, project.id, joiner);
    await answer(joiner, invitation.id, 'accept');
    const joined = await takeOnly(owner, 2);

    for (const choice of ['accept', 'decline'] as const)
      expectError(await answer(owner, joined.id, choice), 422, choice);
    expect((await offlineById(owner, joined.id))!.dealt).toBe(true);
  });

  it('answers 404 for someone else’s or an unknown offline message, 422 for a malformed id, 401 without a token', async () => {
    const owner = await newAccount('ans_owner2');
    const invitee = await newAccount('ans_invitee2');
    const project = await createProject(owner);
    const invitation = await invite(owner, project.id, invitee);

    for (const choice of ['accept', 'decline'] as const) {
      expectError(await answer(owner, invitation.id, choice), 404, choice);
      expectError(await answer(owner, 'zzzzzzzzzzzz', choice), 404, choice);
      expectError(await answer(owner, 'Not-An-Id', choice), 422, choice);
      expectError(await t.post(`/offlineMessages/${invitation.id}/${choice}`, undefined, null), 401, choice);
    }
    expect((await offlineById(invitee, invitation.id))!.dealt).toBe(false);
    expect(await memberIds(owner, project.id)).toEqual([owner.user.id]);
  });
});

describe('tasks', () => {
  let owner: Account;
  let member: Account;
  let third: Account;
  let project: Project;

  beforeAll(async () => {
    owner = await newAccount('task_owner');
    member = await newAccount('task_member');
    third = await newAccount('task_third');
    project = await projectWith(owner, member, third);
  });

  it('publishes a task and sends type 6 to the other members, not to the publisher', async () => {
    const task = await publishTask(member, project.id, '整理需求文档');
    expect(task.id).toMatch(HEX_ID);
    expect(task.name).toBe('整理需求文档');
    expect(task.projectId).toBe(project.id);
    expect(task.publisherId).toBe(member.user.id);
    expect(task.assigneeId).toBeNull();

    for (const other of [owner, third]) {
      const published = await takeOnly(other, 6);
      expect(published).toEqual({
        id: expect.stringMatching(OFFLINE_ID),
        msg: `${member.user.nickname}发布了一个任务: 整理需求文档`,
        time: expect.any(Number),
        type: 6,
        dealt: true,
        extraInfo: {
          invitor: String(member.user.id),
          invitorAvatar: member.user.image,
          invitorName: member.user.nickname,
          missionId: task.id,
        },
      });
      expect(keysOf(published.extraInfo)).toEqual(['invitor', 'invitorAvatar', 'invitorName', 'missionId']);
    }
    expect(await takeOffline(member)).toEqual([]);
    expect((await projectDetail(third, project.id)).tasks.map((x) => x.id)).toContain(task.id);
  });

  it('lets only members publish tasks', async () => {
    const outsider = await newAccount('task_outsider');
    expectError(await t.post(`/api/projects/${project.id}/tasks`, { name: '越权任务' }, outsider.token), 403);
    expectError(await t.post(`/api/projects/${UNKNOWN_HEX_ID}/tasks`, { name: '任务' }, owner.token), 403);
    expectError(await t.post(`/api/projects/bad-id/tasks`, { name: '任务' }, owner.token), 422);
    expectError(await t.post(`/api/projects/${project.id}/tasks`, { name: '' }, owner.token), 422);
    expect((await projectDetail(owner, project.id)).tasks.map((x) => x.name)).not.toContain('越权任务');
    for (const account of [owner, member, third]) expect(await takeOffline(account)).toEqual([]);
  });

  it('invites a member to a task with type 7; accepting assigns the task', async () => {
    const task = await publishTask(owner, project.id, '修复登录问题');
    await takeOffline(member);
    await takeOffline(third);

    expectExtCreated(await inviteToTask(owner, task.id, member, '周五前完成'));
    const invitation = await takeOnly(member, 7);
    expect(invitation).toEqual({
      id: expect.stringMatching(OFFLINE_ID),
      msg: `${owner.user.nickname}邀请你接受任务: 修复登录问题`,
      time: expect.any(Number),
      type: 7,
      dealt: false,
      extraInfo: {
        invitor: String(owner.user.id),
        invitorAvatar: owner.user.image,
        invitorName: owner.user.nickname,
        missionId: task.id,
        remark: '周五前完成',
      },
    });
    expect(keysOf(invitation.extraInfo)).toEqual(['invitor', 'invitorAvatar', 'invitorName', 'missionId', 'remark']);
    expect(await takeOffline(third)).toEqual([]);

    expect((await answer(member, invitation.id, 'accept')).status).toBe(200);
    expect((await offlineById(member, invitation.id))!.dealt).toBe(true);
    const tasks = (await projectDetail(owner, project.id)).tasks;
    expect(tasks.find((x) => x.id === task.id)!.assigneeId).toBe(member.user.id);
    expect((await answer(member, invitation.id, 'accept')).status).toBe(200);
    expectError(await answer(member, invitation.id, 'decline'), 409);
  });

  it('leaves a declined task unassigned', async () => {
    const task = await publishTask(owner, project.id, '写周报');
    await takeOffline(third);
    expectExtCreated(await inviteToTask(member, task.id, third));
    const invitation = await takeOnly(third, 7);
    expect(invitation.extraInfo.invitor).toBe(String(member.user.id));
    expect((await answer(third, invitation.id, 'decline')).status).toBe(200);
    expect((await offlineById(third, invitation.id))!.dealt).toBe(true);
    expect((await projectDetail(owner, project.id)).tasks.find((x) => x.id === task.id)!.assigneeId).toBeNull();
    expectError(await answer(third, invitation.id, 'accept'), 409);
  });

  it('refuses task invitations from or to non-members', async () => {
    const task = await publishTask(owner, project.id, '准备演示');
    const outsider = await newAccount('task_outsider2');
    expectError(await inviteToTask(owner, task.id, outsider), 422);
    expect(await takeOffline(outsider)).toEqual([]);
    expectError(await inviteToTask(outsider, task.id, member), 403);
    expectError(await inviteToTask(owner, UNKNOWN_HEX_ID, member), 403);
    expectError(await inviteToTask(owner, 'nope', member), 422);
  });
});

describe('leaving and removing members', () => {
  it('lets a member leave: type 3 to the others, and access to the project and its group chat ends', async () => {
    const owner = await newAccount('leave_owner');
    const leaver = await newAccount('leave_leaver');
    const stayer = await newAccount('leave_stayer');
    const project = await projectWith(owner, leaver, stayer);
    expect((await groupWindows(leaver)).map((w) => w.id)).toContain(project.cId);

    expectExtSuccess(await t.post(`/api/projects/${project.id}/leave`, undefined, leaver.token));
    for (const other of [owner, stayer]) {
      const left = await takeOnly(other, 3);
      expect(left.dealt).toBe(true);
      expect(keysOf(left.extraInfo)).toEqual(MEMBER_EVENT_KEYS);
      expect(left.extraInfo.userId).toBe(String(leaver.user.id));
      expectNames(left.extraInfo.userName, leaver);
      expect(left.extraInfo.projectId).toBe(project.id);
      expect(left.extraInfo.projectName).toBe(project.name);
    }
    expect(await takeOffline(leaver)).toEqual([]);
    expect(await memberIds(owner, project.id)).not.toContain(leaver.user.id);
    expectError(await t.get(`/api/projects/${project.id}`, leaver.token), 404);
    expect((await groupWindows(leaver)).map((w) => w.id)).not.toContain(project.cId);
    expectError(await t.post(`/api/projects/${project.id}/leave`, undefined, leaver.token), 404);
  });

  it('lets a member who left come back only through a new invitation', async () => {
    const owner = await newAccount('rejoin_owner');
    const returner = await newAccount('rejoin_member');
    const project = await createProject(owner);
    const first = await invite(owner, project.id, returner);
    expect((await answer(returner, first.id, 'accept')).status).toBe(200);
    expectExtSuccess(await t.post(`/api/projects/${project.id}/leave`, undefined, returner.token));

    expect((await answer(returner, first.id, 'accept')).status).toBe(200);
    expectError(await t.get(`/api/projects/${project.id}`, returner.token), 404);

    const second = await invite(owner, project.id, returner);
    expect((await answer(returner, second.id, 'accept')).status).toBe(200);
    expect(await memberIds(returner, project.id)).toContain(returner.user.id);
    expect((await groupWindows(returner)).map((w) => w.id)).toContain(project.cId);
  });

  it('does not let the owner leave their own project', async () => {
    const owner = await newAccount('leave_owner2');
    const member = await newAccount('leave_member2');
    const project = await projectWith(owner, member);
    expectError(await t.post(`/api/projects/${project.id}/leave`, undefined, owner.token), 409);
    expect(await memberIds(owner, project.id)).toContain(owner.user.id);
    expect(await takeOffline(member)).toEqual([]);
  });

  it('lets the owner remove a member: type 5 to them, type 3 to the others, access ends', async () => {
    const owner = await newAccount('rm_owner');
    const removed = await newAccount('rm_removed');
    const stayer = await newAccount('rm_stayer');
    const project = await projectWith(owner, removed, stayer);

    const reply = await t.request('DELETE', `/api/projects/${project.id}/members/${removed.user.id}`, {
      token: owner.token,
    });
    expectExtSuccess(reply);

    const kicked = await takeOnly(removed, 5);
    expect(kicked.dealt).toBe(true);
    expect(kicked.msg).toContain(project.name);
    expect(keysOf(kicked.extraInfo)).toEqual(MEMBER_EVENT_KEYS);
    expect(kicked.extraInfo.userId).toBe(String(removed.user.id));
    expect(kicked.extraInfo.projectId).toBe(project.id);
    expect(kicked.extraInfo.projectName).toBe(project.name);

    const left = await takeOnly(stayer, 3);
    expect(keysOf(left.extraInfo)).toEqual(MEMBER_EVENT_KEYS);
    expect(left.extraInfo.userId).toBe(String(removed.user.id));
    expect(left.extraInfo.projectId).toBe(project.id);

    expect(await memberIds(owner, project.id)).toEqual([owner.user.id, stayer.user.id].sort((a, b) => a - b));
    expectError(await t.get(`/api/projects/${project.id}`, removed.token), 404);
    expect((await t.get('/api/projects', removed.token)).body.data).toEqual([]);
    expect((await groupWindows(removed)).map((w) => w.id)).not.toContain(project.cId);
    const history = await t.get(`/api/chat/${project.cId}/messages`, removed.token);
    expect([403, 404]).toContain(history.status);
    const post = await t.post(
      `/api/chat/${project.cId}/messages`,
      { message: '我还在吗', type: 'TEXT', clientMsgId: 'removed-member-post' },
      removed.token,
    );
    expect([403, 404]).toContain(post.status);
  });

  it('lets only the owner remove members', async () => {
    const owner = await newAccount('rm_owner2');
    const member = await newAccount('rm_member2');
    const other = await newAccount('rm_other2');
    const project = await projectWith(owner, member, other);
    const reply = await t.request('DELETE', `/api/projects/${project.id}/members/${other.user.id}`, {
      token: member.token,
    });
    expectError(reply, 403);
    expect(await memberIds(owner, project.id)).toContain(other.user.id);
    for (const account of [owner, member, other]) expect(await takeOffline(account)).toEqual([]);
  });
});
