import type { DomainContext } from './context.js';
import type { ChatMessage, ChatWindow } from './types.js';

/** A message as a member sees it: with what is known of it beyond its own row. */
export interface MessageView extends ChatMessage {
  /** Read by its recipient (one-to-one), or by every other current member (group). */
  read: boolean;
  /** Group: how many members other than the sender have read it; null one-to-one. */
  readCount: number | null;
  reactions: { emoji: string; userIds: number[] }[];
  /** The message it replies to, as it is now (perhaps recalled since). */
  quoted: ChatMessage | null;
}

/**
 * Views of some messages of one window (ascending, as read from the store): read state,
 * reactions and quoted messages, each looked up once for the whole page.
 */
export async function viewsOf(
  ctx: DomainContext,
  window: ChatWindow,
  messages: readonly ChatMessage[],
): Promise<MessageView[]> {
  if (messages.length === 0) return [];
  const { store } = ctx;
  const members = window.kind === 'group' ? await store.windows.members(window.id) : [];
  // Members who had joined before a message was sent, other than its sender, are its readers.
  const readers = (message: ChatMessage) =>
    members.filter((m) => m.userId !== message.fromId && m.joinedAfter < message.id);

  const reactions = new Map<number, Map<string, number[]>>();
  for (const { messageId, emoji, userId } of await store.messages.reactionsBetween(
    messages[0]!.id,
    messages.at(-1)!.id,
  )) {
    const byEmoji = reactions.get(messageId) ?? new Map<string, number[]>();
    byEmoji.set(emoji, [...(byEmoji.get(emoji) ?? []), userId]);
    reactions.set(messageId, byEmoji);
  }

  return Promise.all(
    messages.map(async (message) => {
      const readBy = window.kind === 'group' ? readers(message).filter((m) => m.readUpTo >= message.id).length : null;
      return {
        ...message,
        read:
          window.kind === 'direct'
            ? message.readAt !== null
            : members.every((m) => m.userId === message.fromId || m.readUpTo >= message.id),
        readCount: readBy,
        reactions: [...(reactions.get(message.id) ?? [])].map(([emoji, userIds]) => ({ emoji, userIds })),
        quoted: message.replyTo === null ? null : ((await store.messages.byId(message.replyTo)) ?? null),
      };
    }),
  );
}

/** One message's view. */
export const viewOf = async (ctx: DomainContext, window: ChatWindow, message: ChatMessage) =>
  (await viewsOf(ctx, window, [message]))[0]!;

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
  const hidden = await ctx.store.messages.hiddenIn(userId, windowId);
  const visible = (await fetch(limit + hidden.size)).filter((message) => !hidden.has(message.id));
  return keep === 'oldest' ? visible.slice(0, limit) : visible.slice(Math.max(0, visible.length - limit));
}
