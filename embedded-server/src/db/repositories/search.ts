import type { Db } from '../open.js';
import type { ChatMessage, Notification } from '../../domain/types.js';
import { isUnspaced, unspacedCharacters } from '../unspaced-text.js';
import { escapeLike, ftsPhrase } from './users.js';

/** What a search result shows of a chat message. */
export type MessageMatch = Pick<ChatMessage, 'id' | 'windowId' | 'fromId' | 'body' | 'createdAt'>;
/** What a search result shows of a notification. */
export type NotificationMatch = Pick<Notification, 'id' | 'title' | 'content' | 'type' | 'status' | 'createdAt'>;

const MESSAGE_MATCH_COLUMNS = 'm.id, m.window_id AS windowId, m.from_id AS fromId, m.body, m.created_at AS createdAt';
const NOTIFICATION_MATCH_COLUMNS = 'n.id, n.title, n.content, n.type, n.status, n.created_at AS createdAt';

/** The trigram tokenizer indexes runs of three characters: a shorter MATCH finds nothing. */
const SHORTEST_TRIGRAM = 3;

/**
 * A term found in more rows than this, across all users, is "common": walking its matches
 * to find the caller's few would pass over everyone else's. Counting up to it costs about
 * a millisecond; walking that many matches costs a few.
 */
const COMMON_TERM_ROWS = 2000;

/**
 * A caller whose windows hold at most this many messages (or who has at most this many
 * notifications) is searched through their own rows only, whatever the term: LIKE reads
 * them in about 15 ms at most, and the time then depends on nothing of anyone else's. The
 * full-text path's cost grows with the term's matches in everyone's rows, so its time
 * would tell a caller how often a term occurs in other people's private messages.
 */
const OWN_ROWS_SEARCHED_ALONE = 20_000;

interface TermQuery {
  userId: number;
  limit: number;
}

/**
 * Substring search over the caller's chat messages and notifications, newest first.
 *
 * A caller with few rows (OWN_ROWS_SEARCHED_ALONE) is searched with LIKE over their own
 * rows alone. For a caller with more, LIKE over all of them could take hundreds of
 * milliseconds, so a full-text index helps, as follows.
 *
 * Terms of three characters or more go through the trigram FTS tables. Chinese (and kana)
 * terms of one or two characters go through the one-character index of messages
 * (migration 6), as a phrase of their characters.
 * The FTS table is pinned as the outer loop with CROSS JOIN: FTS5 then walks its matches
 * newest first (ORDER BY rowid DESC) and LIMIT ends the walk early. Left to itself the
 * planner starts from the caller's rows and runs the full-text query again for each of them.
 *
 * That walk passes over everyone's matches, so it is taken only for a term that is rare
 * across the store. A common term, and a short term no index can look up (Latin letters),
 * is looked for with LIKE over the caller's own rows only (their windows, newest first;
 * their notifications), which stops at `limit` hits: a common term is usually found at once.
 */
export function createSearchRepository(db: Db) {
  // A group member sees only what was said after they joined (joined_after).
  const messagesIn = (index: string) =>
    db.prepare<[TermQuery & { phrase: string }], MessageMatch>(
      `SELECT ${MESSAGE_MATCH_COLUMNS}
       FROM ${index} f
         CROSS JOIN chat_messages m ON m.id = f.rowid
         CROSS JOIN window_members w ON w.window_id = m.window_id AND w.user_id = @userId
       WHERE ${index} MATCH @phrase AND m.id > w.joined_after
       ORDER BY f.rowid DESC LIMIT @limit`,
    );
  const rowsIn = (index: string) =>
    db
      .prepare<[string, number], number>(
        `SELECT rowid FROM ${index} WHERE ${index} MATCH ? ORDER BY rowid DESC LIMIT ?`,
      )
      .pluck();
  const messageIndexes = {
    trigrams: { matching: messagesIn('chat_messages_fts'), rows: rowsIn('chat_messages_fts') },
    characters: { matching: messagesIn('chat_messages_chars'), rows: rowsIn('chat_messages_chars') },
  };
  const messagesLike = db.prepare<[TermQuery & { pattern: string }], MessageMatch>(
    `SELECT ${MESSAGE_MATCH_COLUMNS}
     FROM window_members w INDEXED BY window_members_by_activity
       JOIN chat_messages m INDEXED BY chat_messages_by_window ON m.window_id = w.window_id AND m.id > w.joined_after
     WHERE w.user_id = @userId AND m.body LIKE @pattern ESCAPE '\\'
     ORDER BY m.id DESC LIMIT @limit`,
  );
  const notificationsMatching = db.prepare<[TermQuery & { phrase: string }], NotificationMatch>(
    `SELECT ${NOTIFICATION_MATCH_COLUMNS}
     FROM notifications_fts f CROSS JOIN notifications n ON n.id = f.rowid
     WHERE notifications_fts MATCH @phrase AND n.user_id = @userId
     ORDER BY f.rowid DESC LIMIT @limit`,
  );
  const notificationRows = rowsIn('notifications_fts');
  // How many rows the caller has, counted only up to the limit (so it costs the same beyond it).
  const ownMessages = db
    .prepare<[number, number], number>(
      `SELECT count(*) FROM (
         SELECT 1 FROM window_members w
           JOIN chat_messages m INDEXED BY chat_messages_by_window ON m.window_id = w.window_id AND m.id > w.joined_after
         WHERE w.user_id = ? LIMIT ?)`,
    )
    .pluck();
  const ownNotifications = db
    .prepare<[number, number], number>(
      'SELECT count(*) FROM (SELECT 1 FROM notifications INDEXED BY notifications_by_user WHERE user_id = ? LIMIT ?)',
    )
    .pluck();
  const notificationsLike = db.prepare<[TermQuery & { pattern: string }], NotificationMatch>(
    `SELECT ${NOTIFICATION_MATCH_COLUMNS}
     FROM notifications n INDEXED BY notifications_by_user
     WHERE n.user_id = @userId AND (n.title LIKE @pattern ESCAPE '\\' OR n.content LIKE @pattern ESCAPE '\\')
     ORDER BY n.id DESC LIMIT @limit`,
  );

  return {
    /** Messages containing `term` in the windows `userId` belongs to, newest first. */
    messages(userId: number, term: string, limit: number): MessageMatch[] {
      const long = [...term].length >= SHORTEST_TRIGRAM;
      const index = long ? messageIndexes.trigrams : isUnspaced(term) ? messageIndexes.characters : undefined;
      const phrase = ftsPhrase(long ? term : (unspacedCharacters(term) ?? term));
      return index && !hasFewRows(ownMessages, userId) && isRare(phrase, index.rows)
        ? index.matching.all({ userId, limit, phrase })
        : messagesLike.all({ userId, limit, pattern: likePattern(term) });
    },
    /** `userId`'s notifications containing `term` in their title or content, newest first. */
    notifications(userId: number, term: string, limit: number): NotificationMatch[] {
      const phrase = ftsPhrase(term);
      const indexed = [...term].length >= SHORTEST_TRIGRAM;
      return indexed && !hasFewRows(ownNotifications, userId) && isRare(phrase, notificationRows)
        ? notificationsMatching.all({ userId, limit, phrase })
        : notificationsLike.all({ userId, limit, pattern: likePattern(term) });
    },
  };
}

const likePattern = (term: string) => `%${escapeLike(term)}%`;

/** Whether the caller has at most OWN_ROWS_SEARCHED_ALONE rows of this kind. */
const hasFewRows = (ownRows: { get(userId: number, cap: number): number | undefined }, userId: number) =>
  ownRows.get(userId, OWN_ROWS_SEARCHED_ALONE + 1)! <= OWN_ROWS_SEARCHED_ALONE;

/** Whether a full-text index holds `phrase` in at most COMMON_TERM_ROWS rows of everyone's. */
const isRare = (phrase: string, rowsMatching: { all(phrase: string, limit: number): number[] }) =>
  rowsMatching.all(phrase, COMMON_TERM_ROWS + 1).length <= COMMON_TERM_ROWS;

export type SearchRepository = ReturnType<typeof createSearchRepository>;
