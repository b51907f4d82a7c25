import type { DomainContext } from './context.js';
import type { WindowMember, WindowMemberOf } from '../db/repositories/windows.js';
import type { ChatMessage, ChatWindow } from './types.js';

/**
 * A message as a member sees it: its row, and what is known of it beyond the row. The row is
 * held, not copied: a page's views are made for every read of it (the chat list, history).
 */
export interface MessageView {
  message: ChatMessage;
  /** Read by its recipient (one-to-one), or by every other current member (group). */
  read: boolean;
  /** Group: how many members other than the sender have read it; null one-to-one. */
  readCount: number | null;
  reactions: { emoji: string; userIds: number[] }[];
  /** The message it replies to, as it is now (perhaps recalled since). */
  quoted: ChatMessage | null;
}

/** Some messages of one window, ascending, as read from the store. */
export interface WindowPage {
  window: ChatWindow;
  messages: readonly ChatMessage[];
}

const distinct = (ids: Iterable<number>) => [...new Set(ids)];

/**
 * Views of the messages of some pages, each as a member of its window sees them: read state,
 * reactions and quoted messages, each read once for all the pages together. A caller that
 * already read the group windows' members passes them, and they are not read again.
 */
export async function pageViews(
  ctx: DomainContext,
  pages: readonly WindowPage[],
  groupMembers?: readonly WindowMemberOf[],
): Promise<MessageView[][]> {
  const { store } = ctx;
  const read = pages.filter((page) => page.messages.length > 0);
  const messageIds = read.flatMap((page) => page.messages.map((message) => message.id));
  const groupIds = distinct(read.filter((page) => page.window.kind === 'group').map((page) => page.window.id));
  const quotedIds = distinct(
    read.flatMap((page) => page.messages.flatMap((message) => (message.replyTo === null ? [] : [message.replyTo]))),
  );
  const [memberRows, reactionRows, quotedRows] = await Promise.all([
    groupMembers ?? (groupIds.length > 0 ? store.windows.membersOf(groupIds) : []),
    messageIds.length > 0 ? store.messages.reactionsOn(messageIds) : [],
    quotedIds.length > 0 ? store.messages.byIds(quotedIds) : [],
  ]);

  const membersOf = new Map<number, WindowMember[]>();
  for (const member of memberRows) {
    const members = membersOf.get(member.windowId);
    if (members) members.push(member);
    else membersOf.set(member.windowId, [member]);
  }
  const reactions = new Map<number, Map<string, number[]>>();
  for (const { messageId, emoji, userId } of reactionRows) {
    const byEmoji = reactions.get(messageId) ?? new Map<string, number[]>();
    byEmoji.set(emoji, [...(byEmoji.get(emoji) ?? []), userId]);
    reactions.set(messageId, byEmoji);
  }
  const quoted = new Map(quotedRows.map((message) => [message.id, message]));

  return pages.map(({ window, messages }) => {
    const members = membersOf.get(window.id) ?? [];
    return messages.map((message) =>
      viewWith(window, message, {
        members,
        reactions: reactions.get(message.id),
        quoted: message.replyTo === null ? null : (quoted.get(message.replyTo) ?? null),
      }),
    );
  });
}

/** What a view of a message adds to its row, read from the store. */
interface ViewFacts {
  /** The window's members (group windows; none are needed one-to-one). */
  members: readonly WindowMember[];
  /** Who reacted with what, in the order given; none when undefined. */
  reactions: ReadonlyMap<string, number[]> | undefined;
  quoted: ChatMessage | null;
}

function viewWith(window: ChatWindow, message: ChatMessage, facts: ViewFacts): MessageView {
  const { members } = facts;
  return {
    message,
    read:
      window.kind === 'direct'
        ? message.readAt !== null
        : members.every((m) => m.userId === message.fromId || m.readUpTo >= message.id),
    // Members who had joined before a message was sent, other than its sender, are its readers.
    readCount:
      window.kind === 'group'
        ? members.filter((m) => m.userId !== message.fromId && m.joinedAfter < message.id && m.readUpTo >= message.id)
            .length
        : null,
    reactions: [...(facts.reactions ?? [])].map(([emoji, userIds]) => ({ emoji, userIds })),
    quoted: facts.quoted,
  };
}

/**
 * The view of a message written in the current transaction, from what its writer already
 * read: nobody can have reacted to it yet, so nothing more is read.
 */
export const newMessageView = (
  window: ChatWindow,
  message: ChatMessage,
  members: readonly WindowMember[],
  quoted: ChatMessage | null,
): MessageView => viewWith(window, message, { members, reactions: undefined, quoted });

/** Views of some messages of one window (ascending, as read from the store). */
export const viewsOf = async (ctx: DomainContext, window: ChatWindow, messages: readonly ChatMessage[]) =>
  (await pageViews(ctx, [{ window, messages }]))[0]!;

/** One message's view. */
export const viewOf = async (ctx: DomainContext, window: ChatWindow, message: ChatMessage) =>
  (await viewsOf(ctx, window, [message]))[0]!;

/** The ids of the messages of these windows the user deleted for themself, by window. */
export async function hiddenByWindow(
  ctx: DomainContext,
  userId: number,
  windowIds: readonly number[],
): Promise<Map<number, Set<number>>> {
  const hidden = new Map<number, Set<number>>(windowIds.map((id) => [id, new Set()]));
  for (const { windowId, messageId } of await ctx.store.messages.hiddenIn(userId, windowIds))
    hidden.get(windowId)?.add(messageId);
  return hidden;
}

/** The first (`keep` oldest) or last (`keep` newest) `limit` of `messages` that are not `hidden`. */
export function keepVisible(
  messages: readonly ChatMessage[],
  hidden: ReadonlySet<number>,
  limit: number,
  keep: 'oldest' | 'newest',
): ChatMessage[] {
  const visible = messages.filter((message) => !hidden.has(message.id));
  return keep === 'oldest' ? visible.slice(0, limit) : visible.slice(Math.max(0, visible.length - limit));
}

/**
 * A page of `limit` messages the user has not deleted for themself, read with `fetch`
 * (which takes how many to read): as many more are read as the user deleted in the window,
 * then the page is cut back from the end `keep` says, so a page is only short at the real
 * start or end of the history.
 */
export async function visiblePage(
  ctx: DomainContext,
  userId: number,
  windowId: number,
  limit: number,
  fetch: (count: number) => Promise<readonly ChatMessage[]>,
  keep: 'oldest' | 'newest',
): Promise<ChatMessage[]> {
  const hidden = (await hiddenByWindow(ctx, userId, [windowId])).get(windowId)!;
  return keepVisible(await fetch(limit + hidden.size), hidden, limit, keep);
}
