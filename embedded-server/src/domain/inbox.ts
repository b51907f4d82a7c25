import { invalid } from './errors.js';
import { requireUser } from './accounts.js';
import type { DomainContext } from './context.js';
import { emit } from './events.js';
import { NOTIFICATION_SUBTYPES, NOTIFICATION_TYPES, NotificationStatus } from '../contract/enums.js';
import type { InboxCounts } from '../contract/wire.js';
import type { Notification, User } from './types.js';
import type { InboxCounter, NewNotification, NotificationFilter } from '../db/repositories/notifications.js';

export type NewNotificationInput = Omit<NewNotification, 'createdAt'>;

/** Creates a notification. A user may create them only for themself; the app for anyone. */
export async function createNotification(
  ctx: DomainContext,
  creator: User | 'app',
  input: NewNotificationInput,
): Promise<Notification> {
  if (creator !== 'app' && creator.id !== input.userId) throw invalid('you can only create notifications for yourself');
  if (!NOTIFICATION_SUBTYPES[input.type]?.includes(input.subtype))
    throw invalid(`${input.subtype} is not a subtype of notification type ${input.type}`);
  if (input.params !== null) {
    try {
      JSON.parse(input.params);
    } catch {
      throw invalid('the parameters must be JSON text or null');
    }
  }
  await requireUserForInbox(ctx, input.userId);
  const { store } = ctx;
  const id = await store.notifications.insert({ ...input, createdAt: ctx.now() });
  const notification = (await store.notifications.owned(id, input.userId))!;
  emit(ctx, { type: 'notification.created', notification });
  return notification;
}

async function requireUserForInbox(ctx: DomainContext, userId: number) {
  try {
    return await requireUser(ctx, userId);
  } catch {
    throw invalid(`no user ${userId}`);
  }
}

async function ownNotification(ctx: DomainContext, userId: number, id: number): Promise<Notification> {
  const notification = await ctx.store.notifications.owned(id, userId);
  if (!notification) throw invalid(`no notification ${id}`);
  return notification;
}

/**
 * Moves a notification to a status. Setting the status it already has changes
 * nothing (so a repeated "mark read" keeps the original read time).
 */
export async function setNotificationStatus(
  ctx: DomainContext,
  userId: number,
  id: number,
  status: NotificationStatus,
): Promise<{ notification: Notification; changed: boolean }> {
  const { store } = ctx;
  return await store.transaction(async () => {
    const current = await ownNotification(ctx, userId, id);
    if (current.status === status) return { notification: current, changed: false };
    const now = ctx.now();
    await store.notifications.setStatus(id, status, now, status === NotificationStatus.read ? now : null);
    const notification = (await store.notifications.owned(id, userId))!;
    emit(ctx, { type: 'notification.updated', notification });
    return { notification, changed: true };
  });
}

/** Marks every unread notification (of one type, if given) read; todo items keep their flag. */
export async function markAllRead(ctx: DomainContext, userId: number, type?: number): Promise<number> {
  return (await readAll(ctx, userId, type)).length;
}

/**
 * As `markAllRead`, answering the notifications it marked, as they were before (so a client
 * can offer to undo it with `restoreStatuses`).
 */
export async function readAll(ctx: DomainContext, userId: number, type?: number): Promise<Notification[]> {
  const { store } = ctx;
  return await store.transaction(async () => {
    const unread = (await store.notifications.withStatus(userId, NotificationStatus.unread)).filter(
      (n) => type === undefined || n.type === type,
    );
    const now = ctx.now();
    const move = { from: NotificationStatus.unread, to: NotificationStatus.read, readAt: now };
    await store.notifications.moveAll(userId, move, now, type);
    for (const notification of unread)
      emit(ctx, {
        type: 'notification.updated',
        notification: { ...notification, status: NotificationStatus.read, updatedAt: now, readAt: now },
      });
    return unread;
  });
}

/**
 * Undo: puts the caller's notifications back in the given statuses, in one transaction. One
 * whose status before its last change is the one asked for gets that change's times back too
 * (the read time the read list orders by, `updated_at`), so the lists read exactly as before
 * the change; any other is moved as by `setNotificationStatus`. Answers how many changed.
 * Someone else's or an unknown id fails the whole call.
 */
export async function restoreStatuses(
  ctx: DomainContext,
  userId: number,
  items: readonly { id: number; status: NotificationStatus }[],
): Promise<number> {
  const { store } = ctx;
  return await store.transaction(async () => {
    let restored = 0;
    for (const { id, status } of items) {
      const current = await ownNotification(ctx, userId, id);
      if (current.status === status) continue;
      const previous = await store.notifications.previous(id);
      if (previous?.status === status) {
        await store.notifications.setStatus(id, status, previous.updatedAt, previous.readAt);
        emit(ctx, { type: 'notification.updated', notification: (await store.notifications.owned(id, userId))! });
      } else await setNotificationStatus(ctx, userId, id, status);
      restored += 1;
    }
    return restored;
  });
}

/** The badge numbers, from the counters the store keeps with every change. */
export async function inboxCounts(ctx: DomainContext, userId: number): Promise<InboxCounts> {
  return inboxCountsOf(await ctx.store.notifications.counters(userId));
}

/** The inbox's numbers from its counters (those that are not zero). */
export function inboxCountsOf(counters: readonly InboxCounter[]): InboxCounts {
  const counts: InboxCounts = { unread: 0, todo: 0, read: 0, byType: {} };
  for (const type of NOTIFICATION_TYPES) counts.byType[String(type)] = { unread: 0, todo: 0 };
  for (const { type, status, n } of counters) {
    const perType = counts.byType[String(type)]!;
    if (status === NotificationStatus.unread) {
      counts.unread += n;
      perType.unread += n;
    } else if (status === NotificationStatus.todo) {
      counts.todo += n;
      perType.todo += n;
    } else counts.read += n;
  }
  return counts;
}

export const unreadNotifications = async (ctx: DomainContext, userId: number) =>
  await ctx.store.notifications.withStatus(userId, NotificationStatus.unread);
export const todoNotifications = async (ctx: DomainContext, userId: number) =>
  await ctx.store.notifications.withStatus(userId, NotificationStatus.todo);
/** Read notifications with id > afterId, most recently read first. */
export const recentlyRead = async (ctx: DomainContext, userId: number, afterId: number, limit: number) =>
  await ctx.store.notifications.byReadTime(userId, NotificationStatus.read, afterId, limit);
export const listNotifications = async (ctx: DomainContext, userId: number, filter: NotificationFilter) =>
  await ctx.store.notifications.list(userId, filter);
