import type { MessagePort } from '../../port.js';
import type { HiddenMessage, NewMessage, Reaction } from '../../repositories/messages.js';
import type { ChatMessage } from '../../../domain/types.js';
import type { PgSession } from '../session.js';
import { MESSAGE_FIELDS, messageFromValues, type MessageValues } from '../../message-row.js';

// The media columns hold -1 where they do not apply (as in SQLite): null to the domain.
export const MESSAGE_COLUMNS = `id, object_id AS "objectId", window_id AS "windowId", from_id AS "fromId", to_id AS "toId",
  body, type, attachment_id AS "attachmentId", nullif(voice_length, -1) AS "voiceLength",
  nullif(image_size, -1) AS "imageSize", file_name AS "fileName", client_msg_id AS "clientMsgId", channel,
  from_area AS "fromArea", reply_to AS "replyTo", forwarded_from AS "forwardedFrom", mentions,
  system_event AS "systemEvent", recalled_at AS "recalledAt", edited_at AS "editedAt", created_at AS "createdAt",
  updated_at AS "updatedAt", delivered_at AS "deliveredAt", read_at AS "readAt"`;

/** A new message's row; its values, $1…$18, come from `insertValues`. */
export const INSERT_MESSAGE = `INSERT INTO chat_messages (object_id, window_id, from_id, to_id, body, type, attachment_id,
    voice_length, image_size, file_name, client_msg_id, channel, from_area, reply_to, forwarded_from, mentions,
    system_event, created_at, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce($8, -1), coalesce($9, -1), $10, $11, $12, $13, $14, $15, $16, $17, $18,
    $18)`;

export const insertValues = (message: NewMessage): unknown[] => [
  message.objectId,
  message.windowId,
  message.fromId,
  message.toId,
  message.body,
  message.type,
  message.attachmentId,
  message.voiceLength,
  message.imageSize,
  message.fileName,
  message.clientMsgId,
  message.channel,
  message.fromArea,
  message.replyTo,
  message.forwardedFrom,
  message.mentions.length > 0 ? JSON.stringify(message.mentions) : null,
  message.systemEvent,
  message.createdAt,
];

/** A row as read: the mentions are the JSON text they were stored as. */
export type MessageRow = Omit<ChatMessage, 'mentions'> & { mentions: string | null };

/** The row becomes the message in place: every row is a fresh object, and a copy of each costs a page of them. */
export const fromRow = (row: MessageRow): ChatMessage => {
  const message = row as unknown as ChatMessage;
  message.mentions = row.mentions === null ? [] : (JSON.parse(row.mentions) as ChatMessage['mentions']);
  return message;
};
const fromRows = (rows: MessageRow[]) => rows.map(fromRow);
const fromOptionalRow = (row: MessageRow | undefined) => row && fromRow(row);

/** A message's values in the order messageFromValues reads them, from a row `r` selecting MESSAGE_COLUMNS. */
const VALUES_OF_R = MESSAGE_FIELDS.map((field) => `r."${field}"`).join(', ');

/**
 * Chat messages, their mentions, reactions and per-user hiding, on PostgreSQL. Unlike the
 * SQLite repository it keeps nothing in memory: other server instances write the same
 * rows, so every read goes to the database.
 */
export function createPgMessageRepository(session: PgSession): MessagePort {
  const one = async (where: string, values: readonly unknown[]) =>
    fromOptionalRow(
      await session.row<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE ${where}`, values),
    );
  const many = async (text: string, values: readonly unknown[]) =>
    fromRows(await session.rows<MessageRow>(text, values));
  /**
   * The rows of `text` as one JSON array, built by PostgreSQL, in `order`: for long answers,
   * one JSON.parse costs the instance far less than the driver reading each field of each
   * row. Each row is an array of its values, not an object: without the fields' names the
   * text is less than half as long, and both decoding and parsing it cost half as much.
   */
  const manyAsJson = async (text: string, values: readonly unknown[], order: string) => {
    const row = await session.row<{ rows: string }>(
      `SELECT coalesce(json_agg(json_build_array(${VALUES_OF_R}) ORDER BY ${order}), '[]')::text AS rows
       FROM (${text}) r`,
      values,
    );
    return (JSON.parse(row!.rows) as MessageValues[]).map(messageFromValues);
  };
  const count = async (text: string, values: readonly unknown[]) => (await session.row<{ n: number }>(text, values))!.n;
  const latest = (windowId: number, limit: number) =>
    many(
      `SELECT * FROM (SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE window_id = $1 ORDER BY id DESC LIMIT $2) latest
       ORDER BY id`,
      [windowId, limit],
    );

  return {
    async addMention(messageId: number, userId: number, windowId: number) {
      await session.run(
        'INSERT INTO message_mentions (message_id, user_id, window_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [messageId, userId, windowId],
      );
    },
    countMentionsAfter: (userId: number, windowId: number, afterId: number) =>
      count('SELECT count(*) AS n FROM message_mentions WHERE user_id = $1 AND window_id = $2 AND message_id > $3', [
        userId,
        windowId,
        afterId,
      ]),
    async mentionedUsers(messageId: number) {
      const rows = await session.rows<{ userId: number }>(
        'SELECT user_id AS "userId" FROM message_mentions WHERE message_id = $1 ORDER BY user_id',
        [messageId],
      );
      return rows.map((row) => row.userId);
    },
    /**
     * Erases a recalled message's content (text, caption, attachment, file name, mentions,
     * reactions) and marks it recalled, in one statement: a concurrent reader sees all or none of it.
     */
    async erase(message: Pick<ChatMessage, 'id' | 'windowId'>, now: number) {
      await session.run(
        `WITH mentions AS (DELETE FROM message_mentions WHERE message_id = $1),
           reactions AS (DELETE FROM message_reactions WHERE message_id = $1)
         UPDATE chat_messages SET body = '', attachment_id = NULL, voice_length = -1, image_size = -1, file_name = NULL,
           mentions = NULL, recalled_at = $2, updated_at = $2
         WHERE id = $1`,
        [message.id, now],
      );
    },
    async editBody(message: Pick<ChatMessage, 'id' | 'windowId'>, body: string, now: number) {
      await session.run('UPDATE chat_messages SET body = $1, edited_at = $2, updated_at = $2 WHERE id = $3', [
        body,
        now,
        message.id,
      ]);
    },
    async setReaction(reaction: Reaction, on: boolean, now: number) {
      const changed = on
        ? await session.run(
            `INSERT INTO message_reactions (message_id, emoji, user_id, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT DO NOTHING`,
            [reaction.messageId, reaction.emoji, reaction.userId, now],
          )
        : await session.run('DELETE FROM message_reactions WHERE message_id = $1 AND emoji = $2 AND user_id = $3', [
            reaction.messageId,
            reaction.emoji,
            reaction.userId,
          ]);
      return changed > 0;
    },
    reactionsOn: (messageIds: readonly number[]) =>
      session.rows<Reaction>(
        `SELECT message_id AS "messageId", emoji, user_id AS "userId" FROM message_reactions
         WHERE message_id = ANY($1::bigint[]) ORDER BY message_id, created_at, user_id`,
        [messageIds],
      ),
    async hide(userId: number, message: Pick<ChatMessage, 'id' | 'windowId'>) {
      await session.run(
        'INSERT INTO hidden_messages (user_id, window_id, message_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [userId, message.windowId, message.id],
      );
    },
    hiddenIn: (userId: number, windowIds: readonly number[]) =>
      session.rows<HiddenMessage>(
        `SELECT window_id AS "windowId", message_id AS "messageId" FROM hidden_messages
         WHERE user_id = $1 AND window_id = ANY($2::bigint[]) ORDER BY window_id, message_id`,
        [userId, windowIds],
      ),
    byId: (id: number) => one('id = $1', [id]),
    byIds: (ids: readonly number[]) =>
      many(`SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE id = ANY($1::bigint[]) ORDER BY id`, [ids]),
    byObjectId: (objectId: string) => one('object_id = $1', [objectId]),
    latest,
    /** One statement for every window: each window's latest rows through the index, by a lateral join. */
    async latestIn(windowIds: readonly number[], limits: readonly number[]) {
      const rows = await manyAsJson(
        `SELECT m.* FROM unnest($1::bigint[], $2::int[]) AS w (id, n)
         CROSS JOIN LATERAL (
           SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE window_id = w.id ORDER BY id DESC LIMIT w.n
         ) m`,
        [windowIds, limits],
        'r."windowId", r.id',
      );
      const byWindow = new Map<number, ChatMessage[]>(windowIds.map((id) => [id, []]));
      for (const message of rows) byWindow.get(message.windowId)!.push(message);
      return windowIds.map((id) => byWindow.get(id)!);
    },
    /** Nothing is kept in memory here, so nothing is forgotten. */
    forgetAllRecent: async () => {},
    before: (windowId: number, beforeId: number, limit: number) =>
      many(
        `SELECT * FROM (
           SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE window_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3
         ) earlier ORDER BY id`,
        [windowId, beforeId, limit],
      ),
    after: (windowId: number, afterId: number, limit: number) =>
      many(`SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE window_id = $1 AND id > $2 ORDER BY id LIMIT $3`, [
        windowId,
        afterId,
        limit,
      ]),
    sentBetween: (a: number, b: number, afterMs: number, limit: number) =>
      many(
        `SELECT ${MESSAGE_COLUMNS} FROM chat_messages
         WHERE window_id = (SELECT id FROM chat_windows WHERE pair_low = $1 AND pair_high = $2) AND created_at > $3
         ORDER BY created_at DESC, id DESC LIMIT $4`,
        [Math.min(a, b), Math.max(a, b), afterMs, limit],
      ),
    countUnreadDirect: (windowId: number, userId: number, afterId: number) =>
      count(
        'SELECT count(*) AS n FROM chat_messages WHERE window_id = $1 AND id > $2 AND to_id = $3 AND read_at IS NULL',
        [windowId, afterId, userId],
      ),
    countUnreadInGroup: (windowId: number, userId: number, afterId: number) =>
      count(
        `SELECT count(*) AS n FROM chat_messages
         WHERE window_id = $1 AND id > $2 AND from_id <> $3 AND type <> 'SYSTEM'`,
        [windowId, afterId, userId],
      ),
    /**
     * The first `limit` messages with an id above `afterId` in the user's windows, sent since
     * they joined each, ascending: each window read from its cursor by index (LATERAL), never
     * the messages of everyone else.
     */
    sinceForMember: (userId: number, afterId: number, limit: number) =>
      many(
        `SELECT m.* FROM window_members w
           CROSS JOIN LATERAL (
             SELECT ${MESSAGE_COLUMNS} FROM chat_messages
             WHERE window_id = w.window_id AND id > greatest($2, w.joined_after) ORDER BY id LIMIT $3
           ) m
         WHERE w.user_id = $1 ORDER BY m.id LIMIT $3`,
        [userId, afterId, limit],
      ),
    markDelivered: (message: Pick<ChatMessage, 'id' | 'windowId'>, now: number) =>
      session.run('UPDATE chat_messages SET delivered_at = $1 WHERE id = $2 AND delivered_at IS NULL', [
        now,
        message.id,
      ]),
  };
}
