import type { Db } from '../open.js';
import type { Notification, NotificationStatus } from '../../domain/types.js';

const NOTIFICATION_COLUMNS = `id, user_id AS userId, title, content, status, type, subtype, params,
  created_at AS createdAt, updated_at AS updatedAt, read_at AS readAt`;

export type NewNotification = Pick<Notification, 'userId' | 'title' | 'content' | 'type' | 'subtype' | 'params'> & {
  createdAt: number;
};

export interface NotificationFilter {
  status?: NotificationStatus;
  type?: number;
  beforeId?: number;
  limit: number;
}

export interface InboxCounter {
  type: number;
  status: NotificationStatus;
  n: number;
}

/** What a notification showed before its last status change (kept by trigger, for an undo). */
export interface PreviousStatus {
  status: NotificationStatus;
  updatedAt: number | null;
  readAt: number | null;
}

export function createNotificationRepository(db: Db) {
  const insert = db.prepare(
    `INSERT INTO notifications (user_id, title, content, type, subtype, params, created_at)
     VALUES (@userId, @title, @content, @type, @subtype, @params, @createdAt)`,
  );
  const owned = db.prepare<[number, number], Notification>(
    `SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE id = ? AND user_id = ?`,
  );
  const byStatusAscending = db.prepare<[number, NotificationStatus], Notification>(
    `SELECT ${NOTIFICATION_COLUMNS} FROM notifications INDEXED BY notifications_by_status
     WHERE user_id = ? AND status = ? ORDER BY id`,
  );
  const byReadTime = db.prepare<[number, NotificationStatus, number, number], Notification>(
    `SELECT ${NOTIFICATION_COLUMNS} FROM notifications INDEXED BY notifications_by_read_time
     WHERE user_id = ? AND status = ? AND id > ? ORDER BY read_at DESC, id DESC LIMIT ?`,
  );
  const setStatus = db.prepare<[NotificationStatus, number | null, number | null, number]>(
    'UPDATE notifications SET status = ?, updated_at = ?, read_at = ? WHERE id = ?',
  );
  type MoveAll = {
    now: number;
    readAt: number | null;
    userId: number;
    from: NotificationStatus;
    to: NotificationStatus;
  };
  const moveAll = db.prepare<[MoveAll]>(
    `UPDATE notifications SET status = @to, updated_at = @now, read_at = @readAt
     WHERE id IN (SELECT id FROM notifications INDEXED BY notifications_by_status WHERE user_id = @userId AND status = @from)`,
  );
  const moveAllOfType = db.prepare<[MoveAll & { type: number }]>(
    `UPDATE notifications SET status = @to, updated_at = @now, read_at = @readAt
     WHERE id IN (SELECT id FROM notifications INDEXED BY notifications_by_status
                  WHERE user_id = @userId AND status = @from AND type = @type)`,
  );
  const previous = db.prepare<[number], PreviousStatus>(
    `SELECT status, updated_at AS updatedAt, read_at AS readAt FROM notification_previous WHERE notification_id = ?`,
  );
  const remove = db.prepare<[number]>('DELETE FROM notifications WHERE id = ?');
  const counters = db.prepare<[number], InboxCounter>(
    'SELECT type, status, n FROM inbox_counters WHERE user_id = ? AND n > 0',
  );

  // One statement per filter shape, each with the index that serves it (newest first).
  const listAll = db.prepare<[number, number, number], Notification>(
    `SELECT ${NOTIFICATION_COLUMNS} FROM notifications INDEXED BY notifications_by_user
     WHERE user_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
  );
  const listByStatus = db.prepare<[number, NotificationStatus, number, number], Notification>(
    `SELECT ${NOTIFICATION_COLUMNS} FROM notifications INDEXED BY notifications_by_status
     WHERE user_id = ? AND status = ? AND id < ? ORDER BY id DESC LIMIT ?`,
  );
  const listByType = db.prepare<[number, number, number, number], Notification>(
    `SELECT ${NOTIFICATION_COLUMNS} FROM notifications INDEXED BY notifications_by_type
     WHERE user_id = ? AND type = ? AND id < ? ORDER BY id DESC LIMIT ?`,
  );
  const listByStatusAndType = db.prepare<[number, NotificationStatus, number, number, number], Notification>(
    `SELECT ${NOTIFICATION_COLUMNS} FROM notifications INDEXED BY notifications_by_status
     WHERE user_id = ? AND status = ? AND type = ? AND id < ? ORDER BY id DESC LIMIT ?`,
  );

  return {
    insert: (notification: NewNotification) => Number(insert.run(notification).lastInsertRowid),
    /** The notification if it exists and belongs to `userId`; someone else's is as good as missing. */
    owned: (id: number, userId: number) => owned.get(id, userId),
    withStatus: (userId: number, status: NotificationStatus) => byStatusAscending.all(userId, status),
    /** Notifications in `status` with id > afterId, by the time they were read, latest first. */
    byReadTime: (userId: number, status: NotificationStatus, afterId: number, limit: number) =>
      byReadTime.all(userId, status, afterId, limit),
    /** `updatedAt` is null only when an undo puts back a notification that never changed before. */
    setStatus(id: number, status: NotificationStatus, updatedAt: number | null, readAt: number | null) {
      setStatus.run(status, updatedAt, readAt, id);
    },
    /** Moves every notification in `from` (of one type, if given) to `to`; how many moved. */
    moveAll(
      userId: number,
      move: { from: NotificationStatus; to: NotificationStatus; readAt: number | null },
      now: number,
      type?: number,
    ) {
      const args = { now, userId, ...move };
      return type === undefined ? moveAll.run(args).changes : moveAllOfType.run({ ...args, type }).changes;
    },
    /** The status and times the notification had before its last status change, if it changed. */
    previous: (id: number) => previous.get(id),
    remove: (id: number) => void remove.run(id),
    counters: (userId: number) => counters.all(userId),
    list(userId: number, filter: NotificationFilter): Notification[] {
      const before = filter.beforeId ?? Number.MAX_SAFE_INTEGER;
      const { status, type, limit } = filter;
      if (status !== undefined && type !== undefined)
        return listByStatusAndType.all(userId, status, type, before, limit);
      if (status !== undefined) return listByStatus.all(userId, status, before, limit);
      if (type !== undefined) return listByType.all(userId, type, before, limit);
      return listAll.all(userId, before, limit);
    },
  };
}

export type NotificationRepository = ReturnType<typeof createNotificationRepository>;
