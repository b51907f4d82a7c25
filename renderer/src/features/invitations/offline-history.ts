import { infiniteQueryOptions, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { offlineApi } from '../../api/offline.js';
import { queryKeys } from '../../api/query-keys.js';
import type { Invitation, OfflineHistoryMessage, OfflineMessage } from '../../api/wire.js';

export const HISTORY_PAGE = 50;

type History = InfiniteData<OfflineHistoryMessage[], string | undefined>;

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

/** One cached message, changed in place wherever its page is. */
function updateOfflineMessage(
  queryClient: QueryClient,
  id: string,
  change: (message: OfflineHistoryMessage) => OfflineHistoryMessage,
) {
  queryClient.setQueryData<History>(
    queryKeys.offlineHistory,
    (history) =>
      history && {
        ...history,
        pages: history.pages.map((page) => page.map((m) => (m.id === id ? change(m) : m))),
      },
  );
}

/** The server's word on one message (after it was answered) replaces the cached copy. */
export function replaceOfflineMessage(queryClient: QueryClient, message: OfflineHistoryMessage) {
  updateOfflineMessage(queryClient, message.id, () => message);
}

/**
 * An invitation changed state elsewhere (cancelled by its inviter, taken by someone else):
 * its offline message says so at once, as the history would after a refetch.
 */
export function applyInvitationState(queryClient: QueryClient, { id, state }: Pick<Invitation, 'id' | 'state'>) {
  updateOfflineMessage(queryClient, id, (m) => ({ ...m, state, dealt: state !== 'pending' }));
}
