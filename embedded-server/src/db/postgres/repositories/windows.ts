import type { WindowPort } from '../../port.js';
import type { ReceiptKind, WindowMember, WindowMemberOf } from '../../repositories/windows.js';
import type { ChatWindow, MemberWindow, WindowKind } from '../../../domain/types.js';
import type { PgSession } from '../session.js';

const WINDOW_COLUMNS = `w.id, w.kind, w.opener_id AS "openerId", w.peer_id AS "peerId", w.created_at AS "createdAt",
  w.last_activity_at AS "lastActivityAt", w.last_message_id AS "lastMessageId"`;

export const MEMBER_COLUMNS = `${WINDOW_COLUMNS}, m.unread_count AS unread, m.mention_unread AS "mentionUnread",
  m.read_up_to AS "readUpTo", m.delivered_up_to AS "deliveredUpTo"`;

/**
 * A member's windows of one kind, newest activity first; the condition on unread messages
 * is written into the text, not bound, so the planner can pick the partial index for it.
 */
const pageOf = (onlyUnread: boolean) => {
  const unread = onlyUnread ? 'AND m.unread_count > 0' : '';
  return {
    list: `SELECT ${MEMBER_COLUMNS}
      FROM window_members m JOIN chat_windows w ON w.id = m.window_id
      WHERE m.user_id = $1 AND m.kind = $2 ${unread}
      ORDER BY m.last_activity_at DESC, m.window_id DESC LIMIT $3 OFFSET $4`,
    total: `SELECT count(*) AS n FROM window_members m WHERE m.user_id = $1 AND m.kind = $2 ${unread}`,
  };
};
const PAGES = { all: pageOf(false), unread: pageOf(true) };

/** Chat windows and their members, on PostgreSQL: the same port as the SQLite repository. */
export function createPgWindowRepository(session: PgSession): WindowPort {
  const count = async (text: string, values: readonly unknown[]) => (await session.row<{ n: number }>(text, values))!.n;

  return {
    async insert(kind: WindowKind, openerId: number, peerId: number | null, now: number) {
      const [low, high] = peerId === null ? [null, null] : [Math.min(openerId, peerId), Math.max(openerId, peerId)];
      const row = await session.row<{ id: number }>(
        `INSERT INTO chat_windows (kind, opener_id, peer_id, pair_low, pair_high, created_at, last_activity_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
        [kind, openerId, peerId, low, high, now],
      );
      return row!.id;
    },
    byId: (id: number) => session.row<ChatWindow>(`SELECT ${WINDOW_COLUMNS} FROM chat_windows w WHERE w.id = $1`, [id]),
    directBetween: (a: number, b: number) =>
      session.row<ChatWindow>(
        `SELECT ${WINDOW_COLUMNS} FROM chat_windows w WHERE w.pair_low = $1 AND w.pair_high = $2`,
        [Math.min(a, b), Math.max(a, b)],
      ),
    async addMember(windowId: number, userId: number, kind: WindowKind, now: number, startAfter = 0) {
      await session.run(
        `INSERT INTO window_members (window_id, user_id, kind, last_activity_at, joined_at, read_up_to, delivered_up_to,
           joined_after)
         VALUES ($1, $2, $3, $4, $4, $5, $5, $5) ON CONFLICT DO NOTHING`,
        [windowId, userId, kind, now, startAfter],
      );
    },
    async removeMember(windowId: number, userId: number) {
      await session.run('DELETE FROM window_members WHERE window_id = $1 AND user_id = $2', [windowId, userId]);
    },
    membership: (windowId: number, userId: number) =>
      session.row<MemberWindow>(
        `SELECT ${MEMBER_COLUMNS}
         FROM window_members m JOIN chat_windows w ON w.id = m.window_id WHERE m.window_id = $1 AND m.user_id = $2`,
        [windowId, userId],
      ),
    members: (windowId: number) =>
      session.rows<WindowMember>(
        `SELECT user_id AS "userId", read_up_to AS "readUpTo", delivered_up_to AS "deliveredUpTo",
           joined_after AS "joinedAfter"
         FROM window_members WHERE window_id = $1 ORDER BY user_id`,
        [windowId],
      ),
    membersOf: (windowIds: readonly number[]) =>
      session.rows<WindowMemberOf>(
        `SELECT window_id AS "windowId", user_id AS "userId", read_up_to AS "readUpTo",
           delivered_up_to AS "deliveredUpTo", joined_after AS "joinedAfter"
         FROM window_members WHERE window_id = ANY($1::bigint[]) ORDER BY window_id, user_id`,
        [windowIds],
      ),
    async page(userId: number, kind: WindowKind, onlyUnread: boolean, limit: number, offset: number) {
      const page = onlyUnread ? PAGES.unread : PAGES.all;
      const list = await session.rows<MemberWindow>(page.list, [userId, kind, limit, offset]);
      return { list, total: await count(page.total, [userId, kind]) };
    },
    async setReadState(windowId: number, userId: number, readUpTo: number, unread: number, mentionUnread: number) {
      await session.run(
        `UPDATE window_members SET read_up_to = greatest(read_up_to, $1), unread_count = $2, mention_unread = $3,
           delivered_up_to = greatest(delivered_up_to, $1)
         WHERE window_id = $4 AND user_id = $5`,
        [readUpTo, unread, mentionUnread, windowId, userId],
      );
    },
    async setMentionUnread(windowId: number, userId: number, mentionUnread: number) {
      await session.run('UPDATE window_members SET mention_unread = $1 WHERE window_id = $2 AND user_id = $3', [
        mentionUnread,
        windowId,
        userId,
      ]);
    },
    async mentioned(windowId: number, userId: number) {
      await session.run(
        'UPDATE window_members SET mention_unread = mention_unread + 1 WHERE window_id = $1 AND user_id = $2',
        [windowId, userId],
      );
    },
    async markReceipt(windowId: number, userId: number, kind: ReceiptKind, upTo: number, at: number) {
      await session.run(
        `INSERT INTO receipt_marks (window_id, user_id, kind, up_to, at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING`,
        [windowId, userId, kind, upTo, at],
      );
    },
    async receiptTime(windowId: number, userId: number, kind: ReceiptKind, messageId: number) {
      const row = await session.row<{ at: number | null }>(
        'SELECT min(at) AS at FROM receipt_marks WHERE window_id = $1 AND user_id = $2 AND kind = $3 AND up_to >= $4',
        [windowId, userId, kind, messageId],
      );
      return row!.at;
    },
    advanceDelivered: (windowId: number, userId: number, upTo: number) =>
      session.run(
        `UPDATE window_members SET delivered_up_to = $1
         WHERE window_id = $2 AND user_id = $3 AND delivered_up_to < $1`,
        [upTo, windowId, userId],
      ),
  };
}
