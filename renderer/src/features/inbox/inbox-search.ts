import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../api/query-keys.js';
import { searchApi } from '../../api/search.js';
import type { SearchResult } from '../../api/wire.js';

/** The server's most (API.md §3): the newest hundred notifications found are shown. */
export const INBOX_SEARCH_LIMIT = 100;

export type FoundNotification = Extract<SearchResult, { kind: 'notification' }>;

const notificationsOnly = (hits: SearchResult[]) =>
  hits.filter((hit): hit is FoundNotification => hit.kind === 'notification');

/**
 * The user's notifications that contain `term` (title or content), newest first, from the
 * same search the chats use; its message results are the chats' business. A request typed
 * over is cancelled; the previous results show while the next load.
 */
export function useInboxSearch(term: string) {
  const wanted = term.trim();
  const query = useQuery({
    queryKey: [...queryKeys.inbox, 'search', wanted],
    queryFn: ({ signal }) => searchApi.search(wanted, INBOX_SEARCH_LIMIT, signal),
    enabled: wanted !== '',
    // Notifications keep coming and changing: a term searched again is asked again.
    staleTime: 0,
    placeholderData: keepPreviousData,
    select: notificationsOnly,
  });
  return {
    active: wanted !== '',
    results: wanted !== '' ? query.data : undefined,
    searching: wanted !== '' && query.isFetching,
    error: wanted !== '' ? query.error : null,
  };
}
