import type { Db } from '../open.js';
import type { ChatMessage } from '../../domain/types.js';

// The media columns hold -1 where they do not apply (schema 1): null to the domain.
const MESSAGE_COLUMNS = `id, object_id AS objectId, window_id AS windowId, from_id AS fromId, to_id AS toId, body, type,
  attachment_id AS attachmentId, nullif(voice_length, -1) AS voiceLength, nullif(image_size, -1) AS imageSize,
  client_msg_id AS clientMsgId,
  channel, from_area AS fromArea, created_at AS createdAt, updated_at AS updatedAt, delivered_at AS deliveredAt,
  read_at AS readAt`;

export type NewMessage = Omit<ChatMessage, 'id' | 'updatedAt' | 'deliveredAt' | 'readAt'>;

/**
 * How many of a window's latest messages are kept in memory: the first page of its history
 * when it is opened (50 by default), of which the window list shows the last 20.
 */
const RECENT_MESSAGES = 50;
/** Windows whose recent messages are kept in memory (about 25 KB each). */
const RECENT_CACHE_WINDOWS = 1000;

export function createMessageRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO chat_messages (object_id, window_id, from_id, to_id, body, type, attachment_id, voice_length,
       image_size, client_msg_id, channel, from_area, created_at, updated_at)
     VALUES (@objectId, @windowId, @fromId, @toId, @body, @type, @attachmentId, ifnull(@voiceLength, -1),
       ifnull(@imageSize, -1),
       @clientMsgId, @channel, @fromArea, @createdAt, @createdAt)`,
  );
  const byId = db.prepare<[number], ChatMessage>(`SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE id = ?`);
  const byObjectId = db.prepare<[string], ChatMessage>(
    `SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE object_id = ?`,
  );
  const byClientId = db.prepare<[number, string], ChatMessage>(
    `SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE from_id = ? AND client_msg_id = ?`,
  );
  const latestRows = db.prepare<[number, number], ChatMessage>(
    `SELECT * FROM (SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE window_id = ? ORDER BY id DESC LIMIT ?)
     ORDER BY id`,
  );
  const beforeRows = db.prepare<[number, number, number], ChatMessage>(
    `SELECT * FROM (SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE window_id = ? AND id < ? ORDER BY id DESC LIMIT ?)
     ORDER BY id`,
  );
  const afterRows = db.prepare<[number, number, number], ChatMessage>(
    `SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE window_id = ? AND id > ? ORDER BY id LIMIT ?`,
  );
  const sentAfter = db.prepare<[number, number, number], ChatMessage>(
    `SELECT ${MESSAGE_COLUMNS} FROM chat_messages INDEXED BY chat_messages_by_window_time
     WHERE window_id = ? AND created_at > ? ORDER BY created_at DESC, id DESC LIMIT ?`,
  );
  const markDirectRead = db.prepare<[{ now: number; windowId: number; userId: number; from: number; upTo: number }]>(
    `UPDATE chat_messages SET read_at = @now, updated_at = @now, delivered_at = ifnull(delivered_at, @now)
     WHERE window_id = @windowId AND to_id = @userId AND id > @from AND id <= @upTo AND read_at IS NULL`,
  );
  const unreadDirect = db.prepare<[number, number, number], { n: number }>(
    `SELECT count(*) AS n FROM chat_messages INDEXED BY chat_messages_by_window
     WHERE window_id = ? AND id > ? AND to_id = ? AND read_at IS NULL`,
  );
  const unreadInGroup = db.prepare<[number, number, number], { n: number }>(
    `SELECT count(*) AS n FROM chat_messages INDEXED BY chat_messages_by_window
     WHERE window_id = ? AND id > ? AND from_id <> ?`,
  );
  // Walks the message ids from the cursor; each is kept only if the user was in its
  // window when it was sent.
  const sinceForMember = db.prepare<[number, number, number], ChatMessage>(
    `SELECT ${MESSAGE_COLUMNS} FROM chat_messages m
     WHERE m.id > ? AND EXISTS (SELECT 1 FROM window_members w
                                WHERE w.window_id = m.window_id AND w.user_id = ? AND w.joined_after < m.id)
     ORDER BY m.id LIMIT ?`,
  );
  const markDelivered = db.prepare<[number, number]>(
    'UPDATE chat_messages SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL',
  );

  // Windows are listed and opened again and again, reading the same latest messages;
  // they change only through this repository, which forgets a window's entry whenever it
  // writes one of its messages. Entries are made only outside a transaction, so nothing
  // uncommitted (and perhaps rolled back) is ever kept.
  const recent = new Map<number, ChatMessage[]>();
  const forgetRecent = (windowId: number) => recent.delete(windowId);
  function recentOf(windowId: number): readonly ChatMessage[] {
    const kept = recent.get(windowId);
    if (kept) {
      // Least recently used first out: a hit moves the window to the back of the queue.
      recent.delete(windowId);
      recent.set(windowId, kept);
      return kept;
    }
    const messages = latestRows.all(windowId, RECENT_MESSAGES);
    if (db.inTransaction) return messages;
    recent.set(windowId, messages);
    if (recent.size > RECENT_CACHE_WINDOWS) forgetRecent(recent.keys().next().value!);
    return messages;
  }

  return {
    insert(message: NewMessage): number {
      forgetRecent(message.windowId);
      return Number(insert.run(message).lastInsertRowid);
    },
    byId: (id: number) => byId.get(id),
    byObjectId: (objectId: string) => byObjectId.get(objectId),
    byClientId: (fromId: number, clientMsgId: string) => byClientId.get(fromId, clientMsgId),
    /** The window's `limit` latest messages, ascending. Do not modify them: they may be shared. */
    latest(windowId: number, limit: number): readonly ChatMessage[] {
      if (limit > RECENT_MESSAGES) return latestRows.all(windowId, limit);
      const kept = recentOf(windowId);
      return kept.length > limit ? kept.slice(kept.length - limit) : kept;
    },
    /** Drops every kept entry: the tables were emptied behind the repository's back. */
    forgetAllRecent: () => recent.clear(),
    /** The `limit` messages just before `beforeId`, ascending (scrolling back through history). */
    before: (windowId: number, beforeId: number, limit: number) => beforeRows.all(windowId, beforeId, limit),
    /** The `limit` messages just after `afterId`, ascending (scrolling forward from an old message). */
    after: (windowId: number, afterId: number, limit: number) => afterRows.all(windowId, afterId, limit),
    /** Messages sent strictly after a time, newest first (the im dialect's polling). */
    sentAfter: (windowId: number, afterMs: number, limit: number) => sentAfter.all(windowId, afterMs, limit),
    /**
     * Marks the one-to-one messages to `userId` with readUpTo < id <= upTo as read.
     * Only the range past the member's cursor is touched, so a repeated read is cheap.
     */
    markDirectRead(windowId: number, userId: number, fromExclusive: number, upTo: number, now: number): number {
      forgetRecent(windowId);
      return markDirectRead.run({ now, windowId, userId, from: fromExclusive, upTo }).changes;
    },
    /** Unread one-to-one messages to `userId` past their cursor: the recount behind the counter. */
    countUnreadDirect: (windowId: number, userId: number, afterId: number) =>
      unreadDirect.get(windowId, afterId, userId)!.n,
    countUnreadInGroup: (windowId: number, userId: number, afterId: number) =>
      unreadInGroup.get(windowId, afterId, userId)!.n,
    sinceForMember: (userId: number, afterId: number, limit: number) => sinceForMember.all(afterId, userId, limit),
    markDelivered(message: Pick<ChatMessage, 'id' | 'windowId'>, now: number): number {
      forgetRecent(message.windowId);
      return markDelivered.run(now, message.id).changes;
    },
  };
}

export type MessageRepository = ReturnType<typeof createMessageRepository>;
