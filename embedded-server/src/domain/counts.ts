import type { BadgeCounts, WindowUnreadWire } from '../contract/wire.js';
import { inboxCounts } from './inbox.js';
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
  const inbox = await inboxCounts(ctx, userId);
  const windows: WindowUnreadWire[] = [];
  for (const windowId of changedWindows) {
    const membership = await ctx.store.windows.membership(windowId, userId);
    if (membership) windows.push({ cId: windowId, unread: membership.unread, mentionUnread: membership.mentionUnread });
  }
  return {
    chatUnread: await ctx.store.windows.totalUnread(userId),
    chatMentions: await ctx.store.windows.totalMentions(userId),
    inboxUnread: inbox.unread,
    inboxTodo: inbox.todo,
    invitationsPending: await ctx.store.invitations.pendingCount(userId),
    inbox,
    windows,
  };
}
