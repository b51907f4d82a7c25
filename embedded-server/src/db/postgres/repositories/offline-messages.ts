import type { OfflineMessage } from '../../../domain/types.js';
import type { Port } from '../../port.js';
import {
  offlineMessageOf,
  type NewOfflineMessage,
  type OfflineMessageRepository,
  type OfflineRow,
} from '../../repositories/offline-messages.js';
import type { PgSession } from '../session.js';
import { ReadBatch } from '../read-batch.js';

const OFFLINE_COLUMNS = `seq, id, user_id AS "userId", type, text, extra_info AS "extraInfo", dealt,
  chat_message_id AS "chatMessageId", created_at AS "createdAt", delivered_at AS "deliveredAt"`;

export function createPgOfflineMessageRepository(session: PgSession): Port<OfflineMessageRepository> {
  /** Each user's undelivered offline messages, in the order of `usernames`; undefined for no such user. */
  const undeliveredCounts = async (usernames: string[]): Promise<(number | undefined)[]> => {
    // A lookup of each name in turn (the username index, then the undelivered ones'), not a
    // join: for a join the planner reads the whole users table to hash it. The names come
    // through a subquery so that the planner cannot see how many there are: seeing them, it
    // priced a plan for each call below the connection's kept plan and planned every call
    // anew, which cost PostgreSQL more than running the statement.
    const rows = await session.rows<{ at: number; n: number | null }>(
      `SELECT asked.at, (
         SELECT (SELECT count(*) FROM offline_messages WHERE user_id = u.id AND delivered_at IS NULL)
         FROM users u WHERE nocase(u.username) = nocase(asked.username)
       ) AS n
       FROM unnest((SELECT $1::text[])) WITH ORDINALITY AS asked(username, at)`,
      [usernames],
    );
    const counts: (number | undefined)[] = usernames.map(() => undefined);
    for (const { at, n } of rows) counts[at - 1] = n ?? undefined;
    return counts;
  };
  // Offline counts are polled by other services, often many at once: they share statements.
  const countsTogether = new ReadBatch(undeliveredCounts);

  return {
    async insert(message: NewOfflineMessage) {
      const row = await session.row<OfflineRow>(
        `INSERT INTO offline_messages (id, user_id, type, text, extra_info, dealt, chat_message_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${OFFLINE_COLUMNS}`,
        [
          message.id,
          message.userId,
          message.type,
          message.text,
          JSON.stringify(message.extraInfo),
          message.dealt ? 1 : 0,
          message.chatMessageId,
          message.createdAt,
        ],
      );
      return offlineMessageOf(row!);
    },
    async byId(id: string): Promise<OfflineMessage | undefined> {
      const row = await session.row<OfflineRow>(`SELECT ${OFFLINE_COLUMNS} FROM offline_messages WHERE id = $1`, [id]);
      return row && offlineMessageOf(row);
    },
    /** The user's oldest `limit` undelivered offline messages. */
    undelivered: async (userId: number, limit: number) =>
      (
        await session.rows<OfflineRow>(
          `SELECT ${OFFLINE_COLUMNS} FROM offline_messages
           WHERE user_id = $1 AND delivered_at IS NULL ORDER BY seq LIMIT $2`,
          [userId, limit],
        )
      ).map(offlineMessageOf),
    undeliveredCount: (username: string) =>
      session.inTransaction() ? undeliveredCounts([username]).then(([n]) => n) : countsTogether.read(username),
    /** Marks everything up to and including `seq` delivered (the batch just handed over). */
    async markDeliveredUpTo(userId: number, seq: number, now: number) {
      await session.run(
        'UPDATE offline_messages SET delivered_at = $1 WHERE user_id = $2 AND seq <= $3 AND delivered_at IS NULL',
        [now, userId, seq],
      );
    },
    /** Chat messages the user has read reached them: their offline copies count as delivered. */
    async markDeliveredForRead(userId: number, windowId: number, upTo: number, now: number) {
      // Scans only the user's undelivered rows (a short list), asking each for its window.
      await session.run(
        `UPDATE offline_messages SET delivered_at = $1
         WHERE user_id = $2 AND delivered_at IS NULL AND chat_message_id <= $3
           AND (SELECT window_id FROM chat_messages WHERE id = chat_message_id) = $4`,
        [now, userId, upTo, windowId],
      );
    },
    /** The chat message reached the user: its offline copy (if any) counts as delivered. */
    async markDeliveredForChatMessage(chatMessageId: number, userId: number, now: number) {
      await session.run(
        `UPDATE offline_messages SET delivered_at = $1
         WHERE chat_message_id = $2 AND user_id = $3 AND delivered_at IS NULL`,
        [now, chatMessageId, userId],
      );
    },
    history: async (userId: number, beforeSeq: number, limit: number) =>
      (
        await session.rows<OfflineRow>(
          `SELECT ${OFFLINE_COLUMNS} FROM offline_messages WHERE user_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`,
          [userId, beforeSeq, limit],
        )
      ).map(offlineMessageOf),
    /** An invitation was answered (or stopped waiting for an answer); `false` when that is undone. */
    async setDealt(id: string, dealt = true) {
      await session.run('UPDATE offline_messages SET dealt = $1 WHERE id = $2', [dealt ? 1 : 0, id]);
    },
    /**
     * Deletes the chat message's offline copies nobody has picked up yet; whose they were, in
     * the order the copies were written (as SQLite, walking the table, hands them back).
     */
    withdrawUndelivered: async (chatMessageId: number) =>
      (
        await session.rows<{ seq: number; userId: number }>(
          `DELETE FROM offline_messages WHERE chat_message_id = $1 AND delivered_at IS NULL
           RETURNING seq, user_id AS "userId"`,
          [chatMessageId],
        )
      )
        .sort((a, b) => a.seq - b.seq)
        .map((row) => row.userId),
    /** Replaces the sentence of the chat message's remaining offline copies. */
    async rewriteText(chatMessageId: number, text: string) {
      await session.run('UPDATE offline_messages SET text = $1 WHERE chat_message_id = $2', [text, chatMessageId]);
    },
  };
}
