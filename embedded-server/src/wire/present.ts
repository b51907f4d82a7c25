/**
 * How domain records look on the wire: each builder turns records into a shape the
 * contract declares. The dialects and the real-time channel both use them.
 */
import { messageSummary } from '../contract/summary.js';
import type {
  CandidateWire,
  ChatMessageWire,
  ChatWindowWire,
  ImMessageWire,
  InvitationSentWire,
  InvitationWire,
  NotificationStatusItemWire,
  NotificationStatusWire,
  NotificationWire,
  OfflineHistoryMessageWire,
  OfflineMessageWire,
  ProjectDetailWire,
  ProjectWire,
  SearchResultWire,
  SessionWire,
  TaskWire,
  UserCard,
  UserProfile,
} from '../contract/wire.js';
import type { MessageView, WindowView } from '../domain/chat.js';
import type { SearchHit } from '../domain/search.js';
import type { Candidate } from '../domain/invitations.js';
import type {
  ChatMessage,
  Invitation,
  InvitationState,
  InvitationView,
  Notification,
  OfflineMessage,
  Project,
  ProjectMember,
  Session,
  Task,
  User,
} from '../domain/types.js';
import { inboxTime, isoTime } from './time-format.js';
import { attachmentUrl, signedAttachmentUrl } from './signed-urls.js';

export const userCard = (user: User): UserCard => ({
  id: user.id,
  userName: user.username,
  nickname: user.nickname,
  image: user.avatar,
});
export const userProfile = (user: User): UserProfile => ({ ...userCard(user), role: user.role });

export const sessionWire = (session: Session, currentId: string): SessionWire => ({
  id: session.id,
  created_at: isoTime(session.createdAt),
  last_used_at: isoTime(session.lastUsedAt),
  client: session.client,
  current: session.id === currentId,
});

/** Who a wire shape is built for: signed attachment URLs are personal and short-lived. */
export interface Viewer {
  userId: number;
  /** The viewer's signed-in device: signed URLs work only while it stays signed in. */
  sessionId: string;
  now: number;
}

/** A message's one-line summary, by the contract's rule. */
export const summaryOf = (message: ChatMessage) =>
  messageSummary({
    type: message.type,
    text: message.body,
    fileName: message.fileName,
    recalled: message.recalledAt !== null,
  });

/** Seed 004's media fields (and the chat dialect's, which follow them) hold -1 where they do not apply. */
const NOT_APPLICABLE = -1;

/** `belong` is the id of the user who opened the window (API.md §2 chat). */
export function chatMessageWire(view: MessageView, belong: number, viewer: Viewer): ChatMessageWire {
  const { message, quoted } = view;
  return {
    id: message.id,
    message: message.body,
    status: view.read,
    fromId: message.fromId,
    toId: message.toId,
    belong,
    cId: message.windowId,
    created_at: isoTime(message.createdAt),
    type: message.type,
    clientMsgId: message.clientMsgId,
    voiceLength: message.voiceLength ?? NOT_APPLICABLE,
    imageSize: message.imageSize ?? NOT_APPLICABLE,
    attachment: message.attachmentId
      ? { id: message.attachmentId, url: signedAttachmentUrl(message.attachmentId, viewer, viewer.now) }
      : null,
    fileName: message.fileName,
    replyTo: quoted && {
      id: quoted.id,
      fromId: quoted.fromId,
      summary: summaryOf(quoted),
      recalled: quoted.recalledAt !== null,
    },
    forwarded: message.forwardedFrom !== null,
    recalled: message.recalledAt !== null,
    editedAt: message.editedAt,
    reactions: view.reactions,
    mentions: message.mentions,
    system: message.systemEvent,
    deliveredAt: message.toId === null ? null : message.deliveredAt,
    readAt: message.toId === null ? null : message.readAt,
    readCount: view.readCount,
  };
}

export function chatWindowWire(view: WindowView, viewer: Viewer): ChatWindowWire {
  const { window } = view;
  const wire: ChatWindowWire = {
    id: window.id,
    afterMessage: view.lastMessage && summaryOf(view.lastMessage),
    fromId: window.openerId,
    toId: window.peerId,
    created_at: isoTime(window.lastActivityAt),
    messages: view.messages.map((m) => chatMessageWire(m, window.openerId, viewer)),
    user: view.peer && userCard(view.peer),
    type: window.kind,
    unread: window.unread,
    mentionUnread: window.mentionUnread,
  };
  if (view.group) {
    const { project, memberCount } = view.group;
    wire.group = { id: window.id, name: project.name, projectId: project.id, memberCount };
  }
  return wire;
}

/**
 * Seed 004's `content`. Where an image or a voice clip is (the seed's clients expect a link
 * there); a file, which the seed does not know, is the nearest it does: text naming it.
 */
function imContent(message: ChatMessage): string {
  if (message.type === 'FILE') return summaryOf(message);
  return message.attachmentId ? attachmentUrl(message.attachmentId) : message.body;
}

export function imMessageWire(message: ChatMessage, from: User, to: User, appId: string): ImMessageWire {
  return {
    _id: message.objectId,
    fromarea: message.fromArea,
    content: imContent(message),
    t_avatar: to.avatar,
    t_nickname: to.nickname,
    to: String(to.id),
    f_avatar: from.avatar,
    f_nickname: from.nickname,
    from: String(from.id),
    appid: appId,
    __v: 0,
    readtime: message.readAt ?? NOT_APPLICABLE,
    sendtime: message.createdAt,
    update_at: isoTime(message.updatedAt),
    create_at: isoTime(message.createdAt),
    imageSize: message.imageSize ?? NOT_APPLICABLE,
    voiceLength: message.voiceLength ?? NOT_APPLICABLE,
    channel: message.channel,
    torole: to.role,
    fromrole: from.role,
    type: message.type === 'FILE' || message.type === 'SYSTEM' ? 'TEXT' : message.type,
    status: message.readAt === null ? 0 : 1,
  };
}

const statusWire = (status: Notification['status']) => String(status) as NotificationStatusWire;

/** A notification's id and status, for an undo. */
export const notificationStatusItemWire = (n: Notification): NotificationStatusItemWire => ({
  msgId: n.id,
  status: statusWire(n.status),
});

/** Seed 001's notification: exactly these keys; `status` is a string. */
export const notificationWire = (n: Notification): NotificationWire => ({
  id: n.id,
  title: n.title,
  content: n.content,
  status: statusWire(n.status),
  type: n.type,
  subtype: n.subtype,
  params: n.params,
  created_at: inboxTime(n.createdAt),
  updated_at: inboxTime(n.updatedAt),
  user_id: n.userId,
});

/** Seed 000's offline message: exactly these keys. */
export const offlineMessageWire = (m: OfflineMessage): OfflineMessageWire => ({
  id: m.id,
  msg: m.text,
  time: m.createdAt,
  type: m.type,
  dealt: m.dealt,
  extraInfo: m.extraInfo,
});

/** An offline message for the offline extensions: an invitation adds its state. */
export const offlineHistoryMessageWire = (m: OfflineMessage, state?: InvitationState): OfflineHistoryMessageWire =>
  state === undefined ? offlineMessageWire(m) : { ...offlineMessageWire(m), state };

export const projectWire = (p: Project): ProjectWire => ({
  id: p.id,
  name: p.name,
  ownerId: p.ownerId,
  cId: p.windowId,
  created_at: isoTime(p.createdAt),
});

export const taskWire = (t: Task): TaskWire => ({
  id: t.id,
  projectId: t.projectId,
  name: t.name,
  publisherId: t.publisherId,
  assigneeId: t.assigneeId,
  created_at: isoTime(t.createdAt),
});

export function projectDetailWire(
  project: Project,
  members: readonly (ProjectMember & { user: User })[],
  tasks: readonly Task[],
): ProjectDetailWire {
  return {
    ...projectWire(project),
    members: members.map((m) => ({ user: userCard(m.user), role: m.role, joined_at: isoTime(m.joinedAt) })),
    tasks: tasks.map(taskWire),
  };
}

export const invitationSentWire = (invitation: Invitation): InvitationSentWire => ({
  kind: invitation.kind,
  projectId: invitation.projectId,
  taskId: invitation.taskId,
  inviteeId: invitation.inviteeId,
  remark: invitation.remark,
  state: invitation.state,
  created_at: isoTime(invitation.createdAt),
});

export const invitationWire = ({
  invitation,
  projectName,
  task,
  inviter,
  invitee,
}: InvitationView): InvitationWire => ({
  id: invitation.offlineMessageId,
  kind: invitation.kind,
  projectId: invitation.projectId,
  projectName,
  taskId: invitation.taskId,
  taskName: task?.name ?? null,
  from: userCard(inviter),
  to: userCard(invitee),
  remark: invitation.remark,
  state: invitation.state,
  createdAt: isoTime(invitation.createdAt),
  answeredAt: invitation.answeredAt === null ? null : isoTime(invitation.answeredAt),
});

export const candidateWire = ({ user, reason }: Candidate): CandidateWire => ({
  ...userProfile(user),
  available: reason === null,
  reason,
});

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
    status: statusWire(notification.status),
  };
}
