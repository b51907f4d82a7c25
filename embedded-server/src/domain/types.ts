/** The domain's records, as the repositories read them from the store. */
import type {
  Channel,
  InvitationState,
  MessageType,
  NotificationStatus,
  OfflineType,
  Role,
  SystemEvent,
  WindowKind,
} from '../contract/enums.js';
import type { OfflineExtraInfo } from '../contract/wire.js';
import type { AttachmentMime } from './file-types.js';

export type {
  Channel,
  InvitationState,
  MessageType,
  NotificationStatus,
  OfflineExtraInfo,
  OfflineType,
  Role,
  SystemEvent,
  WindowKind,
};

export interface User {
  id: number;
  username: string;
  nickname: string;
  avatar: string;
  role: Role;
  createdAt: number;
}

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
  /** Unread messages that mention the member. */
  mentionUnread: number;
  readUpTo: number;
  /** The member's delivery cursor: messages up to it reached one of their devices. */
  deliveredUpTo: number;
}

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
  /** A FILE message's file name. */
  fileName: string | null;
  /** Seconds, for a voice message; null for any other. */
  voiceLength: number | null;
  /** Bytes, for an image message; null for any other. */
  imageSize: number | null;
  clientMsgId: string | null;
  channel: Channel;
  fromArea: string;
  /** The message of the same window this one answers. */
  replyTo: number | null;
  /** The message this one is a copy of. */
  forwardedFrom: number | null;
  /** The users mentioned, or 'all' (group windows). */
  mentions: (number | 'all')[];
  /** What a SYSTEM line says happened to `fromId`. */
  systemEvent: SystemEvent | null;
  recalledAt: number | null;
  editedAt: number | null;
  createdAt: number;
  updatedAt: number;
  deliveredAt: number | null;
  readAt: number | null;
}

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
  /** The notification that told the inviter of a decline (withdrawn when the decline is undone). */
  noticeId: number | null;
}

/** An invitation with what its wire shape names: the project, the task, who sent it and to whom. */
export interface InvitationView {
  invitation: Invitation;
  projectName: string;
  task: Task | null;
  inviter: User;
  invitee: User;
}

/** An uploaded file. Its bytes are kept once per content, its record once per upload. */
export interface Attachment {
  /** 24 hex, random: neither the content nor an earlier upload of the same file reveals it. */
  id: string;
  sha256: string;
  size: number;
  mime: AttachmentMime;
  /** The name given on upload, if any. */
  fileName: string | null;
  uploaderId: number;
  createdAt: number;
}

/** A signed-in device: one bearer token, known by a public id. */
export interface Session {
  id: string;
  userId: number;
  createdAt: number;
  lastUsedAt: number;
  /** What the client said it is when it signed in (its User-Agent, cut short). */
  client: string;
}
