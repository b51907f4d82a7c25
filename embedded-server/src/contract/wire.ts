/**
 * The wire shapes of every dialect and extension (API.md §2, §3): what travels, declared
 * once. The server builds them from domain records; the renderer reads them.
 */
import type { Channel, InvitationState, MessageType, Role, SystemEvent, WindowKind } from './enums.js';

export interface UserCard {
  id: number;
  userName: string;
  nickname: string;
  image: string;
}
export interface UserProfile extends UserCard {
  role: Role;
}

/** `POST /api/auth/register` and `/api/auth/login`. */
export interface SignedInWire {
  token: string;
  user: UserProfile;
}

/** What a reply shows of the message it answers. */
export interface ReplyQuoteWire {
  id: number;
  fromId: number;
  /** One line, by the summary rule; `[已撤回]` once the quoted message is recalled. */
  summary: string;
  recalled: boolean;
}

/** One emoji on a message, and who put it there. */
export interface ReactionWire {
  emoji: string;
  userIds: number[];
}

/**
 * Seed 003's message, plus `type`, `clientMsgId`, the media fields, `attachment` and the
 * extensions of API.md §3b (replies, forwards, recall, edit, reactions, mentions, receipts).
 */
export interface ChatMessageWire {
  id: number;
  message: string;
  status: boolean;
  fromId: number;
  toId: number | null;
  belong: number;
  cId: number;
  created_at: string;
  type: MessageType;
  clientMsgId: string | null;
  voiceLength: number;
  imageSize: number;
  /** The image, voice clip or file; `url` works without a bearer token, for the viewer, for an hour. */
  attachment: { id: string; url: string } | null;
  /** A FILE message's file name. */
  fileName: string | null;
  replyTo: ReplyQuoteWire | null;
  forwarded: boolean;
  /** Recalled by its sender: `message` is empty and the attachment gone. */
  recalled: boolean;
  /** When the sender last edited the text (ms), or null. */
  editedAt: number | null;
  reactions: ReactionWire[];
  /** The users mentioned (group windows), or `["all"]`. */
  mentions: (number | 'all')[];
  /** What a SYSTEM line says happened to `fromId`; null for every other message. */
  system: SystemEvent | null;
  /** One-to-one: when it reached the recipient (ms), or null. */
  deliveredAt: number | null;
  /** One-to-one: when the recipient read it (ms), or null. */
  readAt: number | null;
  /** Group: how many members other than the sender have read it; null in one-to-one windows. */
  readCount: number | null;
}

/** `GET /api/chat/{cId}/messages/{id}/receipts` (the sender only). */
export interface ReceiptsWire {
  read: { userId: number; at: number | null }[];
  /** Reached them, not read yet. */
  delivered: { userId: number; at: number | null }[];
  /** Not reached them yet. */
  pending: number[];
}

/** A group window's project. */
export interface GroupWire {
  id: number;
  name: string;
  projectId: string;
  memberCount: number;
}

/** Seed 003's window, plus `type`, `unread` and, for groups, `group`. */
export interface ChatWindowWire {
  id: number;
  afterMessage: string | null;
  fromId: number;
  toId: number | null;
  created_at: string;
  messages: ChatMessageWire[];
  user: UserCard | null;
  type: WindowKind;
  unread: number;
  /** Unread messages that mention the caller. */
  mentionUnread: number;
  group?: GroupWire;
}

/** `GET /api/chat`: one page of windows. */
export interface WindowPageWire {
  page: number;
  pageSize: number;
  total: number;
  list: ChatWindowWire[];
}

/** The window list's filters (`type` of `GET /api/chat`). */
export type WindowFilter = 'all' | 'unread' | 'group';

/** `POST /api/chat/{cId}/read`, and `message.read` without `unread`. */
export interface ReadReceiptWire {
  cId: number;
  upTo: number;
  userId: number;
  /** The reader's unread messages left in the window. */
  unread: number;
  /** How many of those mention the reader: the reader's own client clears its tag from this, with no push needed. */
  mentionUnread: number;
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
  channel: Channel;
  torole: Role;
  fromrole: Role;
  /** Only the seed's three: a FILE message is TEXT here. */
  type: 'TEXT' | 'IMAGE' | 'VOICE';
  status: 0 | 1;
}

/** Seed 001's notification status, as the inbox dialect writes it. */
export type NotificationStatusWire = '0' | '1' | '2';

/** Seed 001's notification: exactly these keys; `status` is a string. */
export interface NotificationWire {
  id: number;
  title: string;
  content: string;
  status: NotificationStatusWire;
  type: number;
  subtype: number;
  params: string | null;
  created_at: string | null;
  updated_at: string | null;
  user_id: number;
}

/** `GET /message/count`. */
export interface InboxCounts {
  unread: number;
  todo: number;
  read: number;
  byType: Record<string, { unread: number; todo: number }>;
}

/** Seed 000's `extraInfo`: every value a string (API.md §2 offline). */
export type OfflineExtraInfo = Record<string, string>;

/** Seed 000's offline message: exactly these keys. */
export interface OfflineMessageWire {
  id: string;
  msg: string;
  time: number;
  type: number;
  dealt: boolean;
  extraInfo: OfflineExtraInfo;
}

export interface ProjectWire {
  id: string;
  name: string;
  ownerId: number;
  cId: number;
  created_at: string;
}

export interface TaskWire {
  id: string;
  projectId: string;
  name: string;
  publisherId: number;
  assigneeId: number | null;
  created_at: string;
}

export interface ProjectMemberWire {
  user: UserCard;
  role: 'owner' | 'member';
  joined_at: string;
}

/** `GET /api/projects/{pid}`. */
export interface ProjectDetailWire extends ProjectWire {
  members: ProjectMemberWire[];
  tasks: TaskWire[];
}

/** What the inviter sees of an invitation it sent. */
export interface InvitationSentWire {
  kind: 'project' | 'task';
  projectId: string;
  taskId: string | null;
  inviteeId: number;
  remark: string;
  state: InvitationState;
  created_at: string;
}

/**
 * An invitation with its state (`GET /api/projects/{pid}/invitations`, `GET
 * /api/invitations/{id}`, the `invitation.updated` event). `id` is the invitee's offline
 * message (type 4 or 7) the invitation is answered through.
 */
export interface InvitationWire {
  id: string;
  kind: 'project' | 'task';
  projectId: string;
  projectName: string;
  taskId: string | null;
  taskName: string | null;
  from: UserCard;
  to: UserCard;
  remark: string;
  state: InvitationState;
  createdAt: string;
  /** When it left `pending` (answered, cancelled, taken), or null. */
  answeredAt: string | null;
}

/**
 * An offline message as the offline extensions (history, accept, decline, undo) show it: an
 * invitation (type 4 or 7) adds its `state`; other types are exactly the seed's shape.
 */
export type OfflineHistoryMessageWire = OfflineMessageWire & { state?: InvitationState };

/** Why someone cannot be picked for a project: already in it, or already invited. */
export type CandidateReason = 'member' | 'invited';

/** `GET /api/projects/{pid}/candidates`: a user of the directory, and whether they can be invited. */
export interface CandidateWire extends UserProfile {
  available: boolean;
  reason: CandidateReason | null;
}

/** A notification and a status: what `read-all` changed (the status before), or what to restore. */
export interface NotificationStatusItemWire {
  msgId: number;
  status: NotificationStatusWire;
}

/** `POST /api/inbox/read-all`: how many it marked read, and each one's status before. */
export interface ReadAllWire {
  updated: number;
  changed: NotificationStatusItemWire[];
}

/**
 * `params` (a JSON string) of the notifications the server writes itself (`SERVER_NOTICES`):
 * what happened and to what, ids as strings like the offline `extraInfo`.
 */
export type ServerNoticeParams =
  | {
      event: 'invitation.declined';
      /** The invitee's offline message the invitation was answered through. */
      invitationId: string;
      projectId: string;
      taskId: string | null;
      userId: string;
    }
  | { event: 'task.reassigned' | 'task.assigned'; projectId: string; taskId: string; assigneeId: string };

/** `POST /message/restore`: how many notifications changed back. */
export interface InboxRestoreWire {
  restored: number;
}

/** `POST /api/attachments`. */
export interface AttachmentWire {
  id: string;
  url: string;
  size: number;
  mime: string;
  /** The name given on upload (`?name=`), if any. */
  name: string | null;
}

/** A stretch of a snippet to highlight, in UTF-16 code units (JavaScript string offsets). */
export interface Highlight {
  start: number;
  length: number;
}

interface SearchResultCommon {
  id: number;
  /** The whole plain text: a message's body, a notification's content. */
  text: string;
  /** A plain-text excerpt around the first match, with '…' where it was cut. */
  snippet: string;
  /** Every occurrence of the term in `snippet`: the client highlights without parsing HTML. */
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
  status: NotificationStatusWire;
}

export type SearchResultWire = MessageSearchResultWire | NotificationSearchResultWire;

/** `GET /api/sessions`: one signed-in device. */
export interface SessionWire {
  id: string;
  created_at: string;
  last_used_at: string;
  /** What the device said it is when it signed in (its User-Agent). */
  client: string;
  /** The session of the token that asked. */
  current: boolean;
}

/** A window whose unread count changed for the user a `counts` event goes to. */
export interface WindowUnreadWire {
  cId: number;
  unread: number;
  mentionUnread: number;
}

/** The numbers on a user's badges (`GET /api/counts` and the `counts` event). */
export interface BadgeCounts {
  chatUnread: number;
  /** Unread messages that mention the user. */
  chatMentions: number;
  inboxUnread: number;
  inboxTodo: number;
  invitationsPending: number;
  /** The inbox's counters in full, so a client never counts them itself. */
  inbox: InboxCounts;
  /**
   * The windows whose unread count moved since the user's last `counts` event (empty in
   * `GET /api/counts` and right after `ready`: the window list carries them).
   */
  windows: WindowUnreadWire[];
}
