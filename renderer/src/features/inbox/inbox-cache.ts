import { notifyManager, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { inboxApi, type InboxStatus } from '../../api/inbox.js';
import { queryKeys } from '../../api/query-keys.js';
import type { Notification } from '../../api/wire.js';
import { moveInCounts, patchCounts, readAllInCounts, refreshCountsSoon } from './inbox-counts.js';
import { Status, statusOf, withStatus } from './inbox-model.js';

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

/** Every list's key starts with this; the counters live beside them under `queryKeys.inbox`. */
export const LISTS = [...queryKeys.inbox, 'list'] as const;
export const listKey = (status: InboxStatus, type: number | null) => [...LISTS, status, type] as const;

export async function fetchPage(status: InboxStatus, type: number | null, before?: number): Promise<InboxPage> {
  const items = await inboxApi.list({ status, type: type ?? undefined, before, limit: PAGE_SIZE });
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

const belongsTo = (status: InboxStatus, type: number | null) => (n: Notification) =>
  statusOf(n) === status && (type === null || n.type === type);

function placeEverywhere(queryClient: QueryClient, changed: readonly Notification[]) {
  for (const [key, data] of queryClient.getQueriesData<InboxPages>({ queryKey: LISTS })) {
    if (!data) continue;
    const [, , status, type] = key as ReturnType<typeof listKey>;
    const next = placeInList(data, changed, belongsTo(status, type));
    if (next !== data) queryClient.setQueryData(key, next);
  }
}

/** The status a notification has in whichever list holds it, if one does. */
function cachedStatus(queryClient: QueryClient, id: number): InboxStatus | null {
  for (const [, data] of queryClient.getQueriesData<InboxPages>({ queryKey: LISTS }))
    for (const page of data?.pages ?? []) {
      const found = page.items.find((n) => n.id === id);
      if (found) return statusOf(found);
    }
  return null;
}

/** Changes this client made, until the server's event for them comes back. */
const echoes = new Map<number, InboxStatus>();

/**
 * After a local change the server sends the notification back; by then no cached list may
 * hold it (its new tab was never loaded), and without this it would look like a change
 * made elsewhere.
 */
export const expectEcho = (id: number, status: InboxStatus) => echoes.set(id, status);
export const forgetEcho = (id: number) => echoes.delete(id);
/** After a reconnect nothing is known to be on its way any more. */
export const forgetEchoes = () => echoes.clear();

/**
 * Applies a notification's new state to every cached list and to the counters.
 * `previous` is what it was if no cached list knows better: `null` for a new one,
 * `'unknown'` when only the server knows (then the counters are fetched again).
 */
export function applyNotification(
  queryClient: QueryClient,
  notification: Notification,
  previous: InboxStatus | null | 'unknown',
) {
  const status = statusOf(notification);
  const cached = cachedStatus(queryClient, notification.id);
  let before = cached ?? previous;
  if (echoes.get(notification.id) === status) {
    echoes.delete(notification.id);
    if (cached === null) before = status;
  }
  notifyManager.batch(() => {
    placeEverywhere(queryClient, [notification]);
    if (before === 'unknown') refreshCountsSoon(queryClient);
    else patchCounts(queryClient, (counts) => moveInCounts(counts, notification.type, before, status));
  });
}

/** "Mark all read" in the cache: every loaded unread notification (of the type) moves to Read. */
export function readAllLocally(queryClient: QueryClient, type: number | null) {
  const moved = new Map<number, Notification>();
  for (const [key, data] of queryClient.getQueriesData<InboxPages>({ queryKey: LISTS })) {
    const [, , status] = key as ReturnType<typeof listKey>;
    if (status !== Status.unread) continue;
    for (const page of data?.pages ?? [])
      for (const n of page.items) if (type === null || n.type === type) moved.set(n.id, withStatus(n, Status.read));
  }
  notifyManager.batch(() => {
    placeEverywhere(queryClient, [...moved.values()]);
    patchCounts(queryClient, (counts) => readAllInCounts(counts, type));
  });
  for (const id of moved.keys()) expectEcho(id, Status.read);
}
