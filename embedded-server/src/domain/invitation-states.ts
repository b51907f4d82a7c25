import { conflict, type DomainError } from './errors.js';
import type { DomainContext } from './context.js';
import { emit } from './events.js';
import { createNotification } from './inbox.js';
import { SERVER_NOTICES } from '../contract/enums.js';
import type { ServerNoticeParams } from '../contract/wire.js';
import type { Invitation, InvitationState, InvitationView, Task, User } from './types.js';

/** What a client shows of an invitation that no longer waits for an answer. */
const STATE_WORDS: Record<Exclude<InvitationState, 'pending'>, string> = {
  accepted: '已接受',
  declined: '已拒绝',
  cancelled: '已撤销',
  taken: '已被他人接受',
};

/** The conflict of acting on an invitation in `state`, in the words its card shows. */
export const stateConflict = (state: Exclude<InvitationState, 'pending'>) => conflict(STATE_WORDS[state]);

/** The conflict of taking a task someone else has. */
export const assignedConflict = async (ctx: DomainContext, task: Task): Promise<DomainError> =>
  conflict(`已指派给 ${(await ctx.store.users.byId(task.assigneeId!))!.nickname}`);

export async function invitationView(ctx: DomainContext, invitation: Invitation): Promise<InvitationView> {
  const { store } = ctx;
  return {
    invitation,
    projectName: (await store.projects.byId(invitation.projectId))!.name,
    task: invitation.taskId === null ? null : (await store.tasks.byId(invitation.taskId))!,
    inviter: (await store.users.byId(invitation.inviterId))!,
    invitee: (await store.users.byId(invitation.inviteeId))!,
  };
}

/**
 * Moves an invitation to `state` (back to `pending` for an undo): its offline message is
 * dealt exactly while it no longer waits for an answer, and its invitee and inviter hear of
 * it. Call inside the transaction of the change.
 */
export async function settleInvitation(
  ctx: DomainContext,
  invitation: Invitation,
  state: InvitationState,
  noticeId: number | null = null,
): Promise<Invitation> {
  const { store } = ctx;
  await store.invitations.settle(invitation.id, state, state === 'pending' ? null : ctx.now(), noticeId);
  await store.offline.setDealt(invitation.offlineMessageId, state !== 'pending');
  const settled = (await store.invitations.byId(invitation.id))!;
  emit(ctx, { type: 'invitation.updated', invitation: await invitationView(ctx, settled) });
  return settled;
}

/**
 * Gives the task to `assignee`. Every invitation to it still pending is taken: a task has
 * one assignee, and changing it is the owner's explicit act, never a late accept.
 */
export async function assignTask(ctx: DomainContext, task: Task, assignee: User): Promise<void> {
  await ctx.store.tasks.assign(task.id, assignee.id);
  for (const pending of await ctx.store.invitations.pendingForTask(task.id))
    await settleInvitation(ctx, pending, 'taken');
}

/** Tells every member of the project (and `alsoTell`: someone who just left) that it changed. */
export async function projectChanged(ctx: DomainContext, projectId: string, ...alsoTell: number[]): Promise<void> {
  const memberIds = (await ctx.store.projects.members(projectId)).map((m) => m.userId);
  emit(ctx, { type: 'project.updated', projectId, userIds: [...new Set([...memberIds, ...alsoTell])] });
}

/** A notification the server writes to a user, of a type and subtype of `SERVER_NOTICES`. */
export async function notify(
  ctx: DomainContext,
  userId: number,
  kind: keyof typeof SERVER_NOTICES,
  title: string,
  content: string,
  params: ServerNoticeParams,
): Promise<number> {
  const { type, subtype } = SERVER_NOTICES[kind];
  return (
    await createNotification(ctx, 'app', { userId, title, content, type, subtype, params: JSON.stringify(params) })
  ).id;
}

/** Tells the inviter their invitation was declined; the notice's id (an undo withdraws it). */
export async function tellInviterOfDecline(
  ctx: DomainContext,
  invitation: Invitation,
  invitee: User,
): Promise<number | null> {
  if (invitation.inviterId === invitee.id) return null; // someone who asked themself needs no notice
  const { projectName, task } = await invitationView(ctx, invitation);
  const what = task ? `接受任务「${task.name}」` : `加入项目「${projectName}」`;
  return await notify(
    ctx,
    invitation.inviterId,
    task ? 'taskInvitationDeclined' : 'projectInvitationDeclined',
    '邀请被拒绝',
    `${invitee.nickname}拒绝了你的邀请: ${what}`,
    {
      event: 'invitation.declined',
      invitationId: invitation.offlineMessageId,
      projectId: invitation.projectId,
      taskId: invitation.taskId,
      userId: String(invitee.id),
    },
  );
}
