import { notifyManager, skipToken, useQuery, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { NotificationStatus } from '../../api/contract.js';
import { inboxApi } from '../../api/inbox.js';
import { queryKeys } from '../../api/query-keys.js';
import type { Notification } from '../../api/wire.js';
import { statusOf } from './inbox-model.js';
import { useInboxView } from './inbox-store.js';

const PAGE_SIZE = 50;

/**
 * One page as fetched. `next` is the cursor for the page after it, fixed when the page was
 * fetched: patching items in or out must not move where the next page starts.
 */
export interface InboxPage {
  items: Notification[];
  next: number | null;
}
export type InboxPages = InfiniteData<InboxPage, number | undefined>;

/** Every list's key starts with this; the counters and the opened notification live beside them under `queryKeys.inbox`. */
export const LISTS = [...queryKeys.inbox, 'list'] as const;
export const listKey = (status: NotificationStatus, type: number | null) => [...LISTS, status, type] as const;

/** Every opened notification's entry (the key's first parts). */
const OPENED = queryKeys.notification(0).slice(0, 2);

/**
 * An opened notification's entry takes every new state of it the cache learns, so the
 * details pane shows what its row shows, and goes on showing it once no loaded list holds
 * it (read, it left Unread for a Read tab never loaded).
 */
function keepOpenedInStep(queryClient: QueryClient, notifications: readonly Notification[]) {
  for (const notification of notifications) {
    const key = queryKeys.notification(notification.id);
    if (queryClient.getQueryData(key)) queryClient.setQueryData(key, notification);
  }
}

export async function fetchPage(
  queryClient: QueryClient,
  status: NotificationStatus,
  type: number | null,
  before?: number,
): Promise<InboxPage> {
  const items = await inboxApi.list({ status, type: type ?? undefined, before, limit: PAGE_SIZE });
  keepOpenedInStep(queryClient, items);
  return { items, next: items.length === PAGE_SIZE ? items.at(-1)!.id : null };
}

const KEYS = ['id', 'title', 'content', 'status', 'type', 'subtype', 'params', 'created_at', 'updated_at'] as const;
const same = (a: Notification, b: Notification) => KEYS.every((key) => a[key] === b[key]);

function insertByIdDescending(pages: InboxPage[], notification: Notification): InboxPage[] {
  const at = pages.findIndex((page) => page.next === null || notification.id > page.next);
  if (at < 0) return pages;
  return pages.map((page, index) => {
    if (index !== at) return page;
    const items = [...page.items];
    const position = items.findIndex((item) => item.id < notification.id);
    items.splice(position < 0 ? items.length : position, 0, notification);
    return { ...page, items };
  });
}

/**
 * Puts changed notifications where they now belong in one list: out if they no longer
 * match it, updated in place or inserted by id (newest first) if they do. Only inside the
 * range already loaded: older ones arrive with the next page, and inserting them now
 * would show them twice.
 */
export function placeInList(
  data: InboxPages,
  changed: readonly Notification[],
  belongs: (notification: Notification) => boolean,
): InboxPages {
  const updates = new Map(changed.map((n) => [n.id, n]));
  const present = new Set<number>();
  let pages = data.pages.map((page) => {
    let touched = false;
    const items = page.items.flatMap((item) => {
      const update = updates.get(item.id);
      if (!update) return [item];
      present.add(item.id);
      if (!belongs(update)) {
        touched = true;
        return [];
      }
      if (same(item, update)) return [item];
      touched = true;
      return [update];
    });
    return touched ? { ...page, items } : page;
  });
  const cursor = data.pages.at(-1)?.next ?? null;
  const incoming = [...updates.values()].filter(
    (n) => !present.has(n.id) && belongs(n) && (cursor === null || n.id > cursor),
  );
  for (const notification of incoming) pages = insertByIdDescending(pages, notification);
  return pages.every((page, index) => page === data.pages[index]) ? data : { ...data, pages };
}

const belongsTo = (status: NotificationStatus, type: number | null) => (n: Notification) =>
  statusOf(n) === status && (type === null || n.type === type);

/**
 * Applies notifications' new state wherever the cache shows them: every loaded list and
 * the opened one's entry. Live events, optimistic changes and their undoing all come
 * through here; the counters are not touched (they are the server's, pushed with `counts`).
 */
export function applyNotifications(queryClient: QueryClient, changed: readonly Notification[]) {
  if (changed.length === 0) return;
  notifyManager.batch(() => {
    for (const [key, data] of queryClient.getQueriesData<InboxPages>({ queryKey: LISTS })) {
      if (!data) continue;
      const [, , status, type] = key as ReturnType<typeof listKey>;
      const next = placeInList(data, changed, belongsTo(status, type));
      if (next !== data) queryClient.setQueryData(key, next);
    }
    keepOpenedInStep(queryClient, changed);
  });
}

/** Every unread notification (of one type) the cache shows: what "mark all read" changes on screen. */
export function cachedUnread(queryClient: QueryClient, type: number | null): Notification[] {
  const found = new Map<number, Notification>();
  const consider = (n: Notification | undefined) => {
    if (n && statusOf(n) === NotificationStatus.unread && (type === null || n.type === type)) found.set(n.id, n);
  };
  for (const [, data] of queryClient.getQueriesData<InboxPages>({ queryKey: LISTS }))
    for (const page of data?.pages ?? []) page.items.forEach(consider);
  for (const [, opened] of queryClient.getQueriesData<Notification>({ queryKey: OPENED })) consider(opened);
  return [...found.values()];
}

/** A notification as the cache knows it now, if it does. */
export function cachedNotification(queryClient: QueryClient, id: number): Notification | undefined {
  const opened = queryClient.getQueryData<Notification>(queryKeys.notification(id));
  if (opened) return opened;
  for (const [, data] of queryClient.getQueriesData<InboxPages>({ queryKey: LISTS }))
    for (const page of data?.pages ?? []) {
      const found = page.items.find((n) => n.id === id);
      if (found) return found;
    }
  return undefined;
}

/**
 * Keeps a notification under its own key from the moment it is opened, as the cache knows
 * it now (a desktop notification's copy may be older), and returns that.
 */
export function rememberOpened(queryClient: QueryClient, notification: Notification): Notification {
  const current = cachedNotification(queryClient, notification.id) ?? notification;
  queryClient.setQueryData(queryKeys.notification(current.id), current);
  return current;
}

/** The opened notification as the cache has it now (no id is 0: nothing is open). */
export function useOpenedNotification(): Notification | undefined {
  const id = useInboxView((s) => s.openedId);
  // Nothing to fetch: the entry is written when the notification is opened and kept in step since.
  return useQuery<Notification>({ queryKey: queryKeys.notification(id ?? 0), queryFn: skipToken }).data;
}

/**
 * A notification in full (a search result carries only its title, text, type and status):
 * from the cache, else the one list page that starts just after it, in the status and type
 * the result gave, or in the other statuses if it moved since.
 */
export async function loadNotification(
  queryClient: QueryClient,
  found: { id: number; type: number; status: string },
): Promise<Notification | undefined> {
  const cached = cachedNotification(queryClient, found.id);
  if (cached) return cached;
  const first = Number(found.status) as NotificationStatus;
  const statuses = [first, ...[0, 1, 2].filter((s) => s !== first)] as NotificationStatus[];
  for (const status of statuses) {
    const [item] = await inboxApi.list({ status, type: found.type, before: found.id + 1, limit: 1 });
    if (item?.id === found.id) return item;
  }
  return undefined;
}
