/**
 * The enumerations of the wire: every value a documented field can take, declared once
 * for the server, the renderer and the desktop shell.
 */

export type Role = 'MEMBER' | 'SALER';
export const ROLES: readonly Role[] = ['MEMBER', 'SALER'];

/** A chat message's kind (seed 004 `type`). */
export type MessageType = 'TEXT' | 'IMAGE' | 'VOICE';
export const MESSAGE_TYPES: readonly MessageType[] = ['TEXT', 'IMAGE', 'VOICE'];

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
