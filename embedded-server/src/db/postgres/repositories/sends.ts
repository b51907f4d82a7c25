import type { Port } from '../../port.js';
import type { NewMessage } from '../../repositories/messages.js';
import type { SendContext, SendRepository } from '../../repositories/sends.js';
import type { WindowMember } from '../../repositories/windows.js';
import type { ChatMessage, MemberWindow } from '../../../domain/types.js';
import type { PgSession } from '../session.js';
import { fromRow, INSERT_MESSAGE, insertValues, MESSAGE_COLUMNS, type MessageRow } from './messages.js';
import { MEMBER_COLUMNS } from './windows.js';

/** The membership's columns, with the members and the earlier message as JSON (the driver parses it). */
type ContextRow = MemberWindow & { members: WindowMember[]; earlier: MessageRow | null };

/**
 * A send's reads and writes on PostgreSQL, each one statement where they were three round
 * trips (the membership, the members, the message it may repeat) and two (the message,
 * its window) inside the send's transaction, which holds this instance's turn to write.
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
         FROM window_members m JOIN chat_windows w ON w.id = m.window_id WHERE m.window_id = $1 AND m.user_id = $2`,
        [windowId, userId, clientMsgId],
      );
      if (!row) return undefined;
      const { members, earlier, ...window } = row;
      return { window, members, earlier: earlier === null ? undefined : fromRow(earlier) };
    },
    async append(message: NewMessage, unreadForAllBut: number | null): Promise<ChatMessage> {
      const row = await session.row<MessageRow>(
        `WITH appended AS (${INSERT_MESSAGE} RETURNING ${MESSAGE_COLUMNS}),
         touched AS (
           UPDATE chat_windows SET last_activity_at = $18, last_message_id = (SELECT id FROM appended) WHERE id = $2
         ),
         members AS (
           UPDATE window_members SET last_activity_at = $18,
             unread_count = unread_count + (CASE WHEN $19::bigint IS NULL OR user_id = $19 THEN 0 ELSE 1 END)
           WHERE window_id = $2
         )
         SELECT * FROM appended`,
        [...insertValues(message), unreadForAllBut],
      );
      return fromRow(row!);
    },
  };
}
