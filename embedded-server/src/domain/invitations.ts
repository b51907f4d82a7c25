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
export function projectInvitations(ctx: DomainContext, user: User, projectId: string): InvitationView[] {
  const project = memberProject(ctx, user.id, projectId);
  return ctx.store.invitations
    .ofProject(project.id)
    .filter((i) => project.ownerId === user.id || i.inviterId === user.id)
    .map((i) => invitationView(ctx, i));
}

/**
 * An invitation by its offline message id, for its invitee, its inviter and the project's
 * owner; to anyone else it does not exist.
 */
function visibleInvitation(ctx: DomainContext, user: User, id: string): Invitation {
  const invitation = ctx.store.invitations.byOfflineMessage(id);
  const project = invitation && ctx.store.projects.byId(invitation.projectId);
  if (!invitation || !project || ![invitation.inviteeId, invitation.inviterId, project.ownerId].includes(user.id))
    throw notFound(`no invitation ${id}`);
  return invitation;
}

export const invitationFor = (ctx: DomainContext, user: User, id: string): InvitationView =>
  invitationView(ctx, visibleInvitation(ctx, user, id));

/**
 * Withdraws a pending invitation: its inviter (while still a member) or the project's owner.
 * The invitee's card turns 已撤销 and stops counting as pending.
 */
export function cancelInvitation(ctx: DomainContext, user: User, id: string): InvitationView {
  const { store } = ctx;
  return store.transaction(() => {
    const invitation = visibleInvitation(ctx, user, id);
    const project = store.projects.byId(invitation.projectId)!;
    const mayCancel =
      project.ownerId === user.id ||
      (invitation.inviterId === user.id && store.projects.member(project.id, user.id) !== undefined);
    if (!mayCancel) throw forbidden('only the inviter or the project’s owner may cancel an invitation');
    if (invitation.state !== 'pending') throw stateConflict(invitation.state);
    const cancelled = settleInvitation(ctx, invitation, 'cancelled');
    projectChanged(ctx, project.id);
    return invitationView(ctx, cancelled);
  });
}

/**
 * The invitee takes back a decline within `DECLINE_UNDO_WINDOW_MS`: the invitation waits for
 * an answer again and the notice that told the inviter is withdrawn. Undoing what is pending
 * already changes nothing; once the window passed, or the invitation can no longer wait
 * (accepted, cancelled, the task given away, a newer invitation), it is a conflict.
 */
export function undoDecline(ctx: DomainContext, user: User, id: string): OfflineMessage {
  const { store } = ctx;
  return store.transaction(() => {
    const message = ownOfflineMessage(ctx, user.id, id);
    const invitation = invitationOf(ctx, message);
    if (invitation.state === 'pending') return message;
    if (invitation.state !== 'declined') throw stateConflict(invitation.state);
    if (ctx.now() - invitation.answeredAt! > DECLINE_UNDO_WINDOW_MS) throw conflict('拒绝已超过 10 秒，无法撤销');
    const task = invitation.taskId === null ? null : store.tasks.byId(invitation.taskId)!;
    if (task?.assigneeId != null) throw assignedConflict(ctx, task);
    if (store.invitations.pendingFor(invitation.kind, invitation.projectId, invitation.taskId, user.id))
      throw conflict('已有新的邀请');
    const member = store.projects.member(invitation.projectId, user.id) !== undefined;
    if (invitation.kind === 'project' && member) throw conflict('已是项目成员');
    if (invitation.kind === 'task' && !member) throw conflict('已不是项目成员');

    if (invitation.noticeId !== null) {
      store.notifications.remove(invitation.noticeId);
      emit(ctx, { type: 'notification.removed', userId: invitation.inviterId, id: invitation.noticeId });
    }
    settleInvitation(ctx, invitation, 'pending');
    projectChanged(ctx, invitation.projectId);
    return store.offline.byId(message.id)!;
  });
}

/** The state of the invitation a type 4 or 7 offline message stands for (none for other types). */
export const invitationStateOf = (ctx: DomainContext, message: OfflineMessage): InvitationState | undefined =>
  ctx.store.invitations.byOfflineMessage(message.id)?.state;

export interface Candidate {
  user: User;
  reason: CandidateReason | null;
}

/**
 * The member picker: users of the directory matching `term`, each with why they cannot be
 * invited to the project, if they cannot (already a member, or invited and not answered yet).
 */
export function projectCandidates(
  ctx: DomainContext,
  user: User,
  projectId: string,
  term: string,
  limit: number,
): Candidate[] {
  const project = memberProject(ctx, user.id, projectId);
  const invited = new Set(
    ctx.store.invitations
      .ofProject(project.id)
      .filter((i) => i.kind === 'project' && i.state === 'pending')
      .map((i) => i.inviteeId),
  );
  return searchDirectory(ctx, term, limit).map((candidate) => ({
    user: candidate,
    reason: ctx.store.projects.member(project.id, candidate.id)
      ? 'member'
      : invited.has(candidate.id)
        ? 'invited'
        : null,
  }));
}
