import type { Db } from '../open.js';
import type { ChatMessage, Notification } from '../../domain/types.js';
import { escapeLike, ftsPhrase } from './users.js';

/** What a search result shows of a chat message. */
export type MessageMatch = Pick<ChatMessage, 'id' | 'windowId' | 'fromId' | 'body' | 'createdAt'>;
/** What a search result shows of a notification. */
export type NotificationMatch = Pick<Notification, 'id' | 'title' | 'content' | 'type' | 'status' | 'createdAt'>;

const MESSAGE_MATCH_COLUMNS = 'm.id, m.window_id AS windowId, m.from_id AS fromId, m.body, m.created_at AS createdAt';
const NOTIFICATION_MATCH_COLUMNS = 'n.id, n.title, n.content, n.type, n.status, n.created_at AS createdAt';

/** The trigram tokenizer indexes runs of three characters: a shorter MATCH finds nothing. */
const SHORTEST_MATCH = 3;
const matchable = (term: string) => [...term].length >= SHORTEST_MATCH;

interface TermQuery {
  userId: number;
  limit: number;
}

/**
 * Substring search over the caller's chat messages and notifications, newest first.
 *
 * Terms of three characters or more go through the trigram FTS tables. The FTS table is
 * pinned as the outer loop with CROSS JOIN: FTS5 then walks its matches newest first
 * (ORDER BY rowid DESC) and LIMIT ends the walk early. Left to itself the planner starts
 * from the caller's rows and runs the full-text query again for each of them.
 *
 * Shorter terms cannot use the trigram index, so LIKE runs over the caller's own rows
 * only (their windows, their notifications), never over the whole table.
 */
export function createSearchRepository(db: Db) {
  // A group member sees only what was said after they joined (joined_after).
  const messagesMatching = db.prepare<[TermQuery & { phrase: string }], MessageMatch>(
    `SELECT ${MESSAGE_MATCH_COLUMNS}
     FROM chat_messages_fts f
       CROSS JOIN chat_messages m ON m.id = f.rowid
       CROSS JOIN window_members w ON w.window_id = m.window_id AND w.user_id = @userId
     WHERE chat_messages_fts MATCH @phrase AND m.id > w.joined_after
     ORDER BY f.rowid DESC LIMIT @limit`,
  );
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
  const notificationsLike = db.prepare<[TermQuery & { pattern: string }], NotificationMatch>(
    `SELECT ${NOTIFICATION_MATCH_COLUMNS}
     FROM notifications n INDEXED BY notifications_by_user
     WHERE n.user_id = @userId AND (n.title LIKE @pattern ESCAPE '\\' OR n.content LIKE @pattern ESCAPE '\\')
     ORDER BY n.id DESC LIMIT @limit`,
  );

  return {
    /** Messages containing `term` in the windows `userId` belongs to, newest first. */
    messages(userId: number, term: string, limit: number): MessageMatch[] {
      return matchable(term)
        ? messagesMatching.all({ userId, limit, phrase: ftsPhrase(term) })
        : messagesLike.all({ userId, limit, pattern: likePattern(term) });
    },
    /** `userId`'s notifications containing `term` in their title or content, newest first. */
    notifications(userId: number, term: string, limit: number): NotificationMatch[] {
      return matchable(term)
        ? notificationsMatching.all({ userId, limit, phrase: ftsPhrase(term) })
        : notificationsLike.all({ userId, limit, pattern: likePattern(term) });
    },
  };
}

const likePattern = (term: string) => `%${escapeLike(term)}%`;

export type SearchRepository = ReturnType<typeof createSearchRepository>;
