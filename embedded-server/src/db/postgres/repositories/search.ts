import type { Port } from '../../port.js';
import type { MessageMatch, NotificationMatch, SearchRepository } from '../../repositories/search.js';
import { escapeLike } from '../../repositories/users.js';
import type { PgSession } from '../session.js';

const MESSAGE_MATCH_COLUMNS =
  'm.id, m.window_id AS "windowId", m.from_id AS "fromId", m.body, m.created_at AS "createdAt"';
const NOTIFICATION_MATCH_COLUMNS = 'n.id, n.title, n.content, n.type, n.status, n.created_at AS "createdAt"';

/** A trigram index finds nothing for a shorter term: it holds runs of three characters. */
const SHORTEST_TRIGRAM = 3;

/**
 * A caller whose windows hold at most this many messages (or who has at most this many
 * notifications) is searched through their own rows only, whatever the term: the time then
 * depends on nothing of anyone else's. The trigram index's cost grows with the term's
 * matches in everyone's rows, so its time would tell a caller how often a term occurs in
 * other people's private messages.
 */
const OWN_ROWS_SEARCHED_ALONE = 20_000;

/**
 * Whether a text column contains the pattern ($2), in one of two spellings that mean the same.
 * `indexed` is what the pg_trgm GIN indexes serve. `unindexed` matches no index, so the
 * caller's own rows are read through the indexes on membership and user: PostgreSQL computes
 * ILIKE as LIKE over both sides lower-cased in the column's collation, "C" (which folds ASCII
 * letters only, as SQLite's LIKE does).
 */
const CONTAINS = {
  indexed: (column: string) => `${column} ILIKE $2 ESCAPE '\\'`,
  unindexed: (column: string) => `lower(${column}) LIKE lower($2 COLLATE "C") ESCAPE '\\'`,
};

// A group member sees only what was said after they joined (joined_after).
const MESSAGES = {
  /** Everyone's matches, through the trigram index, then kept if in the caller's windows. */
  indexed: `SELECT ${MESSAGE_MATCH_COLUMNS}
    FROM window_members w JOIN chat_messages m ON m.window_id = w.window_id AND m.id > w.joined_after
    WHERE w.user_id = $1 AND ${CONTAINS.indexed('m.body')}
    ORDER BY m.id DESC LIMIT $3`,
  /**
   * Each of the caller's windows walked newest first until `limit` matches (a common term
   * is found at once), and the newest `limit` of those.
   */
  own: `SELECT m.* FROM window_members w
    CROSS JOIN LATERAL (
      SELECT ${MESSAGE_MATCH_COLUMNS} FROM chat_messages m
      WHERE m.window_id = w.window_id AND m.id > w.joined_after AND ${CONTAINS.unindexed('m.body')}
      ORDER BY m.id DESC LIMIT $3
    ) m
    WHERE w.user_id = $1 ORDER BY m.id DESC LIMIT $3`,
};

const notificationsContaining = (contains: (column: string) => string) =>
  `SELECT ${NOTIFICATION_MATCH_COLUMNS} FROM notifications n
   WHERE n.user_id = $1 AND (${contains('n.title')} OR ${contains('n.content')})
   ORDER BY n.id DESC LIMIT $3`;

const NOTIFICATIONS = {
  indexed: notificationsContaining(CONTAINS.indexed),
  own: notificationsContaining(CONTAINS.unindexed),
};

// How many rows the caller has, counted only up to the limit (so it costs the same beyond it).
const OWN_MESSAGES = `SELECT count(*) AS n FROM (
  SELECT 1 FROM window_members w JOIN chat_messages m ON m.window_id = w.window_id AND m.id > w.joined_after
  WHERE w.user_id = $1 LIMIT $2) own`;
const OWN_NOTIFICATIONS = 'SELECT count(*) AS n FROM (SELECT 1 FROM notifications WHERE user_id = $1 LIMIT $2) own';

/**
 * Substring search over the caller's chat messages and notifications, newest first, as
 * case-insensitive LIKE: the same rows in the same order as SQLite's full-text and LIKE
 * paths, which all mean "the text contains the term".
 *
 * A term of three characters or more, for a caller with many rows, is looked up in the
 * trigram indexes (where the planner finds that cheaper than reading the caller's rows). Any
 * other search reads the caller's own rows alone: a shorter term has no trigram to look up
 * (SQLite's one-character index for short Chinese terms has no counterpart here).
 */
export function createPgSearchRepository(session: PgSession): Port<SearchRepository> {
  /** Whether the trigram index is worth asking for `term`, for a caller with the rows `countOwn` counts. */
  const indexed = async (term: string, countOwn: string, userId: number) =>
    [...term].length >= SHORTEST_TRIGRAM &&
    (await session.row<{ n: number }>(countOwn, [userId, OWN_ROWS_SEARCHED_ALONE + 1]))!.n > OWN_ROWS_SEARCHED_ALONE;

  return {
    async messages(userId: number, term: string, limit: number) {
      const text = (await indexed(term, OWN_MESSAGES, userId)) ? MESSAGES.indexed : MESSAGES.own;
      return session.rows<MessageMatch>(text, [userId, likePattern(term), limit]);
    },
    async notifications(userId: number, term: string, limit: number) {
      const text = (await indexed(term, OWN_NOTIFICATIONS, userId)) ? NOTIFICATIONS.indexed : NOTIFICATIONS.own;
      return session.rows<NotificationMatch>(text, [userId, likePattern(term), limit]);
    },
  };
}

const likePattern = (term: string) => `%${escapeLike(term)}%`;
