/**
 * The enumerations of the wire: every value a documented field can take, declared once
 * for the server, the renderer and the desktop shell.
 */

export type Role = 'MEMBER' | 'SALER';
export const ROLES: readonly Role[] = ['MEMBER', 'SALER'];

/**
 * A chat message's kind. Seed 004 knows TEXT, IMAGE and VOICE; FILE (any other file) and
 * SYSTEM (a member joined, left or was removed, in a group's history) are the extensions'.
 */
export type MessageType = 'TEXT' | 'IMAGE' | 'VOICE' | 'FILE' | 'SYSTEM';
/** What a person can send (a SYSTEM line is written by the server). */
export type SentMessageType = Exclude<MessageType, 'SYSTEM'>;
export const SENT_MESSAGE_TYPES: readonly SentMessageType[] = ['TEXT', 'IMAGE', 'VOICE', 'FILE'];

/** What a SYSTEM line in a group's history says happened to its `fromId`. */
export type SystemEvent = 'joined' | 'left' | 'removed';

/** A sender may recall a message this long after sending it (API.md §3b). */
export const RECALL_WINDOW_MS = 2 * 60 * 1000;
/** A sender may edit a text message this long after sending it. */
export const EDIT_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Every member of a group window, as a mention (the project owner only). */
export const MENTION_ALL = 'all';

/** Where a message was sent from (seed 004 `channel`). */
export type Channel = 'PC' | 'WX';

/** A one-to-one window, or a project's group window. */
export type WindowKind = 'direct' | 'group';

/** Seed 000's offline message types. */
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
export type OfflineType = (typeof OfflineType)[keyof typeof OfflineType];

/** The offline types a person answers (accept or decline). */
export const INVITATION_TYPES: readonly OfflineType[] = [OfflineType.projectInvitation, OfflineType.taskInvitation];
export const isInvitationType = (type: number) => (INVITATION_TYPES as readonly number[]).includes(type);

/**
 * Where an invitation (offline type 4 or 7) stands. `cancelled`: withdrawn by its inviter or
 * the project's owner; `taken`: the task went to someone else (已被他人接受).
 */
export type InvitationState = 'pending' | 'accepted' | 'declined' | 'cancelled' | 'taken';

/** How long after declining an invitation its invitee may undo the decline (`POST /offlineMessages/{id}/undo`). */
export const DECLINE_UNDO_WINDOW_MS = 10 * 1000;

/**
 * The notifications the server writes itself, each with the type and subtype of seed 001's
 * table that fits it: a declined project invitation is a result of asking someone into a group
 * (6 用户 / 4 加入群组结果); a declined task invitation and a task taken away by re-assignment
 * are results of handing a task on (1 工作（任务） / 5 任务流转审批审核结果); a task assigned by
 * the owner is a new task (1 / 1 新任务提醒).
 */
export const SERVER_NOTICES = {
  projectInvitationDeclined: { type: 6, subtype: 4 },
  taskInvitationDeclined: { type: 1, subtype: 5 },
  taskReassignedAway: { type: 1, subtype: 5 },
  taskAssigned: { type: 1, subtype: 1 },
} as const;

/** At most this many notifications are restored by one `POST /message/restore` (a longer undo takes several). */
export const MAX_RESTORE_ITEMS = 1000;

/** Seed 001's notification states; the inbox dialect writes them as strings ("0", "1", "2"). */
export const NotificationStatus = { unread: 0, read: 1, todo: 2 } as const;
export type NotificationStatus = (typeof NotificationStatus)[keyof typeof NotificationStatus];

/** Seed 001's notification types. */
export const NOTIFICATION_TYPES = [1, 2, 3, 4, 5, 6, 7] as const;

/** Seed 001's subtypes per type. Types 2 and 7 also allow 0 ("默认值为0"). */
export const NOTIFICATION_SUBTYPES: Readonly<Record<number, readonly number[]>> = {
  1: [1, 2, 3, 4, 5, 6],
  2: [0, 1, 2],
  3: [1, 2],
  4: [1, 2],
  5: [1, 2, 3, 4, 5],
  6: [1, 2, 3, 4, 5, 6],
  7: [0],
};

/** How many of its latest messages a window carries in the chat dialect's window list. */
export const WINDOW_PREVIEW_MESSAGES = 20;
