import type { Port } from '../../port.js';
import type { AcknowledgedMessage, DirectRead, ReadRepository } from '../../repositories/reads.js';
import type { PgSession } from '../session.js';

/**
 * What a one-to-one read writes besides the reader's membership, as two parts of a WITH
 * (each argument names a parameter of the statement): the messages it reads (`marked`, their
 * ids) and the reader's offline copies it delivers. A send that answers writes them too.
 */
export const directReadParts = ($: { now: string; windowId: string; userId: string; readUpTo: string; upTo: string }) =>
  `marked AS (
     UPDATE chat_messages SET read_at = ${$.now}, updated_at = ${$.now}, delivered_at = coalesce(delivered_at, ${$.now})
     WHERE window_id = ${$.windowId} AND to_id = ${$.userId} AND id > ${$.readUpTo} AND id <= ${$.upTo} AND read_at IS NULL
     RETURNING id
   ), copies AS (
     UPDATE offline_messages SET delivered_at = ${$.now}
     WHERE user_id = ${$.userId} AND delivered_at IS NULL AND chat_message_id <= ${$.upTo}
       AND (SELECT window_id FROM chat_messages WHERE id = chat_message_id) = ${$.windowId}
   )`;

/**
 * The reader's unread count after a read (in the UPDATE of their membership, beside
 * `marked`): less the messages it marked, from the count as it is when the row is written,
 * so a message another transaction counted in meanwhile stays counted.
 */
export const UNREAD_AFTER_READ = 'greatest(0, unread_count - (SELECT count(*) FROM marked))';

/**
 * A recipient's writes on PostgreSQL, one statement each: reading a one-to-one window was
 * three round trips inside the transaction (and a send that answers makes it every time),
 * an acknowledgement five.
 */
export function createPgReadRepository(session: PgSession): Port<ReadRepository> {
  return {
    async direct(read: DirectRead): Promise<number> {
      const row = await session.row<{ unread: number }>(
        `WITH ${directReadParts({ now: '$1', windowId: '$2', userId: '$3', readUpTo: '$4', upTo: '$5' })}
         UPDATE window_members SET read_up_to = greatest(read_up_to, $5), delivered_up_to = greatest(delivered_up_to, $5),
           unread_count = ${UNREAD_AFTER_READ}, mention_unread = $6
         WHERE window_id = $2 AND user_id = $3
         RETURNING unread_count AS unread`,
        [read.now, read.windowId, read.userId, read.readUpTo, read.upTo, read.mentionUnread],
      );
      return row!.unread;
    },
    // Atomic by itself: an acknowledgement needs no transaction around it. Of two
    // acknowledging the same message at once, the second's UPDATE waits for the first's,
    // then finds it delivered: only one reports it delivered now.
    async acknowledgeDirect(userId: number, ids: readonly number[], now: number) {
      const acknowledged = await session.rows<AcknowledgedMessage>(
        `WITH addressed AS (
           SELECT id, window_id, from_id FROM chat_messages
           WHERE id = ANY($2::bigint[]) AND to_id = $3 AND type <> 'SYSTEM'
         ), delivered AS (
           UPDATE chat_messages SET delivered_at = $1
           WHERE id IN (SELECT id FROM addressed) AND delivered_at IS NULL
           RETURNING id
         ), copies AS (
           UPDATE offline_messages SET delivered_at = $1
           WHERE chat_message_id IN (SELECT id FROM addressed) AND user_id = $3 AND delivered_at IS NULL
         )
         SELECT a.id, a.window_id AS "windowId", a.from_id AS "fromId", d.id IS NOT NULL AS "deliveredNow"
         FROM addressed a LEFT JOIN delivered d ON d.id = a.id`,
        [now, ids, userId],
      );
      const order = new Map(ids.map((id, index) => [id, index]));
      return acknowledged.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    },
  };
}
