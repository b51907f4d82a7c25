/**
 * The wire shapes of every dialect, built from domain records. The renderer imports
 * these types (as types only) so both sides agree on what travels.
 */
import type { MessageView, WindowView } from '../domain/chat.js';
import type { ChatMessage, Notification, OfflineMessage, Project, Task, User } from '../domain/types.js';
import { inboxTime, isoTime } from './time-format.js';
import { attachmentUrl, signedAttachmentUrl } from './signed-urls.js';
import { messageSummary } from '../domain/message-summary.js';
import type { Highlight, SearchHit } from '../domain/search.js';

export interface UserCard {
  id: number;
  userName: string;
  nickname: string;
  image: string;
}
export interface UserProfile extends UserCard {
  role: User['role'];
}

export const userCard = (user: User): UserCard => ({
  id: user.id,
  userName: user.username,
  nickname: user.nickname,
  image: user.avatar,
});
export const userProfile = (user: User): UserProfile => ({ ...userCard(user), role: user.role });

/** Who a wire shape is built for: signed attachment URLs are personal and short-lived. */
export interface Viewer {
  userId: number;
  now: number;
}

/** Seed 003's message, plus `type`, `clientMsgId`, the media fields and `attachment`. */
export interface ChatMessageWire {
  id: number;
  message: string;
  status: boolean;
  fromId: number;
  toId: number | null;
  belong: number;
  cId: number;
  created_at: string;
  type: ChatMessage['type'];
  clientMsgId: string | null;
  voiceLength: number;
  imageSize: number;
  /** The image or voice clip; `url` works without a bearer token, for the viewer, for an hour. */
  attachment: { id: string; url: string } | null;
}

/** `belong` is the id of the user who opened the window (API.md §2 chat). */
export const chatMessageWire = (message: MessageView, belong: number, viewer: Viewer): ChatMessageWire => ({
  id: message.id,
  message: message.body,
  status: message.read,
  fromId: message.fromId,
  toId: message.toId,
  belong,
  cId: message.windowId,
  created_at: isoTime(message.createdAt),
  type: message.type,
  clientMsgId: message.clientMsgId,
  voiceLength: message.voiceLength,
  imageSize: message.imageSize,
  attachment: message.attachmentId
    ? { id: message.attachmentId, url: signedAttachmentUrl(message.attachmentId, viewer.userId, viewer.now) }
    : null,
});

/** Seed 003's window, plus `type`, `unread` and, for groups, `group`. */
export interface ChatWindowWire {
  id: number;
  afterMessage: string | null;
  fromId: number;
  toId: number | null;
  created_at: string;
  messages: ChatMessageWire[];
  user: UserCard | null;
  type: 'direct' | 'group';
  unread: number;
  group?: { id: number; name: string; projectId: string; memberCount: number };
}

export function chatWindowWire(view: WindowView, viewer: Viewer): ChatWindowWire {
  const { window } = view;
  const wire: ChatWindowWire = {
    id: window.id,
    afterMessage: view.lastMessage && messageSummary(view.lastMessage),
    fromId: window.openerId,
    toId: window.peerId,
    created_at: isoTime(window.lastActivityAt),
    messages: view.messages.map((m) => chatMessageWire(m, window.openerId, viewer)),
    user: view.peer && userCard(view.peer),
    type: window.kind,
    unread: window.unread,
  };
  if (view.group) {
    const { project, memberCount } = view.group;
    wire.group = { id: window.id, name: project.name, projectId: project.id, memberCount };
  }
  return wire;
}

/** Seed 004's message, keys in the seed's order. */
export interface ImMessageWire {
  _id: string;
  fromarea: string;
  content: string;
  t_avatar: string;
  t_nickname: string;
  to: string;
  f_avatar: string;
  f_nickname: string;
  from: string;
  appid: string;
  __v: 0;
  readtime: number;
  sendtime: number;
  update_at: string;
  create_at: string;
  imageSize: number;
  voiceLength: number;
  channel: ChatMessage['channel'];
  torole: User['role'];
  fromrole: User['role'];
  type: ChatMessage['type'];
  status: 0 | 1;
}

export function imMessageWire(message: ChatMessage, from: User, to: User, appId: string): ImMessageWire {
  return {
    _id: message.objectId,
    fromarea: message.fromArea,
    // A media message's content is where its file is (the seed's clients expect a link there).
    content: message.attachmentId ? attachmentUrl(message.attachmentId) : message.body,
    t_avatar: to.avatar,
    t_nickname: to.nickname,
    to: String(to.id),
    f_avatar: from.avatar,
    f_nickname: from.nickname,
    from: String(from.id),
    appid: appId,
    __v: 0,
    readtime: message.readAt ?? -1,
    sendtime: message.createdAt,
    update_at: isoTime(message.updatedAt),
    create_at: isoTime(message.createdAt),
    imageSize: message.imageSize,
    voiceLength: message.voiceLength,
    channel: message.channel,
    torole: to.role,
    fromrole: from.role,
    type: message.type,
    status: message.readAt === null ? 0 : 1,
  };
}

/** Seed 001's notification: exactly these keys; `status` is a string. */
export interface NotificationWire {
  id: number;
  title: string;
  content: string;
  status: '0' | '1' | '2';
  type: number;
  subtype: number;
  params: string | null;
  created_at: string | null;
  updated_at: string | null;
  user_id: number;
}

export const notificationWire = (n: Notification): NotificationWire => ({
  id: n.id,
  title: n.title,
  content: n.content,
  status: String(n.status) as NotificationWire['status'],
  type: n.type,
  subtype: n.subtype,
  params: n.params,
  created_at: inboxTime(n.createdAt),
  updated_at: inboxTime(n.updatedAt),
  user_id: n.userId,
});

/** Seed 000's offline message: exactly these keys. */
export interface OfflineMessageWire {
  id: string;
  msg: string;
  time: number;
  type: number;
  dealt: boolean;
  extraInfo: Record<string, string | number>;
}

export const offlineMessageWire = (m: OfflineMessage): OfflineMessageWire => ({
  id: m.id,
  msg: m.text,
  time: m.createdAt,
  type: m.type,
  dealt: m.dealt,
  extraInfo: m.extraInfo,
});

export interface ProjectWire {
  id: string;
  name: string;
  ownerId: number;
  cId: number;
  created_at: string;
}

export const projectWire = (p: Project): ProjectWire => ({
  id: p.id,
  name: p.name,
  ownerId: p.ownerId,
  cId: p.windowId,
  created_at: isoTime(p.createdAt),
});

export interface TaskWire {
  id: string;
  projectId: string;
  name: string;
  publisherId: number;
  assigneeId: number | null;
  created_at: string;
}

export const taskWire = (t: Task): TaskWire => ({
  id: t.id,
  projectId: t.projectId,
  name: t.name,
  publisherId: t.publisherId,
  assigneeId: t.assigneeId,
  created_at: isoTime(t.createdAt),
});

interface SearchResultCommon {
  id: number;
  /** The whole plain text: a message's body, a notification's content. */
  text: string;
  /** A plain-text excerpt around the first match, with '…' where it was cut. */
  snippet: string;
  /** Every occurrence of the term in `snippet`, as UTF-16 offsets: the client highlights without parsing HTML. */
  highlights: Highlight[];
  created_at: string | null;
}

export interface MessageSearchResultWire extends SearchResultCommon {
  kind: 'message';
  cId: number;
  fromId: number;
}

export interface NotificationSearchResultWire extends SearchResultCommon {
  kind: 'notification';
  title: string;
  type: number;
  status: NotificationWire['status'];
}

export type SearchResultWire = MessageSearchResultWire | NotificationSearchResultWire;

export function searchResultWire(hit: SearchHit): SearchResultWire {
  const { snippet, highlights } = hit.excerpt;
  if (hit.kind === 'message') {
    const { message } = hit;
    return {
      kind: 'message',
      id: message.id,
      text: message.body,
      snippet,
      highlights,
      created_at: isoTime(message.createdAt),
      cId: message.windowId,
      fromId: message.fromId,
    };
  }
  const { notification } = hit;
  return {
    kind: 'notification',
    id: notification.id,
    text: notification.content,
    snippet,
    highlights,
    created_at: notification.createdAt === null ? null : isoTime(notification.createdAt),
    title: notification.title,
    type: notification.type,
    status: String(notification.status) as NotificationWire['status'],
  };
}
