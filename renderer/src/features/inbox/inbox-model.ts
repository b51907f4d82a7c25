import type { InboxStatus, StatusAction } from '../../api/inbox.js';
import type { InboxCounts, Notification } from '../../api/wire.js';

export const Status = { unread: 0, read: 1, todo: 2 } as const satisfies Record<string, InboxStatus>;

/** The tabs, in the order a person works through them. */
export const TABS: readonly InboxStatus[] = [Status.unread, Status.todo, Status.read];

export const ACTION_FOR: Record<InboxStatus, StatusAction> = {
  [Status.unread]: 'setunread',
  [Status.read]: 'setread',
  [Status.todo]: 'settodo',
};

/** The wire carries the status as a string ("0", "1", "2"). */
export const statusOf = (notification: Notification): InboxStatus => Number(notification.status) as InboxStatus;

export const withStatus = (notification: Notification, status: InboxStatus): Notification => ({
  ...notification,
  status: String(status) as Notification['status'],
});

export const countOf = (counts: InboxCounts, status: InboxStatus) =>
  status === Status.unread ? counts.unread : status === Status.todo ? counts.todo : counts.read;

/** Seed 001's subtypes per type; 0 is the seed's "default" where it allows one. */
export const SUBTYPES: Readonly<Record<number, readonly number[]>> = {
  1: [1, 2, 3, 4, 5, 6],
  2: [0, 1, 2],
  3: [1, 2],
  4: [1, 2],
  5: [1, 2, 3, 4, 5],
  6: [1, 2, 3, 4, 5, 6],
  7: [0],
};
export const TYPES = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * The inbox writes times as `YYYY-MM-DD HH:mm:ss` in the server's zone, which is this
 * machine's (the server is embedded). The `T` form is what `Date` reliably reads as local time.
 */
export function inboxDate(time: string | null): string | null {
  if (!time || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(time)) return null;
  return time.replace(' ', 'T');
}
