/** The domain's records, as the repositories read them from the store. */

export type Role = 'MEMBER' | 'SALER';

export interface User {
  id: number;
  username: string;
  nickname: string;
  avatar: string;
  role: Role;
  createdAt: number;
}

export type WindowKind = 'direct' | 'group';

export interface ChatWindow {
  id: number;
  kind: WindowKind;
  openerId: number;
  /** The other side of a one-to-one window; null for a group. */
  peerId: number | null;
  createdAt: number;
  lastActivityAt: number;
  lastMessageId: number | null;
}

/** A window as one member sees it: with that member's counters. */
export interface MemberWindow extends ChatWindow {
  unread: number;
  readUpTo: number;
}

export type MessageType = 'TEXT' | 'IMAGE' | 'VOICE';
export type Channel = 'PC' | 'WX';

export interface ChatMessage {
  id: number;
  objectId: string;
  windowId: number;
  fromId: number;
  /** The recipient of a one-to-one message; null in a group window. */
  toId: number | null;
  body: string;
  type: MessageType;
  attachmentId: string | null;
  voiceLength: number;
  imageSize: number;
  clientMsgId: string | null;
  channel: Channel;
  fromArea: string;
  createdAt: number;
  updatedAt: number;
  deliveredAt: number | null;
  readAt: number | null;
}

export type NotificationStatus = 0 | 1 | 2;

export interface Notification {
  id: number;
  userId: number;
  title: string;
  content: string;
  status: NotificationStatus;
  type: number;
  subtype: number;
  params: string | null;
  createdAt: number | null;
  updatedAt: number | null;
  readAt: number | null;
}

/** Seed 000's message types. */
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

export type OfflineExtraInfo = Record<string, string | number>;

export interface OfflineMessage {
  seq: number;
  id: string;
  userId: number;
  type: OfflineType;
  text: string;
  extraInfo: OfflineExtraInfo;
  dealt: boolean;
  chatMessageId: number | null;
  createdAt: number;
  deliveredAt: number | null;
}

export interface Project {
  id: string;
  name: string;
  ownerId: number;
  windowId: number;
  createdAt: number;
}

export interface ProjectMember {
  userId: number;
  role: 'owner' | 'member';
  joinedAt: number;
}

export interface Task {
  id: string;
  projectId: string;
  name: string;
  publisherId: number;
  assigneeId: number | null;
  createdAt: number;
}

export type InvitationState = 'pending' | 'accepted' | 'declined';

export interface Invitation {
  id: number;
  kind: 'project' | 'task';
  projectId: string;
  taskId: string | null;
  inviterId: number;
  inviteeId: number;
  remark: string;
  state: InvitationState;
  offlineMessageId: string;
  createdAt: number;
  answeredAt: number | null;
}
