import type { Db } from '../open.js';
import type { ChatMessage } from '../../domain/types.js';
import { checkMessageColumns, messageFromValues, type MessageValues } from '../message-row.js';
import { unspacedCharacters } from '../unspaced-text.js';

// The media columns hold -1 where they do not apply (schema 1): null to the domain.
const MESSAGE_COLUMNS = `id, object_id AS objectId, window_id AS windowId, from_id AS fromId, to_id AS toId, body, type,
  attachment_id AS attachmentId, nullif(voice_length, -1) AS voiceLength, nullif(image_size, -1) AS imageSize,
  file_name AS fileName, client_msg_id AS clientMsgId, channel, from_area AS fromArea, reply_to AS replyTo,
  forwarded_from AS forwardedFrom, mentions, system_event AS systemEvent, recalled_at AS recalledAt,
  edited_at AS editedAt, created_at AS createdAt, updated_at AS updatedAt, delivered_at AS deliveredAt,
  read_at AS readAt`;

const fromRows = (rows: MessageValues[]) => rows.map(messageFromValues);
const fromOptionalRow = (row: MessageValues | undefined) => row && messageFromValues(row);

export type NewMessage = Omit<ChatMessage, 'id' | 'updatedAt' | 'deliveredAt' | 'readAt' | 'recalledAt' | 'editedAt'>;

/**
 * A message just written, as a read of its row gives it back: its fields in the order
 * messageFromValues sets them, so messages written and read share one object shape.
 */
function storedMessage(id: number, m: NewMessage): ChatMessage {
  return {
    id,
    objectId: m.objectId,
    windowId: m.windowId,
    fromId: m.fromId,
    toId: m.toId,
    body: m.body,
    type: m.type,
    attachmentId: m.attachmentId,
    voiceLength: m.voiceLength,
    imageSize: m.imageSize,
    fileName: m.fileName,
    clientMsgId: m.clientMsgId,
    channel: m.channel,
    fromArea: m.fromArea,
    replyTo: m.replyTo,
    forwardedFrom: m.forwardedFrom,
    mentions: m.mentions,
    systemEvent: m.systemEvent,
    recalledAt: null,
    editedAt: null,
    createdAt: m.createdAt,
    updatedAt: m.createdAt,
    deliveredAt: null,
    readAt: null,
  };
}

/** A message one user deleted for themself. */
export interface HiddenMessage {
  windowId: number;
  messageId: number;
}

export interface Reaction {
  messageId: number;
  emoji: string;
  userId: number;
}

/**
 * How many of a window's latest messages are kept in memory: the first page of its history
 * when it is opened (50 by default), of which the window list shows the last 20.
 */
const RECENT_MESSAGES = 50;
/** Windows whose recent messages are kept in memory (about 25 KB each). */
const RECENT_CACHE_WINDOWS = 1000;

export function createMessageRepository(db: Db) {
  /** A statement answering message rows as arrays of values, its columns checked as it is prepared. */
  const messageRows = <Params extends unknown[]>(sql: string) => {
    const statement = db.prepare<Params, MessageValues>(sql).raw();
    checkMessageColumns(statement.columns().map((column) => column.name));
    return statement;
  };
  // No RETURNING (SQLite would run it with a statement journal, as migration 8 explains):
  // the message as stored is built from what was written.
  const insert = db.prepare<[Omit<NewMessage, 'mentions'> & { mentions: string | null }]>(
    `INSERT INTO chat_messages (object_id, window_id, from_id, to_id, body, type, attachment_id, voice_length,
       image_size, file_name, client_msg_id, channel, from_area, reply_to, forwarded_from, mentions, system_event,
       created_at, updated_at)
     VALUES (@objectId, @windowId, @fromId, @toId, @body, @type, @attachmentId, ifnull(@voiceLength, -1),
       ifnull(@imageSize, -1), @fileName, @clientMsgId, @channel, @fromArea, @replyTo, @forwardedFrom, @mentions,
       @systemEvent, @createdAt, @createdAt)`,
  );
  // A new message's rows in the full-text indexes, written here rather than by trigger: a
  // statement with such a trigger would make the indexes flush once per message (migration 8).
  const indexText = db.prepare<[number, string]>('INSERT INTO chat_messages_fts (rowid, body) VALUES (?, ?)');
  const indexCharacters = db.prepare<[number, string]>('INSERT INTO chat_messages_chars (rowid, body) VALUES (?, ?)');
  const insertIndexed = (message: NewMessage): ChatMessage => {
    const mentions = message.mentions.length > 0 ? JSON.stringify(message.mentions) : null;
    const id = Number(insert.run({ ...message, mentions }).lastInsertRowid);
    indexText.run(id, message.body);
    const characters = unspacedCharacters(message.body);
    if (characters !== null) indexCharacters.run(id, characters);
    return storedMessage(id, message);
  };
  const addMention = db.prepare<[number, number, number]>(
    'INSERT OR IGNORE INTO message_mentions (message_id, user_id, window_id) VALUES (?, ?, ?)',
  );
  const mentionsAfter = db.prepare<[number, number, number], { n: number }>(
    `SELECT count(*) AS n FROM message_mentions INDEXED BY message_mentions_by_user
     WHERE user_id = ? AND window_id = ? AND message_id > ?`,
  );
  const mentionedUsers = db.prepare<[number], { userId: number }>(
    'SELECT user_id AS userId FROM message_mentions WHERE message_id = ?',
  );
  const removeMentions = db.prepare<[number]>('DELETE FROM message_mentions WHERE message_id = ?');
  // Erasing keeps the row (its id, sender, time, place in the window), never the content.
  const erase = db.prepare<[{ id: number; now: number }]>(
    `UPDATE chat_messages SET body = '', attachment_id = NULL, voice_length = -1, image_size = -1, file_name = NULL,
       mentions = NULL, recalled_at = @now, updated_at = @now
     WHERE id = @id`,
  );
  const editBody = db.prepare<[{ id: number; body: string; now: number }]>(
    'UPDATE chat_messages SET body = @body, edited_at = @now, updated_at = @now WHERE id = @id',
  );
  const react = db.prepare<[number, string, number, number]>(
    'INSERT OR IGNORE INTO message_reactions (message_id, emoji, user_id, created_at) VALUES (?, ?, ?, ?)',
  );
  const unreact = db.prepare<[number, string, number]>(
    'DELETE FROM message_reactions WHERE message_id = ? AND emoji = ? AND user_id = ?',
  );
  const clearReactions = db.prepare<[number]>('DELETE FROM message_reactions WHERE message_id = ?');
  // Lists of ids are bound as one JSON array: one statement, whatever their number.
  const reactionRows = db.prepare<[string], Reaction>(
    `SELECT message_id AS messageId, emoji, user_id AS userId FROM message_reactions
     WHERE message_id IN (SELECT value FROM json_each(?)) ORDER BY message_id, created_at, user_id`,
  );
  const hide = db.prepare<[number, number, number]>(
    'INSERT OR IGNORE INTO hidden_messages (user_id, window_id, message_id) VALUES (?, ?, ?)',
  );
  const hiddenIn = db.prepare<[number, string], HiddenMessage>(
    `SELECT window_id AS windowId, message_id AS messageId FROM hidden_messages
     WHERE user_id = ? AND window_id IN (SELECT value FROM json_each(?)) ORDER BY window_id, message_id`,
  );
  const byId = messageRows<[number]>(`SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE id = ?`);
  const byIds = messageRows<[string]>(
    `SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
  );
  const byObjectId = messageRows<[string]>(`SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE object_id = ?`);
  const byClientId = messageRows<[number, string]>(
    `SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE from_id = ? AND client_msg_id = ?`,
  );
  // Newest first, as the index walks back; turned ascending in JavaScript, which costs less
  // than SQLite sorting the page again (a page of old history: 136 against 173 µs).
  const latestRows = messageRows<[number, number]>(
    `SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE window_id = ? ORDER BY id DESC LIMIT ?`,
  );
  const beforeRows = messageRows<[number, number, number]>(
    `SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE window_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
  );
  const afterRows = messageRows<[number, number, number]>(
    `SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE window_id = ? AND id > ? ORDER BY id LIMIT ?`,
  );
  const sentBetween = messageRows<[number, number, number, number]>(
    `SELECT ${MESSAGE_COLUMNS} FROM chat_messages INDEXED BY chat_messages_by_window_time
     WHERE window_id = (SELECT id FROM chat_windows WHERE pair_low = ? AND pair_high = ?) AND created_at > ?
     ORDER BY created_at DESC, id DESC LIMIT ?`,
  );
  // OR FAIL, as windows.ts's touchMembers: a send that answers reads first, in the transaction
  // of other sends, and a journal for this UPDATE of several rows would flush their index terms.
  const markDirectRead = db.prepare<[{ now: number; windowId: number; userId: number; from: number; upTo: number }]>(
    `UPDATE OR FAIL chat_messages SET read_at = @now, updated_at = @now, delivered_at = ifnull(delivered_at, @now)
     WHERE window_id = @windowId AND to_id = @userId AND id > @from AND id <= @upTo AND read_at IS NULL`,
  );
  const unreadDirect = db.prepare<[number, number, number], { n: number }>(
    `SELECT count(*) AS n FROM chat_messages INDEXED BY chat_messages_by_window
     WHERE window_id = ? AND id > ? AND to_id = ? AND read_at IS NULL`,
  );
  const unreadInGroup = db.prepare<[number, number, number], { n: number }>(
    `SELECT count(*) AS n FROM chat_messages INDEXED BY chat_messages_by_window
     WHERE window_id = ? AND id > ? AND from_id <> ? AND type <> 'SYSTEM'`,
  );
  // Catching up reads the user's own windows, each from its cursor by index: never the
  // messages of everyone else, however far back the cursor is.
  const memberships = db.prepare<[number], { windowId: number; joinedAfter: number }>(
    `SELECT window_id AS windowId, joined_after AS joinedAfter FROM window_members INDEXED BY window_members_by_activity
     WHERE user_id = ?`,
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
    const messages = fromRows(latestRows.all(windowId, RECENT_MESSAGES).reverse());
    if (db.inTransaction) return messages;
    recent.set(windowId, messages);
    if (recent.size > RECENT_CACHE_WINDOWS) forgetRecent(recent.keys().next().value!);
    return messages;
  }

  /** The window's `limit` latest messages, ascending. Do not modify them: they may be shared. */
  function latest(windowId: number, limit: number): readonly ChatMessage[] {
    if (limit > RECENT_MESSAGES) return fromRows(latestRows.all(windowId, limit).reverse());
    const kept = recentOf(windowId);
    return kept.length > limit ? kept.slice(kept.length - limit) : kept;
  }

  return {
    /** Writes a new message; the message as stored. */
    insert(message: NewMessage): ChatMessage {
      forgetRecent(message.windowId);
      // In the caller's transaction as it is: a nested one would be a savepoint, and flush the indexes.
      return db.inTransaction ? insertIndexed(message) : db.transaction(insertIndexed)(message);
    },
    /** Records that a message mentions a member (one row per user, for their counters). */
    addMention: (messageId: number, userId: number, windowId: number) =>
      void addMention.run(messageId, userId, windowId),
    /** How many messages after `afterId` in the window mention the user. */
    countMentionsAfter: (userId: number, windowId: number, afterId: number) =>
      mentionsAfter.get(userId, windowId, afterId)!.n,
    mentionedUsers: (messageId: number) => mentionedUsers.all(messageId).map((row) => row.userId),
    /**
     * Erases a recalled message's content (text, caption, attachment, file name, mentions,
     * reactions) and marks it recalled; the full-text index follows by trigger.
     */
    erase(message: Pick<ChatMessage, 'id' | 'windowId'>, now: number) {
      forgetRecent(message.windowId);
      erase.run({ id: message.id, now });
      removeMentions.run(message.id);
      clearReactions.run(message.id);
    },
    editBody(message: Pick<ChatMessage, 'id' | 'windowId'>, body: string, now: number) {
      forgetRecent(message.windowId);
      editBody.run({ id: message.id, body, now });
    },
    /** Adds or removes one user's emoji on a message; whether anything changed. */
    setReaction: (reaction: Reaction, on: boolean, now: number) =>
      (on
        ? react.run(reaction.messageId, reaction.emoji, reaction.userId, now)
        : unreact.run(reaction.messageId, reaction.emoji, reaction.userId)
      ).changes > 0,
    /** The reactions on these messages, by message, in the order they were given. */
    reactionsOn: (messageIds: readonly number[]) => reactionRows.all(JSON.stringify(messageIds)),
    /** Deletes the message for one user only. */
    hide: (userId: number, message: Pick<ChatMessage, 'id' | 'windowId'>) =>
      void hide.run(userId, message.windowId, message.id),
    /** The messages of these windows the user deleted for themself, by window and id. */
    hiddenIn: (userId: number, windowIds: readonly number[]) => hiddenIn.all(userId, JSON.stringify(windowIds)),
    byId: (id: number) => fromOptionalRow(byId.get(id)),
    /** Those of these messages that exist, by id. */
    byIds: (ids: readonly number[]) => fromRows(byIds.all(JSON.stringify(ids))),
    byObjectId: (objectId: string) => fromOptionalRow(byObjectId.get(objectId)),
    byClientId: (fromId: number, clientMsgId: string) => fromOptionalRow(byClientId.get(fromId, clientMsgId)),
    latest,
    /** For each window, its `limits[i]` latest messages, ascending (as {@link latest}). */
    latestIn(windowIds: readonly number[], limits: readonly number[]): (readonly ChatMessage[])[] {
      return windowIds.map((windowId, i) => latest(windowId, limits[i]!));
    },
    /** Drops every kept entry: the tables were emptied behind the repository's back. */
    forgetAllRecent: () => recent.clear(),
    /** The `limit` messages just before `beforeId`, ascending (scrolling back through history). */
    before: (windowId: number, beforeId: number, limit: number) =>
      fromRows(beforeRows.all(windowId, beforeId, limit).reverse()),
    /** The `limit` messages just after `afterId`, ascending (scrolling forward from an old message). */
    after: (windowId: number, afterId: number, limit: number) => fromRows(afterRows.all(windowId, afterId, limit)),
    /**
     * The messages of the one-to-one window of two users sent strictly after a time, newest
     * first (the im dialect's polling): none when they have no window.
     */
    sentBetween: (a: number, b: number, afterMs: number, limit: number) =>
      fromRows(sentBetween.all(Math.min(a, b), Math.max(a, b), afterMs, limit)),
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
    /**
     * The first `limit` messages with an id above `afterId` in the user's windows, sent since
     * they joined each, ascending.
     */
    sinceForMember(userId: number, afterId: number, limit: number): ChatMessage[] {
      const rows = memberships
        .all(userId)
        .flatMap(({ windowId, joinedAfter }) => afterRows.all(windowId, Math.max(afterId, joinedAfter), limit));
      return fromRows(rows)
        .sort((a, b) => a.id - b.id)
        .slice(0, limit);
    },
    markDelivered(message: Pick<ChatMessage, 'id' | 'windowId'>, now: number): number {
      forgetRecent(message.windowId);
      return markDelivered.run(now, message.id).changes;
    },
  };
}

export type MessageRepository = ReturnType<typeof createMessageRepository>;
