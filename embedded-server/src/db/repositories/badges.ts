import type { Db } from '../open.js';
import type { InboxCounter } from './notifications.js';

/** A member's unread counts in one window. */
export interface WindowUnread {
  windowId: number;
  unread: number;
  mentionUnread: number;
}

/** What a user's badge numbers are made of, read together from the counters kept with every change. */
export interface BadgeRows {
  /** Unread messages, and unread messages that mention the user, over all their windows. */
  chatUnread: number;
  chatMentions: number;
  invitationsPending: number;
  /** The user's inbox counters that are not zero. */
  inboxCounters: InboxCounter[];
  /** The user's unread counts in each of the windows asked about that they are in, by window id. */
  windows: WindowUnread[];
}

/**
 * The badge numbers' read model: one statement over the window memberships, the inbox
 * counters and the pending invitations, since a `counts` event follows most changes.
 */
export function createBadgeRepository(db: Db) {
  /** The two lists come as the JSON text SQLite built them in. */
  type Row = Omit<BadgeRows, 'inboxCounters' | 'windows'> & { inboxCounters: string; windows: string };
  const of = db.prepare<{ userId: number; windowIds: string }, Row>(
    `SELECT ifnull(sum(unread_count), 0) AS chatUnread, ifnull(sum(mention_unread), 0) AS chatMentions,
       json_group_array(json_object('windowId', window_id, 'unread', unread_count, 'mentionUnread', mention_unread)
         ORDER BY window_id) FILTER (WHERE window_id IN (SELECT value FROM json_each(@windowIds))) AS windows,
       (SELECT count(*) FROM invitations INDEXED BY invitations_by_invitee
        WHERE invitee_id = @userId AND state = 'pending') AS invitationsPending,
       (SELECT json_group_array(json_object('type', type, 'status', status, 'n', n) ORDER BY type, status)
        FROM inbox_counters WHERE user_id = @userId AND n > 0) AS inboxCounters
     FROM window_members INDEXED BY window_members_by_activity WHERE user_id = @userId`,
  );
  return {
    of(userId: number, windowIds: readonly number[]): BadgeRows {
      const row = of.get({ userId, windowIds: JSON.stringify(windowIds) })!;
      return {
        ...row,
        inboxCounters: JSON.parse(row.inboxCounters) as InboxCounter[],
        windows: JSON.parse(row.windows) as WindowUnread[],
      };
    },
  };
}

export type BadgeRepository = ReturnType<typeof createBadgeRepository>;
