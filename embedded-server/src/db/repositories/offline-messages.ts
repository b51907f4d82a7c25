import type { Db } from '../open.js';
import type { OfflineExtraInfo, OfflineMessage } from '../../domain/types.js';

const OFFLINE_COLUMNS = `seq, id, user_id AS userId, type, text, extra_info AS extraInfo, dealt,
  chat_message_id AS chatMessageId, created_at AS createdAt, delivered_at AS deliveredAt`;

/** A row as both engines read it: `extraInfo` as JSON text, `dealt` as 0 or 1. */
export interface OfflineRow extends Omit<OfflineMessage, 'extraInfo' | 'dealt'> {
  extraInfo: string;
  dealt: number;
}

export const offlineMessageOf = (row: OfflineRow): OfflineMessage => ({
  ...row,
  extraInfo: stringValues(JSON.parse(row.extraInfo) as Record<string, unknown>),
  dealt: row.dealt === 1,
});

/** Every `extraInfo` value is text on the wire; rows written before that rule held numbers. */
function stringValues(info: Record<string, unknown>): OfflineExtraInfo {
  return Object.fromEntries(Object.entries(info).map(([key, value]) => [key, String(value)]));
}

export type NewOfflineMessage = Omit<OfflineMessage, 'seq' | 'deliveredAt'>;

export function createOfflineMessageRepository(db: Db) {
  const insert = db.prepare<[string, number, number, string, string, number, number | null, number]>(
    // No RETURNING: SQLite runs such a statement with a statement journal, which makes the
    // full-text indexes of the send's transaction flush (migrations/008-message-index-writes.ts).
    `INSERT INTO offline_messages (id, user_id, type, text, extra_info, dealt, chat_message_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[string], OfflineRow>(`SELECT ${OFFLINE_COLUMNS} FROM offline_messages WHERE id = ?`);
  const undelivered = db.prepare<[number, number], OfflineRow>(
    `SELECT ${OFFLINE_COLUMNS} FROM offline_messages INDEXED BY offline_messages_undelivered
     WHERE user_id = ? AND delivered_at IS NULL ORDER BY seq LIMIT ?`,
  );
  // The log-in name matches without regard to ASCII case (the column's NOCASE).
  const undeliveredCount = db.prepare<[string], { n: number }>(
    `SELECT (SELECT count(*) FROM offline_messages INDEXED BY offline_messages_undelivered
             WHERE user_id = u.id AND delivered_at IS NULL) AS n
     FROM users u WHERE u.username = ?`,
  );
  const markDelivered = db.prepare<[number, number, number]>(
    'UPDATE offline_messages SET delivered_at = ? WHERE user_id = ? AND seq <= ? AND delivered_at IS NULL',
  );
  // Scans only the user's undelivered rows (a short list), asking each for its window.
  const markDeliveredForRead = db.prepare<[{ now: number; userId: number; windowId: number; upTo: number }]>(
    `UPDATE offline_messages SET delivered_at = @now
     WHERE user_id = @userId AND delivered_at IS NULL AND chat_message_id <= @upTo
       AND (SELECT window_id FROM chat_messages WHERE id = chat_message_id) = @windowId`,
  );
  const markDeliveredForMessage = db.prepare<[number, number, number]>(
    `UPDATE offline_messages SET delivered_at = ?
     WHERE chat_message_id = ? AND user_id = ? AND delivered_at IS NULL`,
  );
  const history = db.prepare<[number, number, number], OfflineRow>(
    `SELECT ${OFFLINE_COLUMNS} FROM offline_messages INDEXED BY offline_messages_by_user
     WHERE user_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
  );
  const setDealt = db.prepare<[number, string]>('UPDATE offline_messages SET dealt = ? WHERE id = ?');
  const withdraw = db.prepare<[number], { userId: number }>(
    `DELETE FROM offline_messages WHERE chat_message_id = ? AND delivered_at IS NULL RETURNING user_id AS userId`,
  );
  const rewrite = db.prepare<[string, number]>('UPDATE offline_messages SET text = ? WHERE chat_message_id = ?');

  return {
    /** Writes a new offline message; the message as stored. */
    insert(message: NewOfflineMessage): OfflineMessage {
      const extraInfo = JSON.stringify(message.extraInfo);
      const { lastInsertRowid } = insert.run(
        message.id,
        message.userId,
        message.type,
        message.text,
        extraInfo,
        message.dealt ? 1 : 0,
        message.chatMessageId,
        message.createdAt,
      );
      // As a read of the row gives it back.
      return offlineMessageOf({
        seq: Number(lastInsertRowid),
        id: message.id,
        userId: message.userId,
        type: message.type,
        text: message.text,
        extraInfo,
        dealt: message.dealt ? 1 : 0,
        chatMessageId: message.chatMessageId,
        createdAt: message.createdAt,
        deliveredAt: null,
      });
    },
    byId(id: string): OfflineMessage | undefined {
      const row = byId.get(id);
      return row && offlineMessageOf(row);
    },
    /** The user's oldest `limit` undelivered offline messages. */
    undelivered: (userId: number, limit: number) => undelivered.all(userId, limit).map(offlineMessageOf),
    /** How many offline messages wait for the user with this log-in name; undefined when there is none. */
    undeliveredCount: (username: string) => undeliveredCount.get(username)?.n,
    /** Marks everything up to and including `seq` delivered (the batch just handed over). */
    markDeliveredUpTo: (userId: number, seq: number, now: number) => void markDelivered.run(now, userId, seq),
    /** Chat messages the user has read reached them: their offline copies count as delivered. */
    markDeliveredForRead: (userId: number, windowId: number, upTo: number, now: number) =>
      void markDeliveredForRead.run({ now, userId, windowId, upTo }),
    /** The chat message reached the user: its offline copy (if any) counts as delivered. */
    markDeliveredForChatMessage: (chatMessageId: number, userId: number, now: number) =>
      void markDeliveredForMessage.run(now, chatMessageId, userId),
    history: (userId: number, beforeSeq: number, limit: number) =>
      history.all(userId, beforeSeq, limit).map(offlineMessageOf),
    /** An invitation was answered (or stopped waiting for an answer); `false` when that is undone. */
    setDealt: (id: string, dealt = true) => void setDealt.run(dealt ? 1 : 0, id),
    /** Deletes the chat message's offline copies nobody has picked up yet; whose they were. */
    withdrawUndelivered: (chatMessageId: number) => withdraw.all(chatMessageId).map((row) => row.userId),
    /** Replaces the sentence of the chat message's remaining offline copies. */
    rewriteText: (chatMessageId: number, text: string) => void rewrite.run(text, chatMessageId),
  };
}

export type OfflineMessageRepository = ReturnType<typeof createOfflineMessageRepository>;
