import { MAX_ACK_IDS } from '../contract/events.js';
import { WINDOW_PREVIEW_MESSAGES } from '../contract/enums.js';
import { newObjectId } from './ids.js';
import { conflict, forbidden, invalid, notFound } from './errors.js';
import { requireUser } from './accounts.js';
import { addOfflineMessage, offlineContent, recordDelivery } from './offline-messages.js';
import { emit } from './events.js';
import { requireOwnAttachment } from './attachments.js';
import type { DomainContext } from './context.js';
import type { WindowMember } from '../db/repositories/windows.js';
import type { Channel, ChatMessage, ChatWindow, MemberWindow, MessageType, Project, Role, User } from './types.js';

/**
 * A message with its read state: read by its recipient (one-to-one), or by every other
 * current member (group).
 */
export interface MessageView extends ChatMessage {
  read: boolean;
}

export interface WindowView {
  window: MemberWindow;
  /** The other participant of a one-to-one window. */
  peer: User | null;
  /** The project of a group window, with its member count. */
  group: { project: Project; memberCount: number } | null;
  lastMessage: ChatMessage | null;
  messages: MessageView[];
}

/** The window if `userId` is a member; a foreign window is as good as missing. */
export function memberWindow(ctx: DomainContext, userId: number, windowId: number): MemberWindow {
  const window = ctx.store.windows.membership(windowId, userId);
  if (!window) throw notFound(`no chat window ${windowId}`);
  return window;
}

/** Opens the one-to-one window between two users, or returns the one they already have. */
export function openDirectWindow(ctx: DomainContext, opener: User, peerId: number): ChatWindow {
  if (peerId === opener.id) throw invalid('cannot open a chat window with yourself');
  requireUser(ctx, peerId);
  const { store } = ctx;
  return store.transaction(() => {
    const existing = store.windows.directBetween(opener.id, peerId);
    if (existing) return existing;
    const now = ctx.now();
    const id = store.windows.insert('direct', opener.id, peerId, now);
    store.windows.addMember(id, opener.id, 'direct', now);
    store.windows.addMember(id, peerId, 'direct', now);
    return store.windows.byId(id)!;
  });
}

/**
 * Read state of a window's messages: a one-to-one message is read once its recipient
 * read it; a group message once every other current member has.
 */
function readState(ctx: DomainContext, window: ChatWindow): (message: ChatMessage) => boolean {
  if (window.kind === 'direct') return (message) => message.readAt !== null;
  const members = ctx.store.windows.members(window.id);
  return (message) => members.every((m) => m.userId === message.fromId || m.readUpTo >= message.id);
}

function withReadState(ctx: DomainContext, window: ChatWindow, messages: readonly ChatMessage[]): MessageView[] {
  const isRead = readState(ctx, window);
  return messages.map((message) => ({ ...message, read: isRead(message) }));
}

export function windowView(ctx: DomainContext, window: MemberWindow, viewerId: number): WindowView {
  const { store } = ctx;
  const peerId = window.kind === 'direct' ? (window.openerId === viewerId ? window.peerId : window.openerId) : null;
  const project = window.kind === 'group' ? store.projects.byWindow(window.id) : undefined;
  const messages = store.messages.latest(window.id, WINDOW_PREVIEW_MESSAGES);
  return {
    window,
    peer: peerId === null ? null : (store.users.byId(peerId) ?? null),
    group: project ? { project, memberCount: store.windows.memberCount(window.id) } : null,
    lastMessage: messages[messages.length - 1] ?? null,
    messages: withReadState(ctx, window, messages),
  };
}

export type WindowFilter = 'all' | 'unread' | 'group';

/** The caller's windows, most recent activity first, a page at a time. */
export function listWindows(ctx: DomainContext, user: User, filter: WindowFilter, page: number, pageSize: number) {
  const kind = filter === 'group' ? 'group' : 'direct';
  const { list, total } = ctx.store.windows.page(user.id, kind, filter === 'unread', pageSize, (page - 1) * pageSize);
  return { total, windows: list.map((window) => windowView(ctx, window, user.id)) };
}

/** Where a page of history is: the latest, just before or after a message, or around one. */
export type HistoryCursor =
  | { latest: true }
  | { beforeId: number }
  | { afterId: number }
  /** The message itself with up to `limit` - 1 others, older and newer about evenly. */
  | { aroundId: number };

/** A page of a window's history, ascending. */
export function windowHistory(ctx: DomainContext, user: User, windowId: number, limit: number, at: HistoryCursor) {
  const window = memberWindow(ctx, user.id, windowId);
  const { messages } = ctx.store;
  let page: readonly ChatMessage[];
  if ('beforeId' in at) page = messages.before(window.id, at.beforeId, limit);
  else if ('afterId' in at) page = messages.after(window.id, at.afterId, limit);
  else if ('aroundId' in at) {
    const older = messages.before(window.id, at.aroundId, Math.floor((limit - 1) / 2));
    page = [...older, ...messages.after(window.id, older.at(-1)?.id ?? at.aroundId - 1, limit - older.length)];
  } else page = messages.latest(window.id, limit);
  return { window, messages: withReadState(ctx, window, page) };
}

export interface OutgoingMessage {
  body: string;
  type: MessageType;
  clientMsgId: string;
  /** An image (IMAGE) or a voice clip (VOICE) the sender uploaded. */
  attachmentId?: string;
  /** Seconds, for VOICE. */
  voiceLength?: number;
  channel: Channel;
  /** The sender's masked address (im dialect `fromarea`). */
  fromArea: string;
}

export interface SentMessage {
  message: MessageView;
  /** False when the same `clientMsgId` was sent before: `message` is the first copy. */
  created: boolean;
  /** The window it was sent in, as the sender sees it. */
  window: MemberWindow;
}

/**
 * Sends a message. The message, the window's activity, every recipient's unread
 * counter and the offline copies for recipients with no live connection are written
 * in one transaction, which sends arriving in the same turn of the event loop share
 * (group commit); it settles once committed. A retry with the same `clientMsgId`
 * returns the first message.
 */
export function sendMessage(
  ctx: DomainContext,
  sender: User,
  windowId: number,
  outgoing: OutgoingMessage,
): Promise<SentMessage> {
  const { store } = ctx;
  return store.transactionSoon(() => {
    const window = memberWindow(ctx, sender.id, windowId);
    const earlier = store.messages.byClientId(sender.id, outgoing.clientMsgId);
    if (earlier) {
      if (earlier.windowId !== window.id) throw conflict('the same clientMsgId was already used in another window');
      return { message: withReadState(ctx, window, [earlier])[0]!, created: false, window };
    }
    const media = checkMedia(ctx, sender, outgoing);
    const now = ctx.now();
    const recipients = store.windows.members(window.id).filter((m) => m.userId !== sender.id);
    const id = store.messages.insert({
      objectId: newObjectId(now),
      windowId: window.id,
      fromId: sender.id,
      toId: window.kind === 'direct' ? recipients[0]!.userId : null,
      body: outgoing.body,
      type: outgoing.type,
      ...media,
      clientMsgId: outgoing.clientMsgId,
      channel: outgoing.channel,
      fromArea: outgoing.fromArea,
      createdAt: now,
    });
    // A message is unread to everyone in the window but its sender.
    store.windows.recordMessage(window.id, id, now, sender.id);
    const message = store.messages.byId(id)!;

    // A recipient with a live connection gets the message pushed (and acknowledges it);
    // one without gets an offline message to pick up later.
    const project = window.kind === 'group' ? store.projects.byWindow(window.id) : undefined;
    for (const recipient of recipients) {
      if (ctx.presence.isOnline(recipient.userId)) continue;
      const content = project
        ? offlineContent.groupMessage(sender, project, message)
        : offlineContent.privateMessage(sender, message);
      addOfflineMessage(ctx, recipient.userId, content, message.id);
    }
    const memberIds = [sender.id, ...recipients.map((r) => r.userId)];
    emit(ctx, { type: 'message.created', message, window, memberIds });
    return { message: withReadState(ctx, window, [message])[0]!, created: true, window };
  });
}

/** The media fields of a message, checked against its type: null where they do not apply. */
function checkMedia(ctx: DomainContext, sender: User, outgoing: OutgoingMessage) {
  const { type, body, attachmentId, voiceLength } = outgoing;
  if (type === 'TEXT') {
    if (body.trim() === '') throw invalid('a text message must not be empty');
    if (attachmentId !== undefined) throw invalid('only image and voice messages carry an attachment');
    return { attachmentId: null, voiceLength: null, imageSize: null };
  }
  if (attachmentId === undefined) throw invalid(`a ${type} message needs an attachment`);
  let attachment;
  try {
    attachment = requireOwnAttachment(ctx, sender.id, attachmentId);
  } catch {
    throw invalid('no such attachment of yours');
  }
  const family = type === 'IMAGE' ? 'image/' : 'audio/';
  if (!attachment.mime.startsWith(family)) throw invalid(`a ${type} message needs an ${family}* file`);
  if (type === 'IMAGE') return { attachmentId, voiceLength: null, imageSize: attachment.size };
  if (voiceLength === undefined) throw invalid('a voice message needs its length');
  return { attachmentId, voiceLength, imageSize: null };
}

/**
 * Marks read every message of the window addressed to `user` with id <= upTo (capped
 * at the window's last message, so a future message is never read in advance).
 */
export function markWindowRead(ctx: DomainContext, user: User, windowId: number, upTo: number) {
  const { store } = ctx;
  return store.transaction(() => {
    const window = memberWindow(ctx, user.id, windowId);
    const cursor = Math.min(upTo, window.lastMessageId ?? 0);
    const now = ctx.now();
    let unread: number;
    if (window.kind === 'direct') {
      const changed = store.messages.markDirectRead(window.id, user.id, window.readUpTo, cursor, now);
      unread = Math.max(0, window.unread - changed);
    } else {
      unread = store.messages.countUnreadInGroup(window.id, user.id, Math.max(cursor, window.readUpTo));
    }
    store.windows.setReadState(window.id, user.id, cursor, unread);
    store.windows.advanceDelivered(window.id, user.id, cursor);
    store.offline.markDeliveredForRead(user.id, window.id, cursor, now);
    const upToNow = Math.max(cursor, window.readUpTo);
    const memberIds = store.windows.members(window.id).map((m) => m.userId);
    emit(ctx, { type: 'messages.read', windowId: window.id, readerId: user.id, upTo: upToNow, memberIds });
    return { cId: window.id, upTo: upToNow, userId: user.id, unread };
  });
}

/**
 * The client confirms that pushed messages arrived. Ids that are not messages sent to
 * this user (someone else's, their own, unknown) are ignored: an acknowledgement can
 * only ever deliver what was addressed to its sender.
 */
export function acknowledgeDelivery(ctx: DomainContext, user: User, ids: readonly number[]): Promise<void> {
  const { store } = ctx;
  // Acknowledgements arrive in bursts from many sockets: they share commits.
  return store.transactionSoon(() => {
    const addressed = [...new Set(ids)].slice(0, MAX_ACK_IDS).flatMap((id) => {
      const message = store.messages.byId(id);
      return message && addressee(ctx, message, user.id) ? [message] : [];
    });
    recordDelivery(ctx, user.id, addressed);
  });
}

/**
 * How `message` was addressed to `userId`: as the recipient of a one-to-one message, or
 * as a member of its group who had joined before it was sent (with that membership).
 * Null when it was not sent to them (their own, someone else's, from before they joined).
 */
export function addressee(
  ctx: DomainContext,
  message: ChatMessage,
  userId: number,
): { kind: 'direct' } | { kind: 'group'; member: WindowMember } | null {
  if (message.fromId === userId) return null;
  if (message.toId !== null) return message.toId === userId ? { kind: 'direct' } : null;
  const member = ctx.store.windows.members(message.windowId).find((m) => m.userId === userId);
  return member && message.id > member.joinedAfter ? { kind: 'group', member } : null;
}

/**
 * Every message of the caller's windows with an id above `afterId`, ascending: what a
 * client missed while it was disconnected. Ids only grow, so the cursor leaves no gap.
 */
export function messagesSince(ctx: DomainContext, user: User, afterId: number, limit: number) {
  const messages = ctx.store.messages.sinceForMember(user.id, afterId, limit);
  const windows = new Map<number, ChatWindow>();
  for (const message of messages)
    if (!windows.has(message.windowId)) windows.set(message.windowId, ctx.store.windows.byId(message.windowId)!);
  return messages.map((message) => {
    const window = windows.get(message.windowId)!;
    return { message: withReadState(ctx, window, [message])[0]!, window };
  });
}

export interface ConversationPoll {
  /** The user whose side the poll is from: the caller, unless the app asks. */
  fromId: number;
  toId: number;
  /** The role `from` claims; it must be theirs. */
  fromRole: Role;
  /** Only messages sent strictly after this time (epoch ms; 0 for all). */
  afterMs: number;
  limit: number;
}

/**
 * The one-to-one messages between two users sent after a time, newest first (im polling).
 * A user may poll only their own conversations; the app may poll anyone's.
 */
export function pollConversation(ctx: DomainContext, caller: User | 'app', poll: ConversationPoll) {
  if (caller !== 'app' && caller.id !== poll.fromId) throw forbidden('you can only poll your own conversations');
  const from = requireUser(ctx, poll.fromId);
  const to = requireUser(ctx, poll.toId);
  if (from.role !== poll.fromRole) throw invalid(`user ${from.id} is ${from.role}, not ${poll.fromRole}`);
  const window = ctx.store.windows.directBetween(from.id, to.id);
  const messages = window ? ctx.store.messages.sentAfter(window.id, poll.afterMs, poll.limit) : [];
  return { from, to, messages };
}
