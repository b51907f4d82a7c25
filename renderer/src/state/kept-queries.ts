import { dehydrate, hydrate, type DehydratedState, type QueryClient } from '@tanstack/react-query';
import { createStore, delMany, get, keys, set, type UseStore } from 'idb-keyval';

/**
 * The last known server state, kept on this device (IndexedDB) per signed-in user, so the
 * app opens on it at once, offline included, and then catches up. Kept: the chat lists, the
 * latest messages of the most recent chats, the badge and inbox counters, and the first
 * page of each inbox tab. Built on TanStack Query's own `dehydrate`/`hydrate`: what comes
 * back is never newer than what the app already fetched, and is refetched when stale.
 */

/** Messages kept per chat, and how many chats keep theirs: the latest, as a chat opens on them. */
export const KEPT_MESSAGES = 50;
export const KEPT_HISTORIES = 20;
/** Changes are written at most this often (a busy chat changes the cache many times a second). */
const SAVE_AFTER_MS = 1000;

let store: UseStore | null = null;
const cacheStore = () => (store ??= createStore('messenger-cache', 'queries'));

type KeptQuery = DehydratedState['queries'][number];

const first = (key: readonly unknown[]) => key[0];
const isKeptKey = (key: readonly unknown[]) =>
  first(key) === 'windows' ||
  first(key) === 'counts' ||
  first(key) === 'history' ||
  // The inbox's counters and its unfiltered tabs ('inbox', 'list', status, null).
  (first(key) === 'inbox' && (key[1] === 'counts' || (key[1] === 'list' && key[3] === null)));

interface HistoryData {
  messages: unknown[];
  complete: boolean;
  reachesLatest: boolean;
}
interface PagesData {
  pages: unknown[];
  pageParams: unknown[];
}

/** A chat's latest messages, or nothing when the loaded part is a slice away from them. */
function latestOf(query: KeptQuery): KeptQuery | null {
  const data = query.state.data as HistoryData | undefined;
  if (!data?.reachesLatest) return null;
  const messages = data.messages.slice(-KEPT_MESSAGES);
  const complete = data.complete && messages.length === data.messages.length;
  return { ...query, state: { ...query.state, data: { ...data, messages, complete } } };
}

/** An inbox tab's first page: the rest loads as the user scrolls, as it would have. */
function firstPageOf(query: KeptQuery): KeptQuery {
  const data = query.state.data as PagesData | undefined;
  if (!data) return query;
  return {
    ...query,
    state: { ...query.state, data: { pages: data.pages.slice(0, 1), pageParams: data.pageParams.slice(0, 1) } },
  };
}

/** What of the cache is kept: only data the server gave, trimmed to what the first screen shows. */
export function keptState(queryClient: QueryClient): DehydratedState {
  const state = dehydrate(queryClient, {
    shouldDehydrateQuery: (query) => query.state.status === 'success' && isKeptKey(query.queryKey),
  });
  const histories = state.queries
    .filter((query) => first(query.queryKey) === 'history')
    .sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt)
    .slice(0, KEPT_HISTORIES)
    .flatMap((query) => latestOf(query) ?? []);
  const others = state.queries
    .filter((query) => first(query.queryKey) !== 'history')
    .map((query) => (first(query.queryKey) === 'inbox' && query.queryKey[1] === 'list' ? firstPageOf(query) : query));
  return { mutations: [], queries: [...others, ...histories] };
}

const readKept = (userId: number) =>
  get<DehydratedState>(userId, cacheStore()).catch((error: unknown) => {
    console.warn('The kept server state could not be read:', error);
    return undefined;
  });

/** A read begun before the app rendered anything, for the user it names. */
let readAhead: { userId: number; kept: Promise<DehydratedState | undefined> } | null = null;

/**
 * Starts reading `userId`'s kept state as the app loads, while its first render runs: the
 * device's database answers in tens of milliseconds, which the start then does not wait for.
 */
export function readKeptQueriesAhead(userId: number): void {
  readAhead = { userId, kept: readKept(userId) };
}

/** Puts `userId`'s kept state, if any, into the cache. */
export async function restoreKeptQueries(queryClient: QueryClient, userId: number): Promise<void> {
  const ahead = readAhead?.userId === userId ? readAhead.kept : null;
  readAhead = null;
  const kept = await (ahead ?? readKept(userId));
  try {
    if (kept) hydrate(queryClient, kept);
  } catch (error) {
    console.warn('The kept server state could not be restored:', error);
  }
}

/** Keeps the cache on the device as it changes, until the function returned is called. */
export function keepQueries(queryClient: QueryClient, userId: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = async () => {
    timer = null;
    try {
      await set(userId, keptState(queryClient), cacheStore());
    } catch (error) {
      console.warn('The server state could not be kept:', error);
    }
  };
  const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'success' && !timer) timer = setTimeout(save, SAVE_AFTER_MS);
  });
  // A page closing mid-wait still writes what it has.
  const onHide = () => {
    if (!timer) return;
    clearTimeout(timer);
    void save();
  };
  addEventListener('pagehide', onHide);
  return () => {
    unsubscribe();
    removeEventListener('pagehide', onHide);
    if (timer) clearTimeout(timer);
  };
}

/** Drops the kept state of everyone but `userId` (everyone's for null). */
export async function forgetKeptQueriesExcept(userId: number | null): Promise<void> {
  try {
    const others = (await keys<number>(cacheStore())).filter((owner) => owner !== userId);
    if (others.length > 0) await delMany(others, cacheStore());
  } catch (error) {
    console.warn('The kept server state could not be cleared:', error);
  }
}
