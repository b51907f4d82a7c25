import { useCallback, useMemo, useRef, useState } from 'react';
import {
  queryOptions,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryClient,
  type UseQueryResult,
} from '@tanstack/react-query';
import { chatApi } from '../../api/chat.js';
import { queryKeys } from '../../api/query-keys.js';
import type { WindowFilter } from '../../api/wire.js';
import { listWindow, WINDOW_LISTS, type ListedWindow, type WindowListing } from './chat-cache.js';
import { mergeMessages, type CachedMessage, type History } from './history.js';

/** Older history comes in pages this large (the server's maximum). */
export const HISTORY_PAGE = 100;
const LIST_PAGE = 100;

/**
 * Every window of one kind: the list is short enough to hold whole, and it is what the
 * filter searches. The messages each window carries become its history.
 */
async function fetchWindows(queryClient: QueryClient, filter: WindowFilter): Promise<WindowListing> {
  const first = await chatApi.windows(filter, 1, LIST_PAGE);
  const windows = [...first.list];
  for (let page = 2; windows.length < first.total && (page - 1) * LIST_PAGE < first.total; page++)
    windows.push(...(await chatApi.windows(filter, page, LIST_PAGE)).list);
  return { total: first.total, list: windows.map((window) => listWindow(queryClient, window)) };
}

/** Newest activity first; the id breaks ties so the order never flickers. */
export function byActivity(a: ListedWindow, b: ListedWindow): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? 1 : -1;
  return b.id - a.id;
}

/**
 * A window's latest messages. The window list seeds them, so an open is instant; after
 * that, live events keep the history current and it is never refetched whole.
 */
function historyQuery(cId: number) {
  return queryOptions({
    queryKey: queryKeys.history(cId),
    queryFn: async (): Promise<History> => {
      const messages = await chatApi.history(cId, undefined, HISTORY_PAGE);
      return { messages, complete: messages.length < HISTORY_PAGE };
    },
    staleTime: Infinity,
  });
}

export function useHistory(cId: number) {
  return useQuery(historyQuery(cId));
}

const latestOf = (history: History): CachedMessage | undefined => history.messages.at(-1);
const byWindow = (results: UseQueryResult<CachedMessage | undefined>[]): ReadonlyMap<number, CachedMessage> =>
  new Map(results.flatMap(({ data }) => (data ? [[data.cId, data] as const] : [])));

/**
 * Each window's latest message, from its history (the list keeps none), for a preview in
 * the user's language. Watching the histories also keeps them cached while the list shows.
 */
function useLatestMessages(windows: readonly ListedWindow[]): ReadonlyMap<number, CachedMessage> {
  return useQueries({
    queries: windows.map((window) => ({ ...historyQuery(window.id), enabled: false, select: latestOf })),
    combine: byWindow,
  });
}

/** One-to-one and group windows, merged and ordered by last activity, with their latest messages. */
export function useWindowList() {
  const results = useQueries({
    queries: WINDOW_LISTS.map((filter) => ({
      queryKey: queryKeys.windows(filter),
      queryFn: ({ client }) => fetchWindows(client, filter),
    })),
  });
  const [direct, groups] = results.map((r) => r.data);
  const windows = useMemo(() => [...(direct?.list ?? []), ...(groups?.list ?? [])].sort(byActivity), [direct, groups]);
  return {
    windows,
    latest: useLatestMessages(windows),
    loaded: results.every((r) => r.data !== undefined),
    error: results.find((r) => r.error)?.error ?? null,
  };
}

/** Loads the page before the oldest loaded message; the list keeps its reading position. */
export function useOlderHistory(cId: number) {
  const queryClient = useQueryClient();
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const inFlight = useRef(false);
  const loadOlder = useCallback(async () => {
    const history = queryClient.getQueryData<History>(queryKeys.history(cId));
    const oldest = history?.messages[0];
    if (!history || !oldest || history.complete || inFlight.current) return;
    inFlight.current = true;
    setLoading(true);
    setFailed(false);
    try {
      const older = await chatApi.history(cId, oldest.id, HISTORY_PAGE);
      queryClient.setQueryData<History>(queryKeys.history(cId), (current) =>
        current ? { messages: mergeMessages(current.messages, older), complete: older.length < HISTORY_PAGE } : current,
      );
    } catch {
      setFailed(true);
    } finally {
      inFlight.current = false;
      setLoading(false);
    }
  }, [queryClient, cId]);
  return { loadOlder, loading, failed };
}
