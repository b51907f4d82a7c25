import type { BadgeCounts } from '../contract/wire.js';
import { inboxCountsOf } from './inbox.js';
import type { DomainContext } from './context.js';

/**
 * A user's badge numbers, from the counters kept with every change (no list is counted
 * here), and the unread count of each window in `changedWindows` the user still belongs to.
 */
export async function badgeCounts(
  ctx: DomainContext,
  userId: number,
  changedWindows: Iterable<number> = [],
): Promise<BadgeCounts> {
  const badges = await ctx.store.badges.of(userId, [...changedWindows]);
  const inbox = inboxCountsOf(badges.inboxCounters);
  return {
    chatUnread: badges.chatUnread,
    chatMentions: badges.chatMentions,
    inboxUnread: inbox.unread,
    inboxTodo: inbox.todo,
    invitationsPending: badges.invitationsPending,
    inbox,
    windows: badges.windows.map(({ windowId, unread, mentionUnread }) => ({ cId: windowId, unread, mentionUnread })),
  };
}
