import type { QueryClient } from '@tanstack/react-query';
import { messageSummary, WINDOW_PREVIEW_MESSAGES } from '../../api/contract.js';
import { queryKeys } from '../../api/query-keys.js';
import type { ChatMessage, ChatWindow, WindowFilter } from '../../api/wire.js';
import {
  applyReadStates,
  markDelivered,
  markReadUpTo,
  markRecalled,
  replaceMessage,
  withArrivals,
  withoutMessage,
  type History,
} from './history.js';

/**
 * How the chat's server state changes in the TanStack Query cache: the window lists
 * (`windows/all` for one-to-one, `windows/group` for groups) and each window's history.
 * A message lives in one entry only, its window's history; a list entry holds what the
 * list shows (the server's preview, last activity, unread count). Live events, send
 * responses and the catch-up after a reconnect all go through here, so the same message
 * arriving twice changes nothing the second time.
 */

export const WINDOW_LISTS: readonly WindowFilter[] = ['all', 'group'];

/** A window as the lists keep it: its messages are in its history. */
export type ListedWindow = Omit<ChatWindow, 'messages'>;

/** What a window is called: its group's name, or the other person's. */
export function windowName(window: ListedWindow): string {
  return (window.type === 'group' ? window.group?.name : window.user?.nickname) ?? '';
}

/** One window list, whole. */
export interface WindowListing {
  total: number;
  list: ListedWindow[];
}

/** Every window's history at once (the key's first part). */
const everyHistory = { queryKey: queryKeys.history(0).slice(0, 1) };

export function findWindow(queryClient: QueryClient, cId: number): ListedWindow | undefined {
  for (const filter of WINDOW_LISTS) {
    const found = queryClient.getQueryData<WindowListing>(queryKeys.windows(filter))?.list.find((w) => w.id === cId);
    if (found) return found;
  }
  return undefined;
}

function updateWindow(queryClient: QueryClient, cId: number, change: (window: ListedWindow) => ListedWindow): boolean {
  let found = false;
  for (const filter of WINDOW_LISTS) {
    queryClient.setQueryData<WindowListing>(queryKeys.windows(filter), (listing) => {
      if (!listing?.list.some((w) => w.id === cId)) return listing;
      found = true;
      return { ...listing, list: listing.list.map((w) => (w.id === cId ? change(w) : w)) };
    });
  }
  return found;
}

/**
 * Puts a window's changed history back. A group's history seeded from the list is marked
 * invalid (it lacks the system lines: see listWindow), so that opening the group reads it
 * whole; a change made to it meanwhile (a live message, the catch-up) must not make it look
 * whole, so it stays marked.
 */
function putHistory(queryClient: QueryClient, cId: number, history: History) {
  const key = queryKeys.history(cId);
  const partial = queryClient.getQueryState(key)?.isInvalidated ?? false;
  queryClient.setQueryData<History>(key, history);
  if (partial) void queryClient.invalidateQueries({ queryKey: key, exact: true, refetchType: 'none' });
}

function updateHistory(queryClient: QueryClient, cId: number, change: (history: History) => History) {
  const history = queryClient.getQueryData<History>(queryKeys.history(cId));
  if (history) putHistory(queryClient, cId, change(history));
}

/**
 * A window as the server lists it: the latest messages it carries become its history, and
 * the list keeps the rest. A history already loaded takes only the listed messages newer
 * than its own: a list read just before a message was sent may have seeded it, and the
 * message's own event may have come before that list did.
 */
export function listWindow(queryClient: QueryClient, { messages, ...listed }: ChatWindow): ListedWindow {
  const key = queryKeys.history(listed.id);
  const loaded = queryClient.getQueryData<History>(key);
  if (loaded) {
    const newest = loaded.messages.at(-1)?.id ?? 0;
    const newer = messages.filter((message) => message.id > newest);
    if (newer.length > 0) putHistory(queryClient, listed.id, withArrivals(loaded, newer));
  } else {
    // Fewer than the list carries means there is nothing older.
    queryClient.setQueryData<History>(key, {
      messages,
      complete: messages.length < WINDOW_PREVIEW_MESSAGES,
      reachesLatest: true,
    });
    // A group's list entry leaves out its system lines (who joined, left, was removed): the
    // seed serves the preview, and opening the window reads its history whole once.
    if (listed.type === 'group')
      void queryClient.invalidateQueries({ queryKey: key, exact: true, refetchType: 'none' });
  }
  return listed;
}

export interface Arrival {
  /** Already cached: a repeat (the send response and the push of the same message). */
  known: boolean;
  /** Its window is in a loaded list; otherwise the lists need fetching again. */
  listed: boolean;
}

/** The list shows the latest message's summary (the server's words, as a refetch would) and time. */
function showLatest(window: ListedWindow, message: ChatMessage): ListedWindow {
  if (message.created_at < window.created_at) return window;
  const { type, message: text, fileName, recalled } = message;
  const afterMessage = messageSummary({ type, text, fileName, recalled });
  if (window.afterMessage === afterMessage && window.created_at === message.created_at) return window;
  return { ...window, afterMessage, created_at: message.created_at };
}

/**
 * A message arrives: merged into its window's history if loaded (unless that history is a
 * slice short of the latest, see `withArrivals`), and its window moves to the top of the
 * list with its preview. The unread count is not counted here: the
 * server's `counts` event brings it.
 */
export function addMessage(queryClient: QueryClient, message: ChatMessage): Arrival {
  const historyKey = queryKeys.history(message.cId);
  const history = queryClient.getQueryData<History>(historyKey);
  const known = history?.messages.some((m) => m.id === message.id) ?? false;
  if (history) {
    putHistory(queryClient, message.cId, withArrivals(history, [message]));
  } else if (queryClient.getQueryState(historyKey)?.fetchStatus === 'fetching') {
    // The first page is on its way and may have been read before this message existed.
    void queryClient.refetchQueries({ queryKey: historyKey, exact: true });
  }
  const listed = updateWindow(queryClient, message.cId, (window) => showLatest(window, message));
  return { known, listed };
}

/** `message.delivered`: the recipient's client acknowledged these messages (`at`: when we heard). */
export function applyDelivered(queryClient: QueryClient, cId: number, ids: readonly number[], at = Date.now()) {
  updateHistory(queryClient, cId, (history) => markDelivered(history, ids, at));
}

/** `message.read` in a one-to-one window: the other side read everything up to `upTo`. */
export function applyReadUpTo(queryClient: QueryClient, cId: number, me: number, upTo: number, at = Date.now()) {
  updateHistory(queryClient, cId, (history) => markReadUpTo(history, me, upTo, at));
}

/** A new copy of a message (`message.updated`, or an action's answer). */
export function applyUpdated(queryClient: QueryClient, message: ChatMessage) {
  updateHistory(queryClient, message.cId, (history) => replaceMessage(history, message));
}

/**
 * `message.recalled`: erased from the history (and from quotes of it); when it was the
 * window's latest, the list's preview says so too.
 */
export function applyRecalled(queryClient: QueryClient, cId: number, id: number) {
  updateHistory(queryClient, cId, (history) => markRecalled(history, id));
  const latest = queryClient.getQueryData<History>(queryKeys.history(cId))?.messages.at(-1);
  if (latest?.id === id) updateWindow(queryClient, cId, (window) => showLatest(window, latest));
}

/** `message.hidden` (deleted for me, here or on another device): gone from the history. */
export function applyHidden(queryClient: QueryClient, cId: number, id: number) {
  updateHistory(queryClient, cId, (history) => withoutMessage(history, id));
}

/** Fresh read states of some messages (a group's are read once every other member read them). */
export function applyFreshReadStates(queryClient: QueryClient, cId: number, fresh: readonly ChatMessage[]) {
  updateHistory(queryClient, cId, (history) => applyReadStates(history, fresh));
}

/** The server's unread count for a window (its `counts` event, or the answer to a read receipt). */
export function setWindowUnread(queryClient: QueryClient, cId: number, unread: number, mentionUnread?: number) {
  updateWindow(queryClient, cId, (window) =>
    window.unread === unread && (mentionUnread === undefined || window.mentionUnread === mentionUnread)
      ? window
      : { ...window, unread, mentionUnread: mentionUnread ?? window.mentionUnread },
  );
}

/** A window just opened from the directory, so it shows at once without refetching the list. */
export function insertWindow(queryClient: QueryClient, window: ChatWindow) {
  const listed = listWindow(queryClient, window);
  const filter: WindowFilter = window.type === 'group' ? 'group' : 'all';
  queryClient.setQueryData<WindowListing>(queryKeys.windows(filter), (listing) => {
    if (!listing || listing.list.some((w) => w.id === window.id)) return listing;
    return { total: listing.total + 1, list: [listed, ...listing.list] };
  });
}

/**
 * The highest message id in any loaded history that reaches the latest: where the
 * catch-up starts. A slice's last message says nothing about what else was missed.
 */
export function latestKnownId(queryClient: QueryClient): number {
  let latest = 0;
  for (const [, history] of queryClient.getQueriesData<History>(everyHistory)) {
    const last = history?.reachesLatest ? history.messages.at(-1) : undefined;
    if (last && last.id > latest) latest = last.id;
  }
  return latest;
}

/**
 * Messages missed while disconnected, merged by id into the loaded histories. Lists are
 * not patched here: their unread counts and order come back whole from the server.
 */
export function mergeMissed(queryClient: QueryClient, missed: readonly ChatMessage[]) {
  const byWindow = new Map<number, ChatMessage[]>();
  for (const message of missed) byWindow.set(message.cId, [...(byWindow.get(message.cId) ?? []), message]);
  for (const [cId, messages] of byWindow) updateHistory(queryClient, cId, (history) => withArrivals(history, messages));
}

/** Drops every loaded history (after too long away to patch them message by message). */
export function forgetHistories(queryClient: QueryClient) {
  queryClient.removeQueries(everyHistory);
}
