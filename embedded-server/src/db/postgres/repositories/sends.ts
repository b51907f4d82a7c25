import type { Port } from '../../port.js';
import type { NewMessage } from '../../repositories/messages.js';
import type { DirectRead } from '../../repositories/reads.js';
import type { SendContext, SendRepository } from '../../repositories/sends.js';
import type { WindowMember } from '../../repositories/windows.js';
import type { ChatMessage, MemberWindow } from '../../../domain/types.js';
import type { PgSession } from '../session.js';
import { fromRow, INSERT_MESSAGE, insertValues, MESSAGE_COLUMNS, type MessageRow } from './messages.js';
import { directReadParts, UNREAD_AFTER_READ } from './reads.js';
import { MEMBER_COLUMNS } from './windows.js';

/** The message, and its window's latest activity. */
const APPENDED = `appended AS (${INSERT_MESSAGE} RETURNING ${MESSAGE_COLUMNS}),
  touched AS (
    UPDATE chat_windows SET last_activity_at = $18, last_message_id = (SELECT id FROM appended) WHERE id = $2
  )`;

/** One more unread message for every member but $19 (nobody, when null). */
const ONE_MORE_UNREAD = '(CASE WHEN $19::bigint IS NULL OR user_id = $19 THEN 0 ELSE 1 END)';

/** A message in its window: every member's list position moves, and their unread counts. */
const APPEND = `WITH ${APPENDED},
  members AS (
    UPDATE window_members SET last_activity_at = $18, unread_count = unread_count + ${ONE_MORE_UNREAD}
    WHERE window_id = $2
  )
  SELECT * FROM appended`;

/**
 * The same, after member $20 read the one-to-one window up to $22 (their cursor was $21):
 * the read of reads.direct and the append in one statement. A row can be updated once in a
 * statement, so the members' UPDATE does both parts, the reader's row taking the read's
 * cursors and counts (their unread count less what the read marked, as reads.direct).
 */
const ANSWER = `WITH ${directReadParts({ now: '$24', windowId: '$2', userId: '$20', readUpTo: '$21', upTo: '$22' })},
  ${APPENDED},
  members AS (
    UPDATE window_members SET last_activity_at = $18,
      unread_count = (CASE WHEN user_id = $20 THEN ${UNREAD_AFTER_READ} ELSE unread_count END) + ${ONE_MORE_UNREAD},
      read_up_to = CASE WHEN user_id = $20 THEN greatest(read_up_to, $22) ELSE read_up_to END,
      delivered_up_to = CASE WHEN user_id = $20 THEN greatest(delivered_up_to, $22) ELSE delivered_up_to END,
      mention_unread = CASE WHEN user_id = $20 THEN $23 ELSE mention_unread END
    WHERE window_id = $2
  )
  SELECT * FROM appended`;

const readValues = (read: DirectRead) => [read.userId, read.readUpTo, read.upTo, read.mentionUnread, read.now];

/** The membership's columns, with the members and the earlier message as JSON (the driver parses it). */
type ContextRow = MemberWindow & { members: WindowMember[]; earlier: MessageRow | null };

/**
 * A send's reads and writes on PostgreSQL, each one statement where they were three round
 * trips (the membership, the members, the message it may repeat) and two (the message,
 * its window) inside the send's transaction, which holds this instance's turn to write.
 * Reading the context locks the window's row until the send commits: sends to one window
 * from several instances write one after another, so their ids commit in order and each
 * reads the counts the one before it left (PgSession.transactionSoon runs them at READ
 * COMMITTED).
 */
export function createPgSendRepository(session: PgSession): Port<SendRepository> {
  return {
    async context(windowId: number, userId: number, clientMsgId: string): Promise<SendContext | undefined> {
      const row = await session.row<ContextRow>(
        `SELECT ${MEMBER_COLUMNS},
           (SELECT json_agg(json_build_object('userId', user_id, 'readUpTo', read_up_to,
                     'deliveredUpTo', delivered_up_to, 'joinedAfter', joined_after) ORDER BY user_id)
            FROM window_members WHERE window_id = $1) AS members,
           (SELECT row_to_json(e) FROM (
              SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE from_id = $2 AND client_msg_id = $3
            ) e) AS earlier
         FROM window_members m JOIN chat_windows w ON w.id = m.window_id WHERE m.window_id = $1 AND m.user_id = $2
         FOR NO KEY UPDATE OF w`,
        [windowId, userId, clientMsgId],
      );
      if (!row) return undefined;
      const { members, earlier, ...window } = row;
      return { window, members, earlier: earlier === null ? undefined : fromRow(earlier) };
    },
    async append(message: NewMessage, unreadForAllBut: number | null, readFirst?: DirectRead): Promise<ChatMessage> {
      const row = readFirst
        ? await session.row<MessageRow>(ANSWER, [...insertValues(message), unreadForAllBut, ...readValues(readFirst)])
        : await session.row<MessageRow>(APPEND, [...insertValues(message), unreadForAllBut]);
      return fromRow(row!);
    },
  };
}
