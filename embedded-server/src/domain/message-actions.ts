/**
 * What people do to a message once it is sent (API.md §3b): recall it, edit it, react to
 * it, delete it for themselves, and see who received and read it.
 */
import { EDIT_WINDOW_MS, RECALL_WINDOW_MS } from '../contract/enums.js';
import { forgetAttachment } from './attachments.js';
import { memberWindow } from './chat.js';
import type { DomainContext } from './context.js';
import { conflict, forbidden, invalid, notFound } from './errors.js';
import { emit } from './events.js';
import { viewOf, type MessageView } from './message-views.js';
import { recalledSentence } from './offline-messages.js';
import type { MemberWindow, User } from './types.js';

/** The message if it is in the window the user belongs to; anything else is as good as missing. */
async function messageIn(ctx: DomainContext, user: User, windowId: number, messageId: number) {
  const window = await memberWindow(ctx, user.id, windowId);
  const message = await ctx.store.messages.byId(messageId);
  if (!message || message.windowId !== window.id || message.id <= ((await joinedAfter(ctx, window, user)) ?? 0))
    throw notFound(`no message ${messageId} in chat window ${windowId}`);
  return { window, message };
}

/** Messages up to this id were sent before the user joined the window: not theirs to see. */
const joinedAfter = async (ctx: DomainContext, window: MemberWindow, user: User) =>
  (await ctx.store.windows.members(window.id)).find((m) => m.userId === user.id)?.joinedAfter;

async function ownMessage(ctx: DomainContext, user: User, windowId: number, messageId: number, doing: string) {
  const found = await messageIn(ctx, user, windowId, messageId);
  if (found.message.fromId !== user.id || found.message.type === 'SYSTEM')
    throw forbidden(`only its sender may ${doing} a message`);
  return found;
}

const memberIdsOf = async (ctx: DomainContext, windowId: number) =>
  (await ctx.store.windows.members(windowId)).map((m) => m.userId);

/**
 * Recalls a message its sender sent in the last two minutes. Its text, caption, attachment,
 * mentions and reactions are erased from the store and the search index, not hidden; the
 * row stays, marked recalled. Offline copies nobody has picked up are withdrawn; those
 * picked up say only that a message was recalled. Recalling twice changes nothing.
 */
export async function recallMessage(
  ctx: DomainContext,
  user: User,
  windowId: number,
  messageId: number,
): Promise<MessageView> {
  const { store } = ctx;
  return await store.transaction(async () => {
    const { window, message } = await ownMessage(ctx, user, windowId, messageId, 'recall');
    if (message.recalledAt !== null) return await viewOf(ctx, window, message);
    const now = ctx.now();
    if (now - message.createdAt > RECALL_WINDOW_MS)
      throw conflict('a message can be recalled only within 2 minutes of sending it');
    const mentioned = await store.messages.mentionedUsers(message.id);
    await store.messages.erase(message, now);
    if (message.attachmentId) await forgetAttachment(ctx, message.attachmentId);
    const withdrawnFrom = await store.offline.withdrawUndelivered(message.id);
    await store.offline.rewriteText(message.id, recalledSentence(user));
    for (const userId of mentioned) {
      const member = await store.windows.membership(window.id, userId);
      if (member)
        await store.windows.setMentionUnread(
          window.id,
          userId,
          await store.messages.countMentionsAfter(userId, window.id, member.readUpTo),
        );
    }
    emit(ctx, {
      type: 'message.recalled',
      windowId: window.id,
      id: message.id,
      memberIds: await memberIdsOf(ctx, window.id),
    });
    const moved = [...new Set([...mentioned, ...withdrawnFrom])];
    if (moved.length > 0) emit(ctx, { type: 'counts.changed', userIds: moved, windowId: window.id });
    return await viewOf(ctx, window, (await store.messages.byId(message.id))!);
  });
}

/** Edits the text of a message its sender sent in the last 24 hours; the search index follows. */
export async function editMessage(
  ctx: DomainContext,
  user: User,
  windowId: number,
  messageId: number,
  body: string,
): Promise<MessageView> {
  const { store } = ctx;
  return await store.transaction(async () => {
    const { window, message } = await ownMessage(ctx, user, windowId, messageId, 'edit');
    if (message.type !== 'TEXT') throw invalid('only a text message can be edited');
    if (message.recalledAt !== null) throw conflict('a recalled message cannot be edited');
    if (body.trim() === '') throw invalid('a text message must not be empty');
    if (body === message.body) return await viewOf(ctx, window, message);
    const now = ctx.now();
    if (now - message.createdAt > EDIT_WINDOW_MS)
      throw conflict('a message can be edited only within 24 hours of sending it');
    await store.messages.editBody(message, body, now);
    return await updated(ctx, window, message.id);
  });
}

/** The message changed for everyone in the window: they get it whole again. */
async function updated(ctx: DomainContext, window: MemberWindow, messageId: number): Promise<MessageView> {
  const message = (await ctx.store.messages.byId(messageId))!;
  emit(ctx, { type: 'message.updated', message, window, memberIds: await memberIdsOf(ctx, window.id) });
  return await viewOf(ctx, window, message);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const PICTOGRAPHIC = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/** One emoji: a single grapheme (skin tones, flags and families included) that is a pictograph. */
function checkEmoji(emoji: string): string {
  const single = emoji.length <= 32 && [...graphemes.segment(emoji)].length === 1;
  if (!single || !PICTOGRAPHIC.test(emoji)) throw invalid('a reaction is one emoji');
  return emoji;
}

/** Puts the user's emoji on a message, or takes it off; doing either twice changes nothing. */
export async function setReaction(
  ctx: DomainContext,
  user: User,
  windowId: number,
  messageId: number,
  emoji: string,
  on: boolean,
): Promise<MessageView> {
  const { store } = ctx;
  return await store.transaction(async () => {
    const { window, message } = await messageIn(ctx, user, windowId, messageId);
    if (message.recalledAt !== null || message.type === 'SYSTEM')
      throw conflict('a recalled message or a system line takes no reactions');
    const reaction = { messageId: message.id, emoji: checkEmoji(emoji), userId: user.id };
    if (!(await store.messages.setReaction(reaction, on, ctx.now()))) return await viewOf(ctx, window, message);
    return await updated(ctx, window, message.id);
  });
}

/** Deletes a message for the user only: it leaves their history (on every device), not anyone else's. */
export async function hideMessage(ctx: DomainContext, user: User, windowId: number, messageId: number): Promise<void> {
  const { store } = ctx;
  await store.transaction(async () => {
    const { window, message } = await messageIn(ctx, user, windowId, messageId);
    await store.messages.hide(user.id, message);
    emit(ctx, { type: 'message.hidden', windowId: window.id, id: message.id, userId: user.id });
  });
}

export interface Receipts {
  read: { userId: number; at: number | null }[];
  delivered: { userId: number; at: number | null }[];
  pending: number[];
}

/**
 * Who has read the sender's message, who has it but has not read it, and whom it has not
 * reached yet. In a group these are the current members who were there when it was sent.
 */
export async function messageReceipts(
  ctx: DomainContext,
  user: User,
  windowId: number,
  messageId: number,
): Promise<Receipts> {
  const { window, message } = await ownMessage(ctx, user, windowId, messageId, 'see the receipts of');
  const receipts: Receipts = { read: [], delivered: [], pending: [] };
  if (window.kind === 'direct') {
    const to = message.toId!;
    if (message.readAt !== null) receipts.read.push({ userId: to, at: message.readAt });
    else if (message.deliveredAt !== null) receipts.delivered.push({ userId: to, at: message.deliveredAt });
    else receipts.pending.push(to);
    return receipts;
  }
  const { windows } = ctx.store;
  const markOf = async (userId: number, kind: 'read' | 'delivered') =>
    await windows.receiptTime(window.id, userId, kind, message.id);
  for (const member of await windows.members(window.id)) {
    if (member.userId === user.id || member.joinedAfter >= message.id) continue;
    if (member.readUpTo >= message.id)
      receipts.read.push({ userId: member.userId, at: await markOf(member.userId, 'read') });
    else if (member.deliveredUpTo >= message.id)
      receipts.delivered.push({ userId: member.userId, at: await markOf(member.userId, 'delivered') });
    else receipts.pending.push(member.userId);
  }
  return receipts;
}
