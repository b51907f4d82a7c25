import type { BadgeCounts, ServerEvent } from '../api/wire.js';

const NO_INBOX: BadgeCounts['inbox'] = { unread: 0, todo: 0, read: 0, byType: {} };

/** A `counts` event as the server sends it; the badge numbers follow the parts given. */
export function countsEvent(change: Partial<BadgeCounts> = {}): ServerEvent {
  const inbox = change.inbox ?? NO_INBOX;
  return {
    type: 'counts',
    data: {
      chatUnread: 0,
      chatMentions: 0,
      inboxUnread: inbox.unread,
      inboxTodo: inbox.todo,
      invitationsPending: 0,
      inbox,
      windows: [],
      ...change,
    },
  };
}
