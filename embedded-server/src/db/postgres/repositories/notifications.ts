import type { Port } from '../../port.js';
import type {
  InboxCounter,
  NewNotification,
  NotificationFilter,
  NotificationRepository,
  PreviousStatus,
} from '../../repositories/notifications.js';
import type { Notification, NotificationStatus } from '../../../domain/types.js';
import type { PgSession } from '../session.js';

const NOTIFICATION_COLUMNS = `id, user_id AS "userId", title, content, status, type, subtype, params,
  created_at AS "createdAt", updated_at AS "updatedAt", read_at AS "readAt"`;

/**
 * The notification inbox on PostgreSQL. The counters (inbox_counters) and the status before
 * the last change (notification_previous) are kept by triggers, in the statement that
 * changes a notification, as in SQLite.
 */
export function createPgNotificationRepository(session: PgSession): Port<NotificationRepository> {
  return {
    async insert(notification: NewNotification) {
      const row = await session.row<{ id: number }>(
        `INSERT INTO notifications (user_id, title, content, type, subtype, params, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          notification.userId,
          notification.title,
          notification.content,
          notification.type,
          notification.subtype,
          notification.params,
          notification.createdAt,
        ],
      );
      return row!.id;
    },
    owned: (id: number, userId: number) =>
      session.row<Notification>(`SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE id = $1 AND user_id = $2`, [
        id,
        userId,
      ]),
    withStatus: (userId: number, status: NotificationStatus) =>
      session.rows<Notification>(
        `SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE user_id = $1 AND status = $2 ORDER BY id`,
        [userId, status],
      ),
    // SQLite puts nulls last in a descending order; PostgreSQL would put them first.
    byReadTime: (userId: number, status: NotificationStatus, afterId: number, limit: number) =>
      session.rows<Notification>(
        `SELECT ${NOTIFICATION_COLUMNS} FROM notifications
         WHERE user_id = $1 AND status = $2 AND id > $3 ORDER BY read_at DESC NULLS LAST, id DESC LIMIT $4`,
        [userId, status, afterId, limit],
      ),
    async setStatus(id: number, status: NotificationStatus, updatedAt: number | null, readAt: number | null) {
      await session.run('UPDATE notifications SET status = $1, updated_at = $2, read_at = $3 WHERE id = $4', [
        status,
        updatedAt,
        readAt,
        id,
      ]);
    },
    moveAll(
      userId: number,
      move: { from: NotificationStatus; to: NotificationStatus; readAt: number | null },
      now: number,
      type?: number,
    ) {
      const values = [move.to, now, move.readAt, userId, move.from];
      const ofType = type === undefined ? '' : 'AND type = $6';
      return session.run(
        `UPDATE notifications SET status = $1, updated_at = $2, read_at = $3
         WHERE user_id = $4 AND status = $5 ${ofType}`,
        type === undefined ? values : [...values, type],
      );
    },
    previous: (id: number) =>
      session.row<PreviousStatus>(
        `SELECT status, updated_at AS "updatedAt", read_at AS "readAt" FROM notification_previous
         WHERE notification_id = $1`,
        [id],
      ),
    async remove(id: number) {
      await session.run('DELETE FROM notifications WHERE id = $1', [id]);
    },
    counters: (userId: number) =>
      session.rows<InboxCounter>(
        'SELECT type, status, n FROM inbox_counters WHERE user_id = $1 AND n > 0 ORDER BY type, status',
        [userId],
      ),
    list(userId: number, filter: NotificationFilter) {
      const { status, type, limit } = filter;
      const values: unknown[] = [userId, filter.beforeId ?? Number.MAX_SAFE_INTEGER, limit];
      // Only the conditions the filter sets, so each shape is planned on the index that serves it.
      const conditions = ['user_id = $1', 'id < $2'];
      if (status !== undefined) conditions.push(`status = $${values.push(status)}`);
      if (type !== undefined) conditions.push(`type = $${values.push(type)}`);
      return session.rows<Notification>(
        `SELECT ${NOTIFICATION_COLUMNS} FROM notifications WHERE ${conditions.join(' AND ')} ORDER BY id DESC LIMIT $3`,
        values,
      );
    },
  };
}
