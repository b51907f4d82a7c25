import { isInvitationType, OfflineType } from '../../api/contract.js';
import type { OfflineMessage } from '../../api/wire.js';

export const isInvitation = (message: OfflineMessage) => isInvitationType(message.type);

export const isPendingInvitation = (message: OfflineMessage) => isInvitation(message) && !message.dealt;

/** Direct and group chat messages that arrived while away: they are the chats' (read there), not activity. */
export const isChatMessage = (message: OfflineMessage) =>
  message.type === OfflineType.privateMessage || message.type === OfflineType.groupMessage;

/**
 * Pending invitations on one side, the project and task events (answered invitations
 * included) on the other, both in the history's order; chat messages on neither. `keepPending` holds invitations answered while the
 * section is open: they stay where the user answered them, showing the answer, instead of
 * jumping into the activity feed under the pointer.
 */
export function splitOffline(
  messages: readonly OfflineMessage[],
  keepPending: ReadonlySet<string> = new Set(),
): { pending: OfflineMessage[]; activity: OfflineMessage[] } {
  const pending: OfflineMessage[] = [];
  const activity: OfflineMessage[] = [];
  for (const message of messages) {
    if (isPendingInvitation(message) || (isInvitation(message) && keepPending.has(message.id))) pending.push(message);
    else if (!isChatMessage(message)) activity.push(message);
  }
  return { pending, activity };
}

/** What an offline message is about, for the link that opens it. */
export type Subject =
  { kind: 'window'; cId: number } | { kind: 'project'; projectId: string } | { kind: 'task'; taskId: string } | null;

/** A window id as `extraInfo` writes it: a decimal string (every value there is a string). */
function windowId(cId: string | undefined): number | null {
  return cId !== undefined && /^[1-9]\d*$/.test(cId) ? Number(cId) : null;
}

export function subjectOf(message: OfflineMessage): Subject {
  const { cId, projectId, missionId } = message.extraInfo;
  switch (message.type) {
    case OfflineType.privateMessage:
    case OfflineType.groupMessage: {
      const id = windowId(cId);
      return id === null ? null : { kind: 'window', cId: id };
    }
    case OfflineType.memberJoined:
    case OfflineType.memberLeft:
    case OfflineType.projectInvitation:
      return projectId ? { kind: 'project', projectId } : null;
    case OfflineType.taskPublished:
    case OfflineType.taskInvitation:
      return missionId ? { kind: 'task', taskId: missionId } : null;
    default:
      // Removed from a project: there is nothing left to open.
      return null;
  }
}
