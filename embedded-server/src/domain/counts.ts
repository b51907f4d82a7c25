import { inboxCounts } from './inbox.js';
import type { DomainContext } from './context.js';

/** The numbers on a user's badges. */
export interface BadgeCounts {
  chatUnread: number;
  inboxUnread: number;
  inboxTodo: number;
  invitationsPending: number;
}

/** From the counters kept with every change: no list is counted here. */
export function badgeCounts(ctx: DomainContext, userId: number): BadgeCounts {
  const inbox = inboxCounts(ctx, userId);
  return {
    chatUnread: ctx.store.windows.totalUnread(userId),
    inboxUnread: inbox.unread,
    inboxTodo: inbox.todo,
    invitationsPending: ctx.store.invitations.pendingCount(userId),
  };
}
