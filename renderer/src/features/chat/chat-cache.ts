import type { QueryClient } from '@tanstack/react-query';
import type { WindowFilter, WindowPage } from '../../api/chat.js';
import { queryKeys } from '../../api/query-keys.js';
import type { ChatMessage, ChatWindow } from '../../api/wire.js';
import {
  applyReadStates,
  markDelivered,
  markReadUpTo,
  mergeMessages,
  type CachedMessage,
  type History,
} from './history.js';
import { serverSummary } from './summary.js';

/**
 * How the chat's server state changes in the TanStack Query cache: the window lists
 * (`windows/all` for one-to-one, `windows/group` for groups) and each window's loaded
 * history. Live events, send responses and the catch-up after a reconnect all go
 * through here, so the same message arriving twice changes nothing the second time.
 */

export const WINDOW_LISTS: readonly WindowFilter[] = ['all', 'group'];

/** A window carries its latest messages in the list (API.md §2 chat). */
const LIST_MESSAGES = 20;

/** Every window's history at once (the key's first part). */
const everyHistory = { queryKey: queryKeys.history(0).slice(0, 1) };

export function findWindow(queryClient: QueryClient, cId: number): ChatWindow | undefined {
  for (const filter of WINDOW_LISTS) {
    const found = queryClient.getQueryData<WindowPage>(queryKeys.windows(filter))?.list.find((w) => w.id === cId);
    if (found) return found;
  }
  return undefined;
}

function updateWindow(queryClient: QueryClient, cId: number, change: (window: ChatWindow) => ChatWindow): boolean {
  let found = false;
  for (const filter of WINDOW_LISTS) {
    queryClient.setQueryData<WindowPage>(queryKeys.windows(filter), (page) => {
      if (!page?.list.some((w) => w.id === cId)) return page;
      found = true;
      return { ...page, list: page.list.map((w) => (w.id === cId ? change(w) : w)) };
    });
  }
  return found;
}

function updateHistory(queryClient: QueryClient, cId: number, change: (history: History) => History) {
  queryClient.setQueryData<History>(queryKeys.history(cId), (history) => history && change(history));
}

/** Applies a change to a window's messages wherever they are cached: its history and its list entry. */
function updateMessagesOf(queryClient: QueryClient, cId: number, change: (history: History) => History) {
  updateHistory(queryClient, cId, change);
  updateWindow(queryClient, cId, (window) => {
    const changed = change({ messages: window.messages, complete: false });
    return changed.messages === window.messages ? window : { ...window, messages: changed.messages };
  });
}

export interface Arrival {
  /** Already cached: a repeat (the send response and the push of the same message). */
  known: boolean;
  /** Its window is in a loaded list; otherwise the lists need fetching again. */
  listed: boolean;
}

/**
 * A message arrives: appended to its window's history if loaded, and moved to the top
 * of the window list with its preview. A message from someone else counts as unread
 * until a read receipt from this client says otherwise.
 */
export function addMessage(queryClient: QueryClient, message: ChatMessage, me: number): Arrival {
  const historyKey = queryKeys.history(message.cId);
  const history = queryClient.getQueryData<History>(historyKey);
  let known = history ? history.messages.some((m) => m.id === message.id) : false;
  if (history) {
    queryClient.setQueryData<History>(historyKey, { ...history, messages: mergeMessages(history.messages, [message]) });
  } else if (queryClient.getQueryState(historyKey)?.fetchStatus === 'fetching') {
    // The first page is on its way and may have been read before this message existed.
    void queryClient.refetchQueries({ queryKey: historyKey, exact: true });
  }
  const listed = updateWindow(queryClient, message.cId, (window) => {
    if (window.messages.some((m) => m.id === message.id)) {
      known = true;
      return { ...window, messages: mergeMessages(window.messages, [message]) };
    }
    const latest = message.created_at >= window.created_at;
    return {
      ...window,
      messages: mergeMessages(window.messages, [message]).slice(-LIST_MESSAGES),
      afterMessage: latest ? serverSummary(message) : window.afterMessage,
      created_at: latest ? message.created_at : window.created_at,
      unread: window.unread + (message.fromId !== me && !known ? 1 : 0),
    };
  });
  return { known, listed };
}

/** `message.delivered`: the recipient's client acknowledged these messages. */
export function applyDelivered(queryClient: QueryClient, cId: number, ids: readonly number[]) {
  updateMessagesOf(queryClient, cId, (history) => markDelivered(history, ids));
}

/** `message.read` in a one-to-one window: the other side read everything up to `upTo`. */
export function applyReadUpTo(queryClient: QueryClient, cId: number, me: number, upTo: number) {
  updateMessagesOf(queryClient, cId, (history) => markReadUpTo(history, me, upTo));
}

/** Fresh read states of some messages (a group's are read once every other member read them). */
export function applyFreshReadStates(queryClient: QueryClient, cId: number, fresh: readonly ChatMessage[]) {
  updateMessagesOf(queryClient, cId, (history) => applyReadStates(history, fresh));
}

/** The server's unread count for a window, after this client sent a read receipt. */
export function setWindowUnread(queryClient: QueryClient, cId: number, unread: number) {
  updateWindow(queryClient, cId, (window) => (window.unread === unread ? window : { ...window, unread }));
}

/** A window just opened from the directory, so it shows at once without refetching the list. */
export function insertWindow(queryClient: QueryClient, window: ChatWindow) {
  const filter: WindowFilter = window.type === 'group' ? 'group' : 'all';
  queryClient.setQueryData<WindowPage>(queryKeys.windows(filter), (page) => {
    if (!page || page.list.some((w) => w.id === window.id)) return page;
    return { ...page, total: page.total + 1, list: [window, ...page.list] };
  });
}

/** The highest message id this client has seen anywhere: where the catch-up starts. */
export function latestKnownId(queryClient: QueryClient): number {
  let latest = 0;
  const consider = (messages: readonly CachedMessage[] | undefined) => {
    const last = messages?.[messages.length - 1];
    if (last && last.id > latest) latest = last.id;
  };
  for (const [, history] of queryClient.getQueriesData<History>(everyHistory)) consider(history?.messages);
  for (const filter of WINDOW_LISTS)
    for (const window of queryClient.getQueryData<WindowPage>(queryKeys.windows(filter))?.list ?? [])
      consider(window.messages);
  return latest;
}

/**
 * Messages missed while disconnected, merged by id into the loaded histories. Lists are
 * not patched here: their unread counts and order come back whole from the server.
 */
export function mergeMissed(queryClient: QueryClient, missed: readonly ChatMessage[]) {
  const byWindow = new Map<number, ChatMessage[]>();
  for (const message of missed) byWindow.set(message.cId, [...(byWindow.get(message.cId) ?? []), message]);
  for (const [cId, messages] of byWindow)
    updateHistory(queryClient, cId, (history) => ({ ...history, messages: mergeMessages(history.messages, messages) }));
}

/** Drops every loaded history (after too long away to patch them message by message). */
export function forgetHistories(queryClient: QueryClient) {
  queryClient.removeQueries(everyHistory);
}
