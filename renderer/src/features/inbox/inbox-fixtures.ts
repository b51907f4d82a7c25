import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { NotificationStatus } from '../../api/contract.js';
import type { InboxCounts, Notification } from '../../api/wire.js';
import { listKey, type InboxPage, type InboxPages } from './inbox-cache.js';

/** A notification in seed 001's shape, for tests. */
export function note(id: number, status: NotificationStatus, type = 1, subtype = 1): Notification {
  return {
    id,
    title: `n${id}`,
    content: '',
    status: String(status) as Notification['status'],
    type,
    subtype,
    params: null,
    created_at: '2026-01-02 03:04:05',
    updated_at: null,
    user_id: 1,
  };
}

export const page = (next: number | null, ...items: Notification[]): InboxPage => ({ items, next });
export const pages = (...loaded: InboxPage[]): InfiniteData<InboxPage, number | undefined> => ({
  pages: loaded,
  pageParams: loaded.map(() => undefined),
});

/** The ids a cached list shows, page by page. */
export const ids = (client: QueryClient, status: NotificationStatus, type: number | null = null) =>
  client.getQueryData<InboxPages>(listKey(status, type))?.pages.map((p) => p.items.map((n) => n.id));

/** The counters as `GET /message/count` and the `counts` event carry them; `byType` as `{ type: [unread, todo] }`. */
export function inboxCounts(
  unread: number,
  todo: number,
  read: number,
  byType: Record<string, [number, number]> = {},
): InboxCounts {
  const all: InboxCounts['byType'] = {};
  for (const type of ['1', '2', '3', '4', '5', '6', '7']) {
    const [u, t] = byType[type] ?? [0, 0];
    all[type] = { unread: u, todo: t };
  }
  return { unread, todo, read, byType: all };
}
