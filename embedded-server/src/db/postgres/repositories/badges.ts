import type { Port } from '../../port.js';
import type { BadgeRepository, BadgeRows } from '../../repositories/badges.js';
import type { PgSession } from '../session.js';

/** The badge numbers on PostgreSQL: one statement, as on SQLite. */
export function createPgBadgeRepository(session: PgSession): Port<BadgeRepository> {
  return {
    async of(userId: number, windowIds: readonly number[]): Promise<BadgeRows> {
      const row = await session.row<BadgeRows>(
        `SELECT coalesce(sum(unread_count), 0) AS "chatUnread", coalesce(sum(mention_unread), 0) AS "chatMentions",
           coalesce(json_agg(json_build_object('windowId', window_id, 'unread', unread_count,
             'mentionUnread', mention_unread) ORDER BY window_id) FILTER (WHERE window_id = ANY($2::bigint[])), '[]')
             AS windows,
           (SELECT count(*) FROM invitations WHERE invitee_id = $1 AND state = 'pending') AS "invitationsPending",
           (SELECT coalesce(json_agg(json_build_object('type', type, 'status', status, 'n', n) ORDER BY type, status),
              '[]') FROM inbox_counters WHERE user_id = $1 AND n > 0) AS "inboxCounters"
         FROM window_members WHERE user_id = $1`,
        [userId, windowIds],
      );
      return row!;
    },
  };
}
