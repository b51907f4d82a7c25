import { useMemo } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { NotificationStatus } from '../../api/contract.js';
import type { Notification } from '../../api/wire.js';
import { fetchPage, listKey } from './inbox-cache.js';

/**
 * One tab's notifications, newest first, a page at a time. The server filters by type;
 * the subtype is filtered here (the list endpoint has no subtype), so a rare subtype may
 * take several pages to fill the screen.
 */
export function useNotificationList(status: NotificationStatus, type: number | null, subtype: number | null) {
  const query = useInfiniteQuery({
    queryKey: listKey(status, type),
    queryFn: ({ pageParam, client }) => fetchPage(client, status, type, pageParam),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page) => page.next ?? undefined,
    // Live events keep every loaded page current, and a reconnect refetches: a stale
    // refetch would only reload every page the user scrolled through.
    staleTime: Infinity,
  });
  const items = useMemo(() => {
    const seen = new Set<number>();
    const list: Notification[] = [];
    for (const page of query.data?.pages ?? [])
      for (const n of page.items)
        if (!seen.has(n.id) && (subtype === null || n.subtype === subtype)) {
          seen.add(n.id);
          list.push(n);
        }
    return list;
  }, [query.data, subtype]);
  return { query, items };
}
