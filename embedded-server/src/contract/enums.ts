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
