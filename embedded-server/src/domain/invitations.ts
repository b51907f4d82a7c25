import { conflict, forbidden, notFound } from './errors.js';
import type { DomainContext } from './context.js';
import { emit } from './events.js';
import { searchDirectory } from './accounts.js';
import { ownOfflineMessage } from './offline-messages.js';
import { invitationOf, memberProject } from './projects.js';
import {
  assignedConflict,
  invitationView,
  projectChanged,
  settleInvitation,
  stateConflict,
} from './invitation-states.js';
import { DECLINE_UNDO_WINDOW_MS } from '../contract/enums.js';
import type { CandidateReason } from '../contract/wire.js';
import type { Invitation, InvitationState, InvitationView, OfflineMessage, User } from './types.js';

/**
 * The invitations sent in a project, newest first: its owner sees every one, another member
 * those they sent. Outsiders are answered as for the project itself (not found).
 */
export async function projectInvitations(ctx: DomainContext, user: User, projectId: string): Promise<InvitationView[]> {
  const project = await memberProject(ctx, user.id, projectId);
  return Promise.all(
    (await ctx.store.invitations.ofProject(project.id))
      .filter((i) => project.ownerId === user.id || i.inviterId === user.id)
      .map((i) => invitationView(ctx, i)),
  );
}

/**
 * An invitation by its offline message id, for its invitee, its inviter and the project's
 * owner; to anyone else it does not exist.
 */
async function visibleInvitation(ctx: DomainContext, user: User, id: string): Promise<Invitation> {
  const invitation = await ctx.store.invitations.byOfflineMessage(id);
  const project = invitation && (await ctx.store.projects.byId(invitation.projectId));
  if (!invitation || !project || ![invitation.inviteeId, invitation.inviterId, project.ownerId].includes(user.id))
    throw notFound(`no invitation ${id}`);
  return invitation;
}

export const invitationFor = async (ctx: DomainContext, user: User, id: string): Promise<InvitationView> =>
  await invitationView(ctx, await visibleInvitation(ctx, user, id));

/**
 * Withdraws a pending invitation: its inviter (while still a member) or the project's owner.
 * The invitee's card turns 已撤销 and stops counting as pending.
 */
export async function cancelInvitation(ctx: DomainContext, user: User, id: string): Promise<InvitationView> {
  const { store } = ctx;
  return await store.transaction(async () => {
    const invitation = await visibleInvitation(ctx, user, id);
    const project = (await store.projects.byId(invitation.projectId))!;
    const mayCancel =
      project.ownerId === user.id ||
      (invitation.inviterId === user.id && (await store.projects.member(project.id, user.id)) !== undefined);
    if (!mayCancel) throw forbidden('only the inviter or the project’s owner may cancel an invitation');
    if (invitation.state !== 'pending') throw stateConflict(invitation.state);
    const cancelled = await settleInvitation(ctx, invitation, 'cancelled');
    await projectChanged(ctx, project.id);
    return await invitationView(ctx, cancelled);
  });
}

/**
 * The invitee takes back a decline within `DECLINE_UNDO_WINDOW_MS`: the invitation waits for
 * an answer again and the notice that told the inviter is withdrawn. Undoing what is pending
 * already changes nothing; once the window passed, or the invitation can no longer wait
 * (accepted, cancelled, the task given away, a newer invitation), it is a conflict.
 */
export async function undoDecline(ctx: DomainContext, user: User, id: string): Promise<OfflineMessage> {
  const { store } = ctx;
  return await store.transaction(async () => {
    const message = await ownOfflineMessage(ctx, user.id, id);
    const invitation = await invitationOf(ctx, message);
    if (invitation.state === 'pending') return message;
    if (invitation.state !== 'declined') throw stateConflict(invitation.state);
    if (ctx.now() - invitation.answeredAt! > DECLINE_UNDO_WINDOW_MS) throw conflict('拒绝已超过 10 秒，无法撤销');
    const task = invitation.taskId === null ? null : (await store.tasks.byId(invitation.taskId))!;
    if (task?.assigneeId != null) throw await assignedConflict(ctx, task);
    if (await store.invitations.pendingFor(invitation.kind, invitation.projectId, invitation.taskId, user.id))
      throw conflict('已有新的邀请');
    const member = (await store.projects.member(invitation.projectId, user.id)) !== undefined;
    if (invitation.kind === 'project' && member) throw conflict('已是项目成员');
    if (invitation.kind === 'task' && !member) throw conflict('已不是项目成员');

    if (invitation.noticeId !== null) {
      await store.notifications.remove(invitation.noticeId);
      emit(ctx, { type: 'notification.removed', userId: invitation.inviterId, id: invitation.noticeId });
    }
    await settleInvitation(ctx, invitation, 'pending');
    await projectChanged(ctx, invitation.projectId);
    return (await store.offline.byId(message.id))!;
  });
}

/** The state of the invitation a type 4 or 7 offline message stands for (none for other types). */
export const invitationStateOf = async (
  ctx: DomainContext,
  message: OfflineMessage,
): Promise<InvitationState | undefined> => (await ctx.store.invitations.byOfflineMessage(message.id))?.state;

export interface Candidate {
  user: User;
  reason: CandidateReason | null;
}

/**
 * The member picker: users of the directory matching `term`, each with why they cannot be
 * invited to the project, if they cannot (already a member, or invited and not answered yet).
 */
export async function projectCandidates(
  ctx: DomainContext,
  user: User,
  projectId: string,
  term: string,
  limit: number,
): Promise<Candidate[]> {
  const project = await memberProject(ctx, user.id, projectId);
  const invited = new Set(
    (await ctx.store.invitations.ofProject(project.id))
      .filter((i) => i.kind === 'project' && i.state === 'pending')
      .map((i) => i.inviteeId),
  );
  return Promise.all(
    (await searchDirectory(ctx, term, limit)).map(async (candidate) => ({
      user: candidate,
      reason: (await ctx.store.projects.member(project.id, candidate.id))
        ? 'member'
        : invited.has(candidate.id)
          ? 'invited'
          : null,
    })),
  );
}
