import type { OfflineMessage } from '../../api/wire.js';

/** The eight offline message types of seed 000. */
export const OfflineType = {
  privateMessage: 0,
  groupMessage: 1,
  memberJoined: 2,
  memberLeft: 3,
  projectInvitation: 4,
  removedFromProject: 5,
  taskPublished: 6,
  taskInvitation: 7,
} as const;

export const isInvitation = (message: OfflineMessage) =>
  message.type === OfflineType.projectInvitation || message.type === OfflineType.taskInvitation;

export const isPendingInvitation = (message: OfflineMessage) => isInvitation(message) && !message.dealt;

/**
 * Pending invitations on one side, everything else (answered invitations included) on the
 * other, both in the history's order. `keepPending` holds invitations answered while the
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
    else activity.push(message);
  }
  return { pending, activity };
}

/** What an offline message is about, for the link that opens it. */
export type Subject =
  { kind: 'window'; cId: number } | { kind: 'project'; projectId: string } | { kind: 'task'; taskId: string } | null;

export function subjectOf(message: OfflineMessage): Subject {
  const { cId, projectId, missionId } = message.extraInfo;
  switch (message.type) {
    case OfflineType.privateMessage:
    case OfflineType.groupMessage:
      return typeof cId === 'number' ? { kind: 'window', cId } : null;
    case OfflineType.memberJoined:
    case OfflineType.memberLeft:
    case OfflineType.projectInvitation:
      return typeof projectId === 'string' ? { kind: 'project', projectId } : null;
    case OfflineType.taskPublished:
    case OfflineType.taskInvitation:
      return typeof missionId === 'string' ? { kind: 'task', taskId: missionId } : null;
    default:
      // Removed from a project: there is nothing left to open.
      return null;
  }
}
