import { newHexId } from './ids.js';
import { addSystemLine } from './chat.js';
import { conflict, forbidden, invalid, notFound } from './errors.js';
import { requireUser } from './accounts.js';
import { addOfflineMessage, offlineContent, ownOfflineMessage, type OfflineContent } from './offline-messages.js';
import type { DomainContext } from './context.js';
import { emit } from './events.js';
import { isInvitationType } from '../contract/enums.js';
import {
  assignedConflict,
  assignTask,
  notify,
  projectChanged,
  settleInvitation,
  stateConflict,
  tellInviterOfDecline,
} from './invitation-states.js';
import type { Invitation, OfflineMessage, Project, Task, User } from './types.js';

export async function requireProject(ctx: DomainContext, projectId: string): Promise<Project> {
  const project = await ctx.store.projects.byId(projectId);
  if (!project) throw notFound(`no project ${projectId}`);
  return project;
}

/** The project if `userId` is a member; to anyone else it is as good as missing. */
export async function memberProject(ctx: DomainContext, userId: number, projectId: string): Promise<Project> {
  const project = await ctx.store.projects.byId(projectId);
  if (!project || !(await ctx.store.projects.member(projectId, userId))) throw notFound(`no project ${projectId}`);
  return project;
}

/**
 * The project a member acts in where API.md answers non-members 403 (inviting, publishing
 * tasks). A project that does not exist is answered the same, word for word, so the answer
 * never tells an outsider which ids are real.
 */
async function projectActedInBy(
  ctx: DomainContext,
  userId: number,
  projectId: string,
  action: string,
): Promise<Project> {
  const project = await ctx.store.projects.byId(projectId);
  if (!project || !(await ctx.store.projects.member(projectId, userId)))
    throw forbidden(`only members of project ${projectId} may ${action}`);
  return project;
}

async function otherMembers(ctx: DomainContext, projectId: string, ...except: number[]): Promise<number[]> {
  return (await ctx.store.projects.members(projectId)).map((m) => m.userId).filter((id) => !except.includes(id));
}

/** A project starts with its owner as the only member and its own group chat window. */
export async function createProject(ctx: DomainContext, owner: User, name: string): Promise<Project> {
  const { store } = ctx;
  return await store.transaction(async () => {
    const now = ctx.now();
    const windowId = await store.windows.insert('group', owner.id, null, now);
    await store.windows.addMember(windowId, owner.id, 'group', now);
    const project: Project = { id: newHexId(), name, ownerId: owner.id, windowId, createdAt: now };
    await store.projects.insert(project);
    await store.projects.addMember(project.id, owner.id, 'owner', now);
    return project;
  });
}

export const projectsOf = async (ctx: DomainContext, user: User) => await ctx.store.projects.ofMember(user.id);

export async function projectDetail(ctx: DomainContext, user: User, projectId: string) {
  const project = await memberProject(ctx, user.id, projectId);
  const members = await Promise.all(
    (await ctx.store.projects.members(project.id)).map(async (m) => ({
      ...m,
      user: (await ctx.store.users.byId(m.userId))!,
    })),
  );
  return { project, members, tasks: await ctx.store.tasks.ofProject(project.id) };
}

/** Invites a user into a project (members only): a type 4 offline message they can accept or decline. */
export async function inviteToProject(
  ctx: DomainContext,
  inviter: User,
  projectId: string,
  inviteeId: number,
  remark: string,
) {
  const { store } = ctx;
  return await store.transaction(async () => {
    const project = await projectActedInBy(ctx, inviter.id, projectId, 'invite to it');
    const invitee = await requireUser(ctx, inviteeId);
    if (await store.projects.member(project.id, invitee.id)) throw conflict('the user is already a member');
    const content = offlineContent.projectInvitation(inviter, project, remark);
    await projectChanged(ctx, project.id);
    return await sendInvitation(
      ctx,
      { kind: 'project', projectId: project.id, taskId: null, inviter, invitee, remark },
      content,
    );
  });
}

interface InvitationRequest {
  kind: 'project' | 'task';
  projectId: string;
  taskId: string | null;
  inviter: User;
  invitee: User;
  remark: string;
}

export interface SentInvitation {
  invitation: Invitation;
  /** The offline message (type 4 or 7) the invitee answers it through. */
  message: OfflineMessage;
}

/** Records an invitation and the offline message (type 4 or 7) the invitee answers it through. */
async function sendInvitation(
  ctx: DomainContext,
  request: InvitationRequest,
  content: OfflineContent,
): Promise<SentInvitation> {
  const { store } = ctx;
  const { kind, projectId, taskId, inviter, invitee, remark } = request;
  if (await store.invitations.pendingFor(kind, projectId, taskId, invitee.id))
    throw conflict(`the user already has a pending invitation to this ${kind}`);
  const offlineMessageId = await addOfflineMessage(ctx, invitee.id, content);
  const id = await store.invitations.insert({
    kind,
    projectId,
    taskId,
    inviterId: inviter.id,
    inviteeId: invitee.id,
    remark,
    offlineMessageId,
    createdAt: ctx.now(),
  });
  return { invitation: (await store.invitations.byId(id))!, message: (await store.offline.byId(offlineMessageId))! };
}

/** Publishes a task in a project (members only): type 6 to the other members. */
export async function publishTask(ctx: DomainContext, publisher: User, projectId: string, name: string): Promise<Task> {
  const { store } = ctx;
  return await store.transaction(async () => {
    const project = await projectActedInBy(ctx, publisher.id, projectId, 'publish tasks in it');
    const task = { id: newHexId(), projectId: project.id, name, publisherId: publisher.id, createdAt: ctx.now() };
    await store.tasks.insert(task);
    const created = (await store.tasks.byId(task.id))!;
    for (const memberId of await otherMembers(ctx, project.id, publisher.id))
      await addOfflineMessage(ctx, memberId, offlineContent.taskPublished(publisher, created));
    await projectChanged(ctx, project.id);
    return created;
  });
}

/** Invites a member of the task's project to take the task (members only): type 7. */
export async function inviteToTask(
  ctx: DomainContext,
  inviter: User,
  taskId: string,
  inviteeId: number,
  remark: string,
) {
  const { store } = ctx;
  return await store.transaction(async () => {
    // As for projects: an unknown task and one of another project answer alike.
    const task = await store.tasks.byId(taskId);
    if (!task || !(await store.projects.member(task.projectId, inviter.id)))
      throw forbidden(`only members of its project may invite to task ${taskId}`);
    const invitee = await requireUser(ctx, inviteeId);
    if (!(await store.projects.member(task.projectId, invitee.id)))
      throw invalid('only members of the project can be invited to its tasks');
    // A task has one assignee; giving it to another is the owner's act (`reassignTask`).
    if (task.assigneeId !== null) throw await assignedConflict(ctx, task);
    const content = offlineContent.taskInvitation(inviter, task, remark);
    await projectChanged(ctx, task.projectId);
    return await sendInvitation(
      ctx,
      { kind: 'task', projectId: task.projectId, taskId: task.id, inviter, invitee, remark },
      content,
    );
  });
}

/** Adds a member to the project and its group chat; the others get type 2. */
async function joinProject(ctx: DomainContext, project: Project, member: User) {
  const { store } = ctx;
  const now = ctx.now();
  await store.projects.addMember(project.id, member.id, 'member', now);
  // The group history starts for them on joining: nothing older counts as unread.
  const window = (await store.windows.byId(project.windowId))!;
  await store.windows.addMember(window.id, member.id, 'group', now, window.lastMessageId ?? 0);
  await addSystemLine(ctx, window, member.id, 'joined');
  for (const memberId of await otherMembers(ctx, project.id, member.id))
    await addOfflineMessage(ctx, memberId, offlineContent.memberJoined(member, project));
}

/** Takes a member out of the project and its group chat, which says so. */
async function dropMember(ctx: DomainContext, project: Project, memberId: number, event: 'left' | 'removed') {
  await ctx.store.projects.removeMember(project.id, memberId);
  await ctx.store.windows.removeMember(project.windowId, memberId);
  await addSystemLine(ctx, (await ctx.store.windows.byId(project.windowId))!, memberId, event);
  emit(ctx, { type: 'counts.changed', userIds: [memberId] }); // the group's unread messages go with it
}

export type InvitationAnswer = 'accept' | 'decline';

/**
 * Answers a project (type 4) or task (type 7) invitation. The same answer again is a
 * no-op; any other answer once it stopped waiting (answered, cancelled, taken) is a conflict
 * that says which: accepting a task someone else has names who. Declining tells the inviter.
 */
export async function answerInvitation(
  ctx: DomainContext,
  user: User,
  offlineMessageId: string,
  answer: InvitationAnswer,
): Promise<OfflineMessage> {
  const { store } = ctx;
  return await store.transaction(async () => {
    const message = await ownOfflineMessage(ctx, user.id, offlineMessageId);
    const invitation = await invitationOf(ctx, message);
    const state = answer === 'accept' ? 'accepted' : 'declined';
    if (invitation.state === state) return message;
    if (invitation.state === 'taken' && answer === 'accept')
      throw await assignedConflict(ctx, await taskOf(ctx, invitation));
    if (invitation.state !== 'pending') throw stateConflict(invitation.state);

    const project = await requireProject(ctx, invitation.projectId);
    if (answer === 'decline')
      await settleInvitation(ctx, invitation, state, await tellInviterOfDecline(ctx, invitation, user));
    else if (invitation.kind === 'project') {
      if (!(await store.projects.member(project.id, user.id))) await joinProject(ctx, project, user);
      await settleInvitation(ctx, invitation, state);
    } else {
      if (!(await store.projects.member(project.id, user.id)))
        throw conflict('you are no longer a member of the task’s project');
      // Settled first, so that taking the task's other pending invitations leaves this one accepted.
      await settleInvitation(ctx, invitation, state);
      await assignTask(ctx, await taskOf(ctx, invitation), user);
    }
    await projectChanged(ctx, project.id);
    return (await store.offline.byId(message.id))!;
  });
}

/** The invitation a type 4 or 7 offline message is answered through; any other type cannot be answered. */
export async function invitationOf(ctx: DomainContext, message: OfflineMessage): Promise<Invitation> {
  const invitation = await ctx.store.invitations.byOfflineMessage(message.id);
  if (!invitation || !isInvitationType(message.type)) throw invalid('only invitations (types 4 and 7) can be answered');
  return invitation;
}

const taskOf = async (ctx: DomainContext, invitation: Invitation) => (await ctx.store.tasks.byId(invitation.taskId!))!;

/**
 * The project's owner gives a task to a member, or to another one: the previous assignee is
 * told (1/5), the new one too (1/1), and invitations to it still pending are taken. Giving it
 * to whoever has it already changes nothing.
 */
export async function reassignTask(ctx: DomainContext, owner: User, taskId: string, assigneeId: number): Promise<Task> {
  const { store } = ctx;
  return await store.transaction(async () => {
    // As for reading a project: an unknown task and one of another project answer alike.
    const found = await store.tasks.byId(taskId);
    if (!found || !(await store.projects.member(found.projectId, owner.id))) throw notFound(`no task ${taskId}`);
    const project = await requireProject(ctx, found.projectId);
    if (project.ownerId !== owner.id) throw forbidden('only the project’s owner may assign its tasks');
    if (!(await store.projects.member(project.id, assigneeId)))
      throw invalid('only members of the project can be assigned its tasks');
    if (found.assigneeId === assigneeId) return found;
    const assignee = await requireUser(ctx, assigneeId);
    const about = { projectId: project.id, taskId: found.id, assigneeId: String(assignee.id) };
    if (found.assigneeId !== null && found.assigneeId !== owner.id)
      await notify(
        ctx,
        found.assigneeId,
        'taskReassignedAway',
        '任务已改派',
        `${owner.nickname}将任务「${found.name}」改派给了${assignee.nickname}`,
        { event: 'task.reassigned', ...about },
      );
    if (assignee.id !== owner.id)
      await notify(ctx, assignee.id, 'taskAssigned', '新任务', `${owner.nickname}将任务「${found.name}」指派给了你`, {
        event: 'task.assigned',
        ...about,
      });
    await assignTask(ctx, found, assignee);
    await projectChanged(ctx, project.id);
    return (await store.tasks.byId(found.id))!;
  });
}

/** The owner removes a member: type 5 to them, type 3 to the others. */
export async function removeMember(
  ctx: DomainContext,
  owner: User,
  projectId: string,
  memberId: number,
): Promise<void> {
  const { store } = ctx;
  await store.transaction(async () => {
    const project = await memberProject(ctx, owner.id, projectId);
    if (project.ownerId !== owner.id) throw forbidden('only the owner may remove members');
    if (memberId === owner.id) throw invalid('the owner cannot remove themself');
    if (!(await store.projects.member(project.id, memberId))) throw notFound(`user ${memberId} is not a member`);
    const member = await requireUser(ctx, memberId);
    await dropMember(ctx, project, member.id, 'removed');
    await addOfflineMessage(ctx, member.id, offlineContent.removedFromProject(member, project, owner));
    for (const otherId of await otherMembers(ctx, project.id))
      await addOfflineMessage(ctx, otherId, offlineContent.memberLeft(member, project, true));
    await projectChanged(ctx, project.id, member.id);
  });
}

/** A member leaves: type 3 to the others. The owner cannot leave their own project. */
export async function leaveProject(ctx: DomainContext, user: User, projectId: string): Promise<void> {
  const { store } = ctx;
  await store.transaction(async () => {
    const project = await memberProject(ctx, user.id, projectId);
    if (project.ownerId === user.id) throw conflict('the owner cannot leave the project');
    await dropMember(ctx, project, user.id, 'left');
    for (const otherId of await otherMembers(ctx, project.id))
      await addOfflineMessage(ctx, otherId, offlineContent.memberLeft(user, project, false));
    await projectChanged(ctx, project.id, user.id);
  });
}
