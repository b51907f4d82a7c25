import { NotificationStatus } from '../../api/contract.js';
import type { StatusAction } from '../../api/inbox.js';
import type { InboxCounts, Notification } from '../../api/wire.js';

/** The tabs, in the order a person works through them. */
export const TABS: readonly NotificationStatus[] = [
  NotificationStatus.unread,
  NotificationStatus.todo,
  NotificationStatus.read,
];

export const ACTION_FOR: Record<NotificationStatus, StatusAction> = {
  [NotificationStatus.unread]: 'setunread',
  [NotificationStatus.read]: 'setread',
  [NotificationStatus.todo]: 'settodo',
};

/** The wire carries the status as a string ("0", "1", "2"). */
export const statusOf = (notification: Notification): NotificationStatus =>
  Number(notification.status) as NotificationStatus;

export const withStatus = (notification: Notification, status: NotificationStatus): Notification => ({
  ...notification,
  status: String(status) as Notification['status'],
});

export const countOf = (counts: InboxCounts, status: NotificationStatus) =>
  status === NotificationStatus.unread ? counts.unread : status === NotificationStatus.todo ? counts.todo : counts.read;

/**
 * The inbox writes times as `YYYY-MM-DD HH:mm:ss` in the server's zone, which is this
 * machine's (the server is embedded). The `T` form is what `Date` reliably reads as local time.
 */
export function inboxDate(time: string | null): string | null {
  if (!time || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(time)) return null;
  return time.replace(' ', 'T');
}
