import { useCallback, useMemo, useRef, useState } from 'react';
import { useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { chatApi, type WindowFilter, type WindowPage } from '../../api/chat.js';
import { queryKeys } from '../../api/query-keys.js';
import type { ChatWindow } from '../../api/wire.js';
import { findWindow, WINDOW_LISTS } from './chat-cache.js';
import { mergeMessages, type History } from './history.js';

/** Older history comes in pages this large (the server's maximum). */
export const HISTORY_PAGE = 100;
const LIST_PAGE = 100;

/** Every window of one kind: the list is short enough to hold whole, and it is what the filter searches. */
async function fetchWindows(filter: WindowFilter): Promise<WindowPage> {
  const first = await chatApi.windows(filter, 1, LIST_PAGE);
  const list = [...first.list];
  for (let page = 2; list.length < first.total && (page - 1) * LIST_PAGE < first.total; page++)
    list.push(...(await chatApi.windows(filter, page, LIST_PAGE)).list);
  return { ...first, pageSize: list.length, list };
}

/** Newest activity first; the id breaks ties so the order never flickers. */
export function byActivity(a: ChatWindow, b: ChatWindow): number {
  if (a.created_at !== b.created_at) return a.created_at < b.created_at ? 1 : -1;
  return b.id - a.id;
}

/** One-to-one and group windows, merged and ordered by last activity. */
export function useWindowList() {
  const results = useQueries({
    queries: WINDOW_LISTS.map((filter) => ({
      queryKey: queryKeys.windows(filter),
      queryFn: () => fetchWindows(filter),
    })),
  });
  const [direct, groups] = results.map((r) => r.data);
  const windows = useMemo(() => [...(direct?.list ?? []), ...(groups?.list ?? [])].sort(byActivity), [direct, groups]);
  return {
    windows,
    loaded: results.every((r) => r.data !== undefined),
    error: results.find((r) => r.error)?.error ?? null,
  };
}

/**
 * A window's latest messages. The list already carries them, so an open is instant;
 * after that, live events keep the history current and it is never refetched whole.
 */
function historyQuery(queryClient: QueryClient, cId: number) {
  return {
    queryKey: queryKeys.history(cId),
    queryFn: async (): Promise<History> => {
      const messages = await chatApi.history(cId, undefined, HISTORY_PAGE);
      return { messages, complete: messages.length < HISTORY_PAGE };
    },
    initialData: (): History | undefined => {
      const listed = findWindow(queryClient, cId);
      if (!listed || listed.messages.length === 0) return undefined;
      // The list shows the latest 20; fewer means there is nothing older.
      return { messages: listed.messages, complete: listed.messages.length < 20 };
    },
    staleTime: Infinity,
  };
}

export function useHistory(cId: number) {
  const queryClient = useQueryClient();
  return useQuery(historyQuery(queryClient, cId));
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
