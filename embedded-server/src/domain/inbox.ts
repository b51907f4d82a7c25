import { invalid } from './errors.js';
import { requireUser } from './accounts.js';
import type { DomainContext } from './context.js';
import { emit } from './events.js';
import type { Notification, NotificationStatus } from './types.js';
import type { NewNotification, NotificationFilter } from '../db/repositories/notifications.js';

export const NotificationStatusOf = { unread: 0, read: 1, todo: 2 } as const;

/** Seed 001's subtypes per type. Types 2 and 7 also allow 0 ("默认值为0"). */
export const SUBTYPES: Readonly<Record<number, readonly number[]>> = {
  1: [1, 2, 3, 4, 5, 6],
  2: [0, 1, 2],
  3: [1, 2],
  4: [1, 2],
  5: [1, 2, 3, 4, 5],
  6: [1, 2, 3, 4, 5, 6],
  7: [0],
};
export const NOTIFICATION_TYPES = [1, 2, 3, 4, 5, 6, 7] as const;

export type NewNotificationInput = Omit<NewNotification, 'createdAt'>;

export function createNotification(ctx: DomainContext, input: NewNotificationInput): Notification {
  if (!SUBTYPES[input.type]?.includes(input.subtype))
    throw invalid(`subtype: ${input.subtype} is not a subtype of type ${input.type}`);
  if (input.params !== null) {
    try {
      JSON.parse(input.params);
    } catch {
      throw invalid('params: must be a JSON string or null');
    }
  }
  requireUserForInbox(ctx, input.userId);
  const { store } = ctx;
  const id = store.notifications.insert({ ...input, createdAt: ctx.now() });
  const notification = store.notifications.owned(id, input.userId)!;
  emit(ctx, { type: 'notification.created', notification });
  return notification;
}

function requireUserForInbox(ctx: DomainContext, userId: number) {
  try {
    return requireUser(ctx, userId);
  } catch {
    throw invalid(`user_id: no user ${userId}`);
  }
}

function ownNotification(ctx: DomainContext, userId: number, id: number): Notification {
  const notification = ctx.store.notifications.owned(id, userId);
  if (!notification) throw invalid(`msgId: no notification ${id}`);
  return notification;
}

/**
 * Moves a notification to a status. Setting the status it already has changes
 * nothing (so a repeated "mark read" keeps the original read time).
 */
export function setNotificationStatus(
  ctx: DomainContext,
  userId: number,
  id: number,
  status: NotificationStatus,
): { notification: Notification; changed: boolean } {
  const { store } = ctx;
  return store.transaction(() => {
    const current = ownNotification(ctx, userId, id);
    if (current.status === status) return { notification: current, changed: false };
    const now = ctx.now();
    store.notifications.setStatus(id, status, now, status === NotificationStatusOf.read ? now : null);
    const notification = store.notifications.owned(id, userId)!;
    emit(ctx, { type: 'notification.updated', notification });
    return { notification, changed: true };
  });
}

/** Marks every unread notification (of one type, if given) read; todo items keep their flag. */
export function markAllRead(ctx: DomainContext, userId: number, type?: number): number {
  const { store } = ctx;
  return store.transaction(() => {
    const unread = store.notifications
      .withStatus(userId, NotificationStatusOf.unread)
      .filter((n) => type === undefined || n.type === type);
    const now = ctx.now();
    const changed = store.notifications.readAllUnread(userId, now, type);
    for (const notification of unread)
      emit(ctx, {
        type: 'notification.updated',
        notification: { ...notification, status: NotificationStatusOf.read, updatedAt: now, readAt: now },
      });
    return changed;
  });
}

export interface InboxCounts {
  unread: number;
  todo: number;
  read: number;
  byType: Record<string, { unread: number; todo: number }>;
}

/** The badge numbers, from the counters the store keeps with every change. */
export function inboxCounts(ctx: DomainContext, userId: number): InboxCounts {
  const counts: InboxCounts = { unread: 0, todo: 0, read: 0, byType: {} };
  for (const type of NOTIFICATION_TYPES) counts.byType[String(type)] = { unread: 0, todo: 0 };
  for (const { type, status, n } of ctx.store.notifications.counters(userId)) {
    const perType = counts.byType[String(type)]!;
    if (status === NotificationStatusOf.unread) {
      counts.unread += n;
      perType.unread += n;
    } else if (status === NotificationStatusOf.todo) {
      counts.todo += n;
      perType.todo += n;
    } else counts.read += n;
  }
  return counts;
}

export const unreadNotifications = (ctx: DomainContext, userId: number) =>
  ctx.store.notifications.withStatus(userId, NotificationStatusOf.unread);
export const todoNotifications = (ctx: DomainContext, userId: number) =>
  ctx.store.notifications.withStatus(userId, NotificationStatusOf.todo);
export const recentlyRead = (ctx: DomainContext, userId: number, afterId: number, limit: number) =>
  ctx.store.notifications.recentlyRead(userId, afterId, limit);
export const listNotifications = (ctx: DomainContext, userId: number, filter: NotificationFilter) =>
  ctx.store.notifications.list(userId, filter);
