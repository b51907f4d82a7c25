import { MAX_ACK_IDS } from '../contract/events.js';
import { MENTION_ALL, WINDOW_PREVIEW_MESSAGES, type SentMessageType, type SystemEvent } from '../contract/enums.js';
import {
  hiddenByWindow,
  keepVisible,
  newMessageView,
  pageViews,
  viewOf,
  viewsOf,
  visiblePage,
  type MessageView,
} from './message-views.js';
import { newObjectId } from './ids.js';
import { conflict, forbidden, invalid, notFound } from './errors.js';
import { requireUser } from './accounts.js';
import { addOfflineMessage, announceDelivery, offlineContent, recordDelivery } from './offline-messages.js';
import { emit } from './events.js';
import { requireOwnAttachment } from './attachments.js';
import type { DomainContext } from './context.js';
import type { WindowMember } from '../db/repositories/windows.js';
import type { DirectRead } from '../db/repositories/reads.js';
import type { NewMessage } from '../db/repositories/messages.js';
import type { Channel, ChatMessage, ChatWindow, MemberWindow, Project, Role, User } from './types.js';

export type { MessageView };

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
export async function memberWindow(ctx: DomainContext, userId: number, windowId: number): Promise<MemberWindow> {
  const window = await ctx.store.windows.membership(windowId, userId);
  if (!window) throw notFound(`no chat window ${windowId}`);
  return window;
}

/** Opens the one-to-one window between two users, or returns the one they already have. */
export async function openDirectWindow(ctx: DomainContext, opener: User, peerId: number): Promise<ChatWindow> {
  if (peerId === opener.id) throw invalid('cannot open a chat window with yourself');
  await requireUser(ctx, peerId);
  const { store } = ctx;
  return await store.transaction(async () => {
    const existing = await store.windows.directBetween(opener.id, peerId);
    if (existing) return existing;
    const now = ctx.now();
    const id = await store.windows.insert('direct', opener.id, peerId, now);
    await store.windows.addMember(id, opener.id, 'direct', now);
    await store.windows.addMember(id, peerId, 'direct', now);
    return (await store.windows.byId(id))!;
  });
}

/**
 * Windows as the chat dialect lists them, for `viewerId`: each with its latest messages,
 * which leave out the extensions' SYSTEM lines (API.md §3b) and what the viewer deleted for
 * themself. Each kind of row is read once for all the windows, not once per window.
 */
export async function windowViews(
  ctx: DomainContext,
  windows: readonly MemberWindow[],
  viewerId: number,
): Promise<WindowView[]> {
  if (windows.length === 0) return [];
  const { store } = ctx;
  const ids = windows.map((window) => window.id);
  const groupIds = windows.filter((window) => window.kind === 'group').map((window) => window.id);
  const peerOf = (window: MemberWindow) =>
    window.kind === 'direct' ? (window.openerId === viewerId ? window.peerId : window.openerId) : null;
  const peerIds = [...new Set(windows.map(peerOf).filter((id) => id !== null))];
  const [hidden, peers, projects, members] = await Promise.all([
    hiddenByWindow(ctx, viewerId, ids),
    peerIds.length > 0 ? store.users.byIds(peerIds) : [],
    groupIds.length > 0 ? store.projects.byWindows(groupIds) : [],
    groupIds.length > 0 ? store.windows.membersOf(groupIds) : [],
  ]);
  const latest = await store.messages.latestIn(
    ids,
    ids.map((id) => WINDOW_PREVIEW_MESSAGES + hidden.get(id)!.size),
  );
  const pages = windows.map((window, i) => ({
    window,
    messages: keepVisible(
      latest[i]!.filter((m) => m.type !== 'SYSTEM'),
      hidden.get(window.id)!,
      WINDOW_PREVIEW_MESSAGES,
      'newest',
    ),
  }));
  const views = await pageViews(ctx, pages, members);
  const userById = new Map(peers.map((user) => [user.id, user]));
  const projectOf = new Map(projects.map((project) => [project.windowId, project]));
  return pages.map(({ window, messages }, i) => {
    const peerId = peerOf(window);
    const project = projectOf.get(window.id);
    return {
      window,
      peer: peerId === null ? null : (userById.get(peerId) ?? null),
      group: project
        ? { project, memberCount: members.filter((member) => member.windowId === window.id).length }
        : null,
      lastMessage: messages.at(-1) ?? null,
      messages: views[i]!,
    };
  });
}

/** One window as the chat dialect lists it (see {@link windowViews}). */
export const windowView = async (ctx: DomainContext, window: MemberWindow, viewerId: number) =>
  (await windowViews(ctx, [window], viewerId))[0]!;

export type WindowFilter = 'all' | 'unread' | 'group';

/** The caller's windows, most recent activity first, a page at a time. */
export async function listWindows(
  ctx: DomainContext,
  user: User,
  filter: WindowFilter,
  page: number,
  pageSize: number,
) {
  const kind = filter === 'group' ? 'group' : 'direct';
  const { list, total } = await ctx.store.windows.page(
    user.id,
    kind,
    filter === 'unread',
    pageSize,
    (page - 1) * pageSize,
  );
  return { total, windows: await windowViews(ctx, list, user.id) };
}

/** Where a page of history is: the latest, just before or after a message, or around one. */
export type HistoryCursor =
  | { latest: true }
  | { beforeId: number }
  | { afterId: number }
  /** The message itself with up to `limit` - 1 others, older and newer about evenly. */
  | { aroundId: number };

/** A page of a window's history, ascending, without what the user deleted for themself. */
export async function windowHistory(
  ctx: DomainContext,
  user: User,
  windowId: number,
  limit: number,
  at: HistoryCursor,
) {
  const window = await memberWindow(ctx, user.id, windowId);
  const { messages } = ctx.store;
  const visible = (
    count: number,
    fetch: (count: number) => Promise<readonly ChatMessage[]>,
    keep: 'oldest' | 'newest',
  ) => visiblePage(ctx, user.id, window.id, count, fetch, keep);
  let page: ChatMessage[];
  if ('beforeId' in at) page = await visible(limit, (n) => messages.before(window.id, at.beforeId, n), 'newest');
  else if ('afterId' in at) page = await visible(limit, (n) => messages.after(window.id, at.afterId, n), 'oldest');
  else if ('aroundId' in at) {
    const older = await visible(
      Math.floor((limit - 1) / 2),
      (n) => messages.before(window.id, at.aroundId, n),
      'newest',
    );
    const from = older.at(-1)?.id ?? at.aroundId - 1;
    page = [...older, ...(await visible(limit - older.length, (n) => messages.after(window.id, from, n), 'oldest'))];
  } else page = await visible(limit, (n) => messages.latest(window.id, n), 'newest');
  return { window, messages: await viewsOf(ctx, window, page) };
}

export interface OutgoingMessage {
  body: string;
  type: SentMessageType;
  clientMsgId: string;
  /** An image (IMAGE), voice clip (VOICE) or file (FILE) the sender uploaded. */
  attachmentId?: string;
  /** Seconds, for VOICE. */
  voiceLength?: number;
  /** For FILE: the name shown (the upload's own name if not given). */
  fileName?: string;
  /** A message of the same window this one answers. */
  replyTo?: number;
  /** A message the sender can read, in any window, whose content this one copies. */
  forwardOf?: number;
  /** Group windows: members mentioned, or 'all' (the project owner only). */
  mentions?: (number | typeof MENTION_ALL)[];
  channel: Channel;
  /** The sender's masked address (im dialect `fromarea`). */
  fromArea: string;
}

export interface SentMessage {
  view: MessageView;
  /** False when the same `clientMsgId` was sent before: `view` is of the first copy. */
  created: boolean;
  /** The window it was sent in, as the sender sees it. */
  window: MemberWindow;
}

/**
 * Sends a message. The message, the window's activity, every recipient's unread
 * counter, the offline copies for recipients with no live connection and the sender's
 * read of what was waiting for them in the window are written in one transaction,
 * which sends arriving in the same turn of the event loop share (group commit); it
 * settles once committed. A retry with the same `clientMsgId` returns the first message.
 */
export async function sendMessage(
  ctx: DomainContext,
  sender: User,
  windowId: number,
  outgoing: OutgoingMessage,
): Promise<SentMessage> {
  return await ctx.store.transactionSoon(async () => await writeMessage(ctx, sender, windowId, outgoing));
}

/**
 * What {@link sendMessage} writes, in the caller's transaction when there is one (a QA
 * scenario writes many messages and everything around them in one).
 */
export async function writeMessage(
  ctx: DomainContext,
  sender: User,
  windowId: number,
  outgoing: OutgoingMessage,
): Promise<SentMessage> {
  const { store } = ctx;
  return await store.transaction(async () => {
    const context = await store.sends.context(windowId, sender.id, outgoing.clientMsgId);
    if (!context) throw notFound(`no chat window ${windowId}`);
    const { window, members, earlier } = context;
    if (earlier) {
      if (earlier.windowId !== window.id) throw conflict('the same clientMsgId was already used in another window');
      return { view: await viewOf(ctx, window, earlier), created: false, window };
    }
    const content =
      outgoing.forwardOf === undefined
        ? await checkContent(ctx, sender, outgoing)
        : await forwarded(ctx, sender, outgoing.forwardOf);
    const quoted = outgoing.replyTo === undefined ? null : await checkReplyTo(ctx, sender, window, outgoing.replyTo);
    const recipients = members.filter((m) => m.userId !== sender.id);
    const mentioned = await checkMentions(ctx, sender, window, recipients, outgoing.mentions ?? []);
    // Whoever answers in a window has read it: what was sent to them there is read from now
    // on, with the receipts and events of any read (before the new message, in that order).
    // A one-to-one read is written with the message, in one go.
    const answering = window.unread > 0 ? await planRead(ctx, sender.id, window, window.lastMessageId ?? 0) : null;
    if (answering && window.kind === 'group') await readGroup(ctx, sender.id, window, answering);
    const readFirst = answering && window.kind === 'direct' ? directRead(sender.id, window, answering) : undefined;
    if (answering) announceRead(ctx, sender.id, window.id, answering.upToNow, members);
    const now = ctx.now();
    // A message is unread to everyone in the window but its sender.
    const message = await store.sends.append(
      {
        objectId: newObjectId(now),
        windowId: window.id,
        fromId: sender.id,
        toId: window.kind === 'direct' ? recipients[0]!.userId : null,
        ...content,
        clientMsgId: outgoing.clientMsgId,
        channel: outgoing.channel,
        fromArea: outgoing.fromArea,
        replyTo: quoted?.id ?? null,
        mentions: mentioned.asSent,
        systemEvent: null,
        createdAt: now,
      },
      sender.id,
      readFirst,
    );
    for (const userId of mentioned.userIds) {
      await store.messages.addMention(message.id, userId, window.id);
      await store.windows.mentioned(window.id, userId);
    }

    // A recipient with a live connection gets the message pushed (and acknowledges it);
    // one without gets an offline message to pick up later.
    const project = window.kind === 'group' ? await store.projects.byWindow(window.id) : undefined;
    for (const recipient of recipients) {
      if (ctx.presence.isOnline(recipient.userId)) continue;
      const content = project
        ? offlineContent.groupMessage(sender, project, message)
        : offlineContent.privateMessage(sender, message);
      await addOfflineMessage(ctx, recipient.userId, content, message.id);
    }
    const memberIds = [sender.id, ...recipients.map((r) => r.userId)];
    const view = newMessageView(window, message, members, quoted);
    emit(ctx, { type: 'message.created', message, window, memberIds, view });
    return { view, created: true, window };
  });
}

/** What a message says: its text or caption, and its attachment with the fields of its type. */
type MessageContent = Pick<
  ChatMessage,
  'type' | 'body' | 'attachmentId' | 'voiceLength' | 'imageSize' | 'fileName' | 'forwardedFrom'
>;

/** The content of a new message, checked against its type: media fields null where they do not apply. */
async function checkContent(ctx: DomainContext, sender: User, outgoing: OutgoingMessage): Promise<MessageContent> {
  const { type, body, attachmentId, voiceLength } = outgoing;
  const base = { type, body, voiceLength: null, imageSize: null, fileName: null, forwardedFrom: null };
  if (type === 'TEXT') {
    if (body.trim() === '') throw invalid('a text message must not be empty');
    if (attachmentId !== undefined) throw invalid('a text message carries no attachment');
    return { ...base, attachmentId: null };
  }
  if (attachmentId === undefined) throw invalid(`a ${type} message needs an attachment`);
  let attachment;
  try {
    attachment = await requireOwnAttachment(ctx, sender.id, attachmentId);
  } catch {
    throw invalid('no such attachment of yours');
  }
  if (type === 'FILE') {
    const fileName = (outgoing.fileName ?? attachment.fileName ?? '').trim();
    if (fileName === '') throw invalid('a file message needs the file’s name');
    return { ...base, attachmentId, fileName, imageSize: null };
  }
  const family = type === 'IMAGE' ? 'image/' : 'audio/';
  if (!attachment.mime.startsWith(family)) throw invalid(`a ${type} message needs an ${family}* file`);
  if (type === 'IMAGE') return { ...base, attachmentId, imageSize: attachment.size };
  if (voiceLength === undefined) throw invalid('a voice message needs its length');
  return { ...base, attachmentId, voiceLength };
}

/** A message the sender can read (in a window they are in, sent there since they joined). */
export async function readableMessage(ctx: DomainContext, user: User, messageId: number): Promise<ChatMessage> {
  const message = await ctx.store.messages.byId(messageId);
  const member = message && (await ctx.store.windows.membership(message.windowId, user.id));
  const seen = member && message && (message.fromId === user.id || (await addressee(ctx, message, user.id)) !== null);
  if (!message || !seen) throw notFound(`no message ${messageId}`);
  return message;
}

/** A forward copies what another message says, attachment included; the copy is its own message. */
async function forwarded(ctx: DomainContext, sender: User, originalId: number): Promise<MessageContent> {
  const original = await readableMessage(ctx, sender, originalId);
  if (original.type === 'SYSTEM' || original.recalledAt !== null)
    throw conflict('a recalled message or a system line cannot be forwarded');
  const { type, body, attachmentId, voiceLength, imageSize, fileName } = original;
  return { type, body, attachmentId, voiceLength, imageSize, fileName, forwardedFrom: original.id };
}

/** The message a reply answers (and quotes): one the sender can read, in the same window. */
async function checkReplyTo(
  ctx: DomainContext,
  sender: User,
  window: ChatWindow,
  replyTo: number,
): Promise<ChatMessage> {
  const quoted = await readableMessage(ctx, sender, replyTo);
  if (quoted.windowId !== window.id) throw invalid('a reply answers a message of the same window');
  if (quoted.type === 'SYSTEM') throw invalid('a system line cannot be replied to');
  return quoted;
}

/**
 * The mentions of a group message: members of the window (the sender aside), or everyone
 * when the project's owner says 'all'. As sent, and as the users whose counters move.
 */
async function checkMentions(
  ctx: DomainContext,
  sender: User,
  window: ChatWindow,
  recipients: readonly WindowMember[],
  mentions: readonly (number | typeof MENTION_ALL)[],
): Promise<{ asSent: (number | typeof MENTION_ALL)[]; userIds: number[] }> {
  if (mentions.length === 0) return { asSent: [], userIds: [] };
  if (window.kind !== 'group') throw invalid('mentions are for group chats');
  if (mentions.includes(MENTION_ALL)) {
    if ((await ctx.store.projects.byWindow(window.id))?.ownerId !== sender.id)
      throw forbidden('only the project’s owner may mention everyone');
    return { asSent: [MENTION_ALL], userIds: recipients.map((m) => m.userId) };
  }
  const members = new Set(recipients.map((m) => m.userId));
  const userIds = [...new Set(mentions as number[])].filter((id) => id !== sender.id);
  const outsider = userIds.find((id) => !members.has(id));
  if (outsider !== undefined) throw invalid(`user ${outsider} is not a member of this chat`);
  return { asSent: userIds, userIds };
}

/**
 * A new message with nothing but what `fields` names: no text, attachment, addressee, reply,
 * forward, mention or system event, sent from the PC with no address shown.
 */
export const plainMessage = (
  fields: Pick<NewMessage, 'objectId' | 'windowId' | 'fromId' | 'createdAt'> & Partial<NewMessage>,
): NewMessage => ({
  toId: null,
  body: '',
  type: 'TEXT',
  attachmentId: null,
  voiceLength: null,
  imageSize: null,
  fileName: null,
  clientMsgId: null,
  channel: 'PC',
  fromArea: '',
  replyTo: null,
  forwardedFrom: null,
  mentions: [],
  systemEvent: null,
  ...fields,
});

/**
 * A line in a group's history saying that `userId` joined, left or was removed (API.md §3b
 * system lines): part of the history, never unread, never in the documented dialects.
 * Call inside the transaction of the change it records.
 */
export async function addSystemLine(
  ctx: DomainContext,
  window: ChatWindow,
  userId: number,
  event: SystemEvent,
): Promise<void> {
  const { store } = ctx;
  const now = ctx.now();
  const message = await store.sends.append(
    plainMessage({
      objectId: newObjectId(now),
      windowId: window.id,
      fromId: userId,
      type: 'SYSTEM',
      systemEvent: event,
      createdAt: now,
    }),
    null,
  );
  const memberIds = (await store.windows.members(window.id)).map((m) => m.userId);
  emit(ctx, { type: 'message.created', message, window, memberIds });
}

/**
 * Marks read every message of the window addressed to `user` with id <= upTo (capped
 * at the window's last message, so a future message is never read in advance).
 */
export async function markWindowRead(ctx: DomainContext, user: User, windowId: number, upTo: number) {
  const { store } = ctx;
  return await store.transaction(async () => {
    const window = await memberWindow(ctx, user.id, windowId);
    const read = await planRead(ctx, user.id, window, upTo);
    const unread =
      window.kind === 'direct'
        ? await store.reads.direct(directRead(user.id, window, read))
        : await readGroup(ctx, user.id, window, read);
    announceRead(ctx, user.id, window.id, read.upToNow, await store.windows.members(window.id));
    return { cId: window.id, upTo: read.upToNow, userId: user.id, unread, mentionUnread: read.mentionUnread };
  });
}

/** Where a read moves the member's cursor, and what is left of their mentions. */
interface PlannedRead {
  /** The read cursor asked for, capped at the window's last message. */
  cursor: number;
  /** The member's read cursor after the read (it never moves back). */
  upToNow: number;
  mentionUnread: number;
  now: number;
}

async function planRead(ctx: DomainContext, userId: number, window: MemberWindow, upTo: number): Promise<PlannedRead> {
  const cursor = Math.min(upTo, window.lastMessageId ?? 0);
  const upToNow = Math.max(cursor, window.readUpTo);
  // The mentions past the new cursor are some of those past the old one: none if there were none.
  const mentionUnread =
    window.mentionUnread === 0 ? 0 : await ctx.store.messages.countMentionsAfter(userId, window.id, upToNow);
  return { cursor, upToNow, mentionUnread, now: ctx.now() };
}

const directRead = (userId: number, window: MemberWindow, read: PlannedRead): DirectRead => ({
  windowId: window.id,
  userId,
  readUpTo: window.readUpTo,
  unread: window.unread,
  upTo: read.cursor,
  mentionUnread: read.mentionUnread,
  now: read.now,
});

/** A group member's read: their cursors and counts, their receipts, their offline copies. Returns their unread count. */
async function readGroup(
  ctx: DomainContext,
  userId: number,
  window: MemberWindow,
  { cursor, upToNow, mentionUnread, now }: PlannedRead,
): Promise<number> {
  const { store } = ctx;
  const unread = await store.messages.countUnreadInGroup(window.id, userId, upToNow);
  // Reading delivers too: the membership row moves both cursors at once.
  await store.windows.setReadState(window.id, userId, cursor, unread, mentionUnread);
  if (upToNow > window.readUpTo) {
    await store.windows.markReceipt(window.id, userId, 'read', upToNow, now);
    if (cursor > window.deliveredUpTo) await store.windows.markReceipt(window.id, userId, 'delivered', cursor, now);
  }
  await store.offline.markDeliveredForRead(userId, window.id, cursor, now);
  return unread;
}

/** Tells the window's members that `userId` has read it up to `upTo`. */
function announceRead(
  ctx: DomainContext,
  userId: number,
  windowId: number,
  upTo: number,
  members: readonly WindowMember[],
) {
  const memberIds = members.map((m) => m.userId);
  emit(ctx, { type: 'messages.read', windowId, readerId: userId, upTo, memberIds });
}

/**
 * The client confirms that pushed messages arrived. Ids that are not messages sent to
 * this user (someone else's, their own, unknown) are ignored: an acknowledgement can
 * only ever deliver what was addressed to its sender.
 */
export async function acknowledgeDelivery(ctx: DomainContext, userId: number, ids: readonly number[]): Promise<void> {
  const { store } = ctx;
  const acknowledged = [...new Set(ids)].slice(0, MAX_ACK_IDS);
  // Acknowledgements arrive in bursts from many sockets: they share commits. Most are of
  // one-to-one messages just pushed, which one write delivers, offline copies included.
  const direct = await store.writeSoon(async () => {
    const messages = await store.reads.acknowledgeDirect(userId, acknowledged, ctx.now());
    announceDelivery(
      ctx,
      userId,
      messages.filter((message) => message.deliveredNow),
    );
    return new Set(messages.map((message) => message.id));
  });
  // The rest: group messages, and ids of no message sent to this user (ignored there).
  const rest = acknowledged.filter((id) => !direct.has(id));
  if (rest.length === 0) return;
  await store.transactionSoon(async () => {
    const addressed: ChatMessage[] = [];
    for (const id of rest) {
      const message = await store.messages.byId(id);
      if (message && (await addressee(ctx, message, userId))) addressed.push(message);
    }
    await recordDelivery(ctx, userId, addressed);
  });
}

/**
 * How `message` was addressed to `userId`: as the recipient of a one-to-one message, or
 * as a member of its group who had joined before it was sent (with that membership).
 * Null when it was not sent to them (their own, someone else's, from before they joined).
 */
export async function addressee(
  ctx: DomainContext,
  message: ChatMessage,
  userId: number,
): Promise<{ kind: 'direct' } | { kind: 'group'; member: WindowMember } | null> {
  if (message.fromId === userId || message.type === 'SYSTEM') return null;
  if (message.toId !== null) return message.toId === userId ? { kind: 'direct' } : null;
  const member = (await ctx.store.windows.members(message.windowId)).find((m) => m.userId === userId);
  return member && message.id > member.joinedAfter ? { kind: 'group', member } : null;
}

/**
 * Every message of the caller's windows with an id above `afterId`, ascending: what a
 * client missed while it was disconnected. Ids only grow, so the cursor leaves no gap.
 */
export async function messagesSince(ctx: DomainContext, user: User, afterId: number, limit: number) {
  const { store } = ctx;
  const messages = await store.messages.sinceForMember(user.id, afterId, limit);
  const windowIds = [...new Set(messages.map((message) => message.windowId))];
  const [windows, hidden] = await Promise.all([
    Promise.all(windowIds.map(async (id) => (await store.windows.byId(id))!)),
    hiddenByWindow(ctx, user.id, windowIds),
  ]);
  const pages = windows.map((window) => ({
    window,
    messages: messages.filter((message) => message.windowId === window.id && !hidden.get(window.id)!.has(message.id)),
  }));
  const views = new Map((await pageViews(ctx, pages)).flat().map((view) => [view.message.id, view]));
  const windowOf = new Map(windows.map((window) => [window.id, window]));
  return messages.flatMap((message) => {
    const view = views.get(message.id);
    return view ? [{ message: view, window: windowOf.get(message.windowId)! }] : [];
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
export async function pollConversation(ctx: DomainContext, caller: User | 'app', poll: ConversationPoll) {
  if (caller !== 'app' && caller.id !== poll.fromId) throw forbidden('you can only poll your own conversations');
  // A user polls as themself: their own record is at hand.
  const from = caller === 'app' ? await requireUser(ctx, poll.fromId) : caller;
  const [to, messages] = await Promise.all([
    requireUser(ctx, poll.toId),
    ctx.store.messages.sentBetween(from.id, poll.toId, poll.afterMs, poll.limit),
  ]);
  if (from.role !== poll.fromRole) throw invalid(`user ${from.id} is ${from.role}, not ${poll.fromRole}`);
  return { from, to, messages };
}
