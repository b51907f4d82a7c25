import type { Db } from '../open.js';
import type { ChatWindow, MemberWindow, WindowKind } from '../../domain/types.js';

const WINDOW_COLUMNS = `w.id, w.kind, w.opener_id AS openerId, w.peer_id AS peerId, w.created_at AS createdAt,
  w.last_activity_at AS lastActivityAt, w.last_message_id AS lastMessageId`;

const MEMBER_COLUMNS = `${WINDOW_COLUMNS}, m.unread_count AS unread, m.mention_unread AS mentionUnread,
  m.read_up_to AS readUpTo, m.delivered_up_to AS deliveredUpTo`;

export interface WindowMember {
  userId: number;
  readUpTo: number;
  deliveredUpTo: number;
  /** Messages with a greater id were sent to this member. */
  joinedAfter: number;
}

/** A member of one of several windows. */
export interface WindowMemberOf extends WindowMember {
  windowId: number;
}

export type ReceiptKind = 'delivered' | 'read';

export function createWindowRepository(db: Db) {
  const insert = db.prepare<[WindowKind, number, number | null, number | null, number | null, number, number]>(
    `INSERT INTO chat_windows (kind, opener_id, peer_id, pair_low, pair_high, created_at, last_activity_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const byId = db.prepare<[number], ChatWindow>(`SELECT ${WINDOW_COLUMNS} FROM chat_windows w WHERE w.id = ?`);
  const byPair = db.prepare<[number, number], ChatWindow>(
    `SELECT ${WINDOW_COLUMNS} FROM chat_windows w WHERE w.pair_low = ? AND w.pair_high = ?`,
  );
  const addMember = db.prepare<[number, number, WindowKind, number, number, number, number, number]>(
    `INSERT INTO window_members (window_id, user_id, kind, last_activity_at, joined_at, read_up_to, delivered_up_to,
       joined_after)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const removeMember = db.prepare<[number, number]>('DELETE FROM window_members WHERE window_id = ? AND user_id = ?');
  const membership = db.prepare<[number, number], MemberWindow>(
    `SELECT ${MEMBER_COLUMNS}
     FROM window_members m JOIN chat_windows w ON w.id = m.window_id WHERE m.window_id = ? AND m.user_id = ?`,
  );
  const members = db.prepare<[number], WindowMember>(
    `SELECT user_id AS userId, read_up_to AS readUpTo, delivered_up_to AS deliveredUpTo, joined_after AS joinedAfter
     FROM window_members WHERE window_id = ? ORDER BY user_id`,
  );
  const membersOf = db.prepare<[string], WindowMemberOf>(
    `SELECT window_id AS windowId, user_id AS userId, read_up_to AS readUpTo, delivered_up_to AS deliveredUpTo,
       joined_after AS joinedAfter
     FROM window_members WHERE window_id IN (SELECT value FROM json_each(?)) ORDER BY window_id, user_id`,
  );
  const page = db.prepare<[number, WindowKind, number, number], MemberWindow>(
    `SELECT ${MEMBER_COLUMNS}
     FROM window_members m INDEXED BY window_members_by_activity JOIN chat_windows w ON w.id = m.window_id
     WHERE m.user_id = ? AND m.kind = ? ORDER BY m.last_activity_at DESC, m.window_id DESC LIMIT ? OFFSET ?`,
  );
  const count = db.prepare<[number, WindowKind], { n: number }>(
    'SELECT count(*) AS n FROM window_members INDEXED BY window_members_by_activity WHERE user_id = ? AND kind = ?',
  );
  const unreadPage = db.prepare<[number, WindowKind, number, number], MemberWindow>(
    `SELECT ${MEMBER_COLUMNS}
     FROM window_members m INDEXED BY window_members_with_unread JOIN chat_windows w ON w.id = m.window_id
     WHERE m.user_id = ? AND m.kind = ? AND m.unread_count > 0
     ORDER BY m.last_activity_at DESC, m.window_id DESC LIMIT ? OFFSET ?`,
  );
  const unreadCount = db.prepare<[number, WindowKind], { n: number }>(
    `SELECT count(*) AS n FROM window_members INDEXED BY window_members_with_unread
     WHERE user_id = ? AND kind = ? AND unread_count > 0`,
  );
  const touch = db.prepare<[number, number, number]>(
    'UPDATE chat_windows SET last_activity_at = ?, last_message_id = ? WHERE id = ?',
  );
  // One UPDATE per member row: each row and its index entries are rewritten once. OR FAIL: the
  // values never break its NOT NULL constraints, and an UPDATE of several rows that could abort
  // halfway is given a statement journal, which makes the full-text indexes of the send's
  // transaction flush what they hold (migration 8).
  const touchMembers = db.prepare<[{ at: number; exceptUserId: number | null; windowId: number }]>(
    `UPDATE OR FAIL window_members SET last_activity_at = @at,
       unread_count = unread_count + (CASE WHEN @exceptUserId IS NULL OR user_id = @exceptUserId THEN 0 ELSE 1 END)
     WHERE window_id = @windowId`,
  );
  const setReadState = db.prepare<{ upTo: number; unread: number; mentions: number; windowId: number; userId: number }>(
    `UPDATE window_members SET read_up_to = max(read_up_to, @upTo), unread_count = @unread, mention_unread = @mentions,
       delivered_up_to = max(delivered_up_to, @upTo)
     WHERE window_id = @windowId AND user_id = @userId`,
  );
  const setMentionUnread = db.prepare<[number, number, number]>(
    'UPDATE window_members SET mention_unread = ? WHERE window_id = ? AND user_id = ?',
  );
  const mentioned = db.prepare<[number, number]>(
    'UPDATE window_members SET mention_unread = mention_unread + 1 WHERE window_id = ? AND user_id = ?',
  );
  const mark = db.prepare<[number, number, ReceiptKind, number, number]>(
    'INSERT OR IGNORE INTO receipt_marks (window_id, user_id, kind, up_to, at) VALUES (?, ?, ?, ?, ?)',
  );
  const markTime = db.prepare<[number, number, ReceiptKind, number], { at: number | null }>(
    'SELECT min(at) AS at FROM receipt_marks WHERE window_id = ? AND user_id = ? AND kind = ? AND up_to >= ?',
  );
  const advanceDelivered = db.prepare<[number, number, number, number]>(
    'UPDATE window_members SET delivered_up_to = ? WHERE window_id = ? AND user_id = ? AND delivered_up_to < ?',
  );

  return {
    insert(kind: WindowKind, openerId: number, peerId: number | null, now: number): number {
      const [low, high] = peerId === null ? [null, null] : [Math.min(openerId, peerId), Math.max(openerId, peerId)];
      return Number(insert.run(kind, openerId, peerId, low, high, now, now).lastInsertRowid);
    },
    byId: (id: number) => byId.get(id),
    directBetween: (a: number, b: number) => byPair.get(Math.min(a, b), Math.max(a, b)),
    /** A new member has seen nothing older than `startAfter` (their history starts on joining). */
    addMember(windowId: number, userId: number, kind: WindowKind, now: number, startAfter = 0) {
      addMember.run(windowId, userId, kind, now, now, startAfter, startAfter, startAfter);
    },
    removeMember: (windowId: number, userId: number) => void removeMember.run(windowId, userId),
    membership: (windowId: number, userId: number) => membership.get(windowId, userId),
    members: (windowId: number) => members.all(windowId),
    /** The members of these windows, by window and user. */
    membersOf: (windowIds: readonly number[]) => membersOf.all(JSON.stringify(windowIds)),
    page(userId: number, kind: WindowKind, onlyUnread: boolean, limit: number, offset: number) {
      return onlyUnread
        ? { list: unreadPage.all(userId, kind, limit, offset), total: unreadCount.get(userId, kind)!.n }
        : { list: page.all(userId, kind, limit, offset), total: count.get(userId, kind)!.n };
    },
    /**
     * A new message: the window and every member's list position move to `at`, and every
     * member but `unreadForAllBut` has one more unread message (nobody, when null).
     */
    recordMessage(windowId: number, messageId: number, at: number, unreadForAllBut: number | null) {
      touch.run(at, messageId, windowId);
      touchMembers.run({ at, exceptUserId: unreadForAllBut, windowId });
    },
    /** The member read up to `readUpTo` (never moving back), which delivers everything up to it too. */
    setReadState: (windowId: number, userId: number, readUpTo: number, unread: number, mentionUnread: number) =>
      void setReadState.run({ upTo: readUpTo, unread, mentions: mentionUnread, windowId, userId }),
    setMentionUnread: (windowId: number, userId: number, mentionUnread: number) =>
      void setMentionUnread.run(mentionUnread, windowId, userId),
    /** One more unread message mentions the member. */
    mentioned: (windowId: number, userId: number) => void mentioned.run(windowId, userId),
    /** A group member's delivery or read cursor reached `upTo` at `at`. */
    markReceipt: (windowId: number, userId: number, kind: ReceiptKind, upTo: number, at: number) =>
      void mark.run(windowId, userId, kind, upTo, at),
    /** When the member's cursor of that kind first reached `messageId`, if it was marked. */
    receiptTime: (windowId: number, userId: number, kind: ReceiptKind, messageId: number) =>
      markTime.get(windowId, userId, kind, messageId)!.at,
    /** Moves the member's delivery cursor forward (never back); the number of rows changed. */
    advanceDelivered: (windowId: number, userId: number, upTo: number) =>
      advanceDelivered.run(upTo, windowId, userId, upTo).changes,
  };
}

export type WindowRepository = ReturnType<typeof createWindowRepository>;
