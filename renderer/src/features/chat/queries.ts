import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
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
import { holdsMessage, withAround, withPage, type CachedMessage, type History, type HistoryEnd } from './history.js';

/** History comes in pages this large (the server's maximum)… */
export const HISTORY_PAGE = 100;
/** …except around a message opened from a search: enough to fill the view on both sides. */
export const AROUND_PAGE = 50;
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

/** A window's latest messages, as a history. */
async function latestHistory(cId: number): Promise<History> {
  const messages = await chatApi.history(cId, undefined, HISTORY_PAGE);
  return { messages, complete: messages.length < HISTORY_PAGE, reachesLatest: true };
}

/**
 * A window's loaded history. The window list seeds it with the latest messages, so an
 * open is instant; after that, live events keep it current and it is never refetched whole.
 */
function historyQuery(cId: number) {
  return queryOptions({ queryKey: queryKeys.history(cId), queryFn: () => latestHistory(cId), staleTime: Infinity });
}

export function useHistory(cId: number) {
  return useQuery(historyQuery(cId));
}

/** The latest message, when the history holds it (a slice from the middle does not). */
const latestOf = (history: History): CachedMessage | undefined =>
  history.reachesLatest ? history.messages.at(-1) : undefined;
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

const historyOf = (queryClient: QueryClient, cId: number) => queryClient.getQueryData<History>(queryKeys.history(cId));

function changeHistory(
  queryClient: QueryClient,
  cId: number,
  change: (history: History | undefined) => History | undefined,
) {
  queryClient.setQueryData<History>(queryKeys.history(cId), change);
}

/**
 * A page that made the history reach the latest was read before whatever was sent while
 * it was on its way, and live messages do not join a history short of the latest: one
 * more page after its newest message, read now that they join again, closes that gap.
 * If that look fails, the history goes back to a slice ending at that message (what came
 * after it may follow a hole), which paging forward completes.
 */
async function closeGapAtLatest(queryClient: QueryClient, cId: number) {
  const history = historyOf(queryClient, cId);
  const newest = history?.messages.at(-1);
  if (!history?.reachesLatest || !newest) return;
  try {
    const page = await chatApi.historyAfter(cId, newest.id, HISTORY_PAGE);
    changeHistory(queryClient, cId, (current) => current && withPage(current, 'newer', newest.id, page, HISTORY_PAGE));
  } catch (error) {
    changeHistory(queryClient, cId, (current) =>
      current && holdsMessage(current, newest.id)
        ? { ...current, messages: current.messages.filter((m) => m.id <= newest.id), reachesLatest: false }
        : current,
    );
    throw error;
  }
}

/** Reads the next page at one end of the loaded history, if that end is not reached yet. */
async function loadPage(queryClient: QueryClient, cId: number, end: HistoryEnd) {
  const history = historyOf(queryClient, cId);
  const edge = end === 'older' ? history?.messages[0] : history?.messages.at(-1);
  if (!history || !edge || (end === 'older' ? history.complete : history.reachesLatest)) return;
  const page = await (end === 'older' ? chatApi.history : chatApi.historyAfter)(cId, edge.id, HISTORY_PAGE);
  changeHistory(queryClient, cId, (current) => current && withPage(current, end, edge.id, page, HISTORY_PAGE));
  if (end === 'newer') await closeGapAtLatest(queryClient, cId);
}

/** Replaces a slice with the window's latest messages (the user jumped, or sent, to the latest). */
async function loadLatest(queryClient: QueryClient, cId: number) {
  if (historyOf(queryClient, cId)?.reachesLatest) return;
  const latest = await latestHistory(cId);
  changeHistory(queryClient, cId, () => latest);
  await closeGapAtLatest(queryClient, cId);
}

/** The page around message `id` joins or replaces the history. Says whether the window has that message at all. */
async function loadAround(queryClient: QueryClient, cId: number, id: number): Promise<boolean> {
  const page = await chatApi.historyAround(cId, id, AROUND_PAGE);
  changeHistory(queryClient, cId, (current) => withAround(current, page, id, AROUND_PAGE));
  await closeGapAtLatest(queryClient, cId);
  return page.some((m) => m.id === id);
}

/** One kind of history request at a time (scrolling asks again and again), and how it went. */
function useRequest() {
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const inFlight = useRef(false);
  const run = useCallback(async (request: () => Promise<unknown>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setLoading(true);
    setFailed(false);
    try {
      await request();
    } catch {
      setFailed(true);
    } finally {
      inFlight.current = false;
      setLoading(false);
    }
  }, []);
  return { run, loading, failed };
}

/** Loading at one end of a window's history, as the list shows it. */
export interface HistoryEdge {
  /** That end of the window is loaded. */
  reached: boolean;
  loading: boolean;
  failed: boolean;
  load: () => void;
}

/**
 * Paging at one end of the loaded history: older pages above (the list keeps its reading
 * position), newer pages below a slice until it reaches the latest.
 */
export function useHistoryEdge(cId: number, end: HistoryEnd, history: History | undefined): HistoryEdge {
  const queryClient = useQueryClient();
  const { run, loading, failed } = useRequest();
  const load = useCallback(() => void run(() => loadPage(queryClient, cId, end)), [run, queryClient, cId, end]);
  const reached = history ? (end === 'older' ? history.complete : history.reachesLatest) : false;
  return { reached, loading, failed, load };
}

/** Back to the latest messages from a slice; a history at the latest already stays as it is. */
export function useLoadLatest(cId: number) {
  const queryClient = useQueryClient();
  const { run, loading, failed } = useRequest();
  const load = useCallback(() => void run(() => loadLatest(queryClient, cId)), [run, queryClient, cId]);
  return { load, loading, failed };
}

/** Which message to show: `seq` goes up with each request, so asking again shows it again. */
export interface MessageFocus {
  messageId: number;
  seq: number;
}

/** Loading the history around a message to show: `shown` once it is loaded, `missing` if the window has no such message. */
export type FocusState = 'loading' | 'shown' | 'missing' | 'failed';

/**
 * Loads the history around the message to show, once the window's history is there (a
 * page around it written before would be overwritten by the first page). The latest
 * request wins; an earlier answer still on its way is ignored. Once shown, a message
 * stays shown, wherever the user then scrolls or jumps.
 */
export function useFocusedHistory(cId: number, focus: MessageFocus | null, history: History | undefined) {
  const queryClient = useQueryClient();
  const [settled, setSettled] = useState<{ seq: number; state: FocusState } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const historyLoaded = history !== undefined;
  useEffect(() => {
    const current = historyOf(queryClient, cId);
    if (!focus || !current) return;
    let latest = true;
    const settle = (state: FocusState) => latest && setSettled({ seq: focus.seq, state });
    if (holdsMessage(current, focus.messageId)) settle('shown');
    else
      loadAround(queryClient, cId, focus.messageId).then(
        (found) => settle(found ? 'shown' : 'missing'),
        () => settle('failed'),
      );
    return () => {
      latest = false;
    };
  }, [queryClient, cId, focus, historyLoaded, attempt]);
  const retry = useCallback(() => {
    setSettled(null);
    setAttempt((n) => n + 1);
  }, []);
  let state: FocusState | null = null;
  if (focus)
    state =
      settled?.seq === focus.seq
        ? settled.state
        : history && holdsMessage(history, focus.messageId)
          ? 'shown'
          : 'loading';
  return { state, retry };
}
