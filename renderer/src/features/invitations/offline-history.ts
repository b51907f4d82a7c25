import { infiniteQueryOptions, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { offlineApi } from '../../api/offline.js';
import { queryKeys } from '../../api/query-keys.js';
import type { OfflineMessage } from '../../api/wire.js';

export const HISTORY_PAGE = 50;

type History = InfiniteData<OfflineMessage[], string | undefined>;

/** Every offline message of the user, newest first, paged by the id of the last one seen. */
export const offlineHistoryQuery = infiniteQueryOptions({
  queryKey: queryKeys.offlineHistory,
  queryFn: ({ pageParam }) => offlineApi.history(pageParam, HISTORY_PAGE),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => (last.length < HISTORY_PAGE ? undefined : last.at(-1)?.id),
});

/** A message that just arrived goes on top, once (a reconnect may bring it again). */
export function prependOfflineMessage(queryClient: QueryClient, message: OfflineMessage) {
  queryClient.setQueryData<History>(queryKeys.offlineHistory, (history) => {
    if (!history || history.pages.some((page) => page.some((m) => m.id === message.id))) return history;
    const [first = [], ...rest] = history.pages;
    return { ...history, pages: [[message, ...first], ...rest] };
  });
}

/** The server's word on one message (after it was answered) replaces the cached copy. */
export function replaceOfflineMessage(queryClient: QueryClient, message: OfflineMessage) {
  queryClient.setQueryData<History>(
    queryKeys.offlineHistory,
    (history) =>
      history && {
        ...history,
        pages: history.pages.map((page) => page.map((m) => (m.id === message.id ? message : m))),
      },
  );
}
