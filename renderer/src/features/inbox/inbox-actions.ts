import { useMemo } from 'react';
import {
  MutationObserver,
  mutationOptions,
  useMutation,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { NotificationStatus } from '../../api/contract.js';
import { inboxApi } from '../../api/inbox.js';
import type { Notification, NotificationStatusItem } from '../../api/wire.js';
import { queryKeys } from '../../api/query-keys.js';
import { offerUndo } from '../../components/undo-offer.js';
import { translator } from '../../i18n/text.js';
import { applyNotifications, cachedUnread, LISTS, rememberOpened } from './inbox-cache.js';
import { ACTION_FOR, statusOf, withStatus } from './inbox-model.js';
import { useInboxView } from './inbox-store.js';
import { inboxText } from './inbox-text.js';

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const tell = useInboxView.getState().tell;

/**
 * A list refetch in flight (after a reconnect) would land with the state from before a
 * change and undo it on screen: it is cancelled before the change and run again once the
 * server has answered. Loading the next page is left alone: the changed notification is not in it.
 */
async function holdRefetches(queryClient: QueryClient): Promise<() => void> {
  const refetching = queryClient.getQueryCache().findAll({
    queryKey: LISTS,
    predicate: (query) =>
      query.state.fetchStatus === 'fetching' && query.state.data !== undefined && !query.state.fetchMeta?.fetchMore,
  });
  await Promise.all(refetching.map((query) => queryClient.cancelQueries({ queryKey: query.queryKey, exact: true })));
  return () => {
    for (const query of refetching) void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
  };
}

/**
 * What an optimistic change keeps until the server answers: the notifications as they were,
 * to put back if it refuses. Only those go back, not whole lists, so changes made meanwhile stay.
 */
interface Held {
  before: Notification[];
  resume: () => void;
}

/** Changes the cache at once, before the request goes. */
async function changeAtOnce(queryClient: QueryClient, before: Notification[], to: NotificationStatus): Promise<Held> {
  const resume = await holdRefetches(queryClient);
  applyNotifications(
    queryClient,
    before.map((n) => withStatus(n, to)),
  );
  return { before, resume };
}

const undo = (queryClient: QueryClient, held: Held | undefined) => held && applyNotifications(queryClient, held.before);

/** Fetches the lists and counters again, so what shows is the server's word. */
const refreshInbox = (queryClient: QueryClient) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: LISTS }),
    queryClient.invalidateQueries({ queryKey: queryKeys.inboxCounts }),
  ]);

/** Each notification with the status it has now, to put back by an undo. */
const statusesOf = (notifications: readonly Notification[]): NotificationStatusItem[] =>
  notifications.map((n) => ({ msgId: n.id, status: `${statusOf(n)}` }));

/** A line of the inbox's text, to say in whichever language shows. */
type Said = [key: keyof (typeof inboxText)['en'], vars?: Record<string, number>];

/**
 * Offers to put notifications back as they were: the server restores each one's status, and
 * its times when that status was the one before its last change.
 */
function offerRestore(queryClient: QueryClient, done: Said, items: NotificationStatusItem[]) {
  offerUndo({
    done: (language) => translator(inboxText, language)(...done),
    undo: async () => {
      await inboxApi.restore(items);
      await refreshInbox(queryClient);
    },
  });
}

interface StatusChange {
  notification: Notification;
  to: NotificationStatus;
  /** A change the user asked for (not the read that opening implies): it can be undone. */
  undoable?: boolean;
}

/**
 * Moves a notification to another tab at once, and back if the server refuses. The tab
 * counters are the server's: they follow with its `counts` event.
 */
const statusChange = mutationOptions({
  mutationFn: ({ notification, to }: StatusChange) => inboxApi.setStatus(notification.id, ACTION_FOR[to]),
  onMutate: ({ notification, to }, { client }) => changeAtOnce(client, [notification], to),
  onSuccess: (_answer, { notification, to, undoable }, _held, { client }) => {
    if (undoable) offerRestore(client, [`marked${to}`], statusesOf([notification]));
  },
  onError: (error, { notification }, held, { client }) => {
    undo(client, held);
    tell({ kind: 'statusFailed', title: notification.title, reason: reasonOf(error) });
  },
  onSettled: (_answer, _error, _change, held) => held?.resume(),
});

/** Marks every unread notification (of one type) read, here at once and then on the server. */
const readAll = mutationOptions({
  mutationFn: (type: number | null) => inboxApi.readAll(type ?? undefined),
  onMutate: (type, { client }) => changeAtOnce(client, cachedUnread(client, type), NotificationStatus.read),
  onSuccess: ({ updated, changed }, _type, _held, { client }) =>
    offerRestore(client, ['markedAllRead', { count: updated }], changed),
  onError: (error, _type, held, { client }) => {
    undo(client, held);
    tell({ kind: 'readAllFailed', reason: reasonOf(error) });
  },
  onSettled: (_answer, _error, _type, held) => held?.resume(),
});

/** At most this many status requests at a time in a bulk change: the server stays free for the rest of the app. */
export const BULK_CONCURRENCY = 4;

/** Runs `work` on every item, at most `limit` at a time; answers which failed and why. */
async function eachBounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>) {
  const failed: { item: T; error: unknown }[] = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item).catch((error: unknown) => failed.push({ item, error }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return failed;
}

/**
 * Moves several notifications at once (the selection): on screen at once, then through the
 * same per-notification requests as one change, a few at a time. Afterwards the lists and
 * counters are fetched once, so what shows is the server's word, and a partial failure says
 * how many did not change and why.
 */
async function changeMany(queryClient: QueryClient, notifications: readonly Notification[], to: NotificationStatus) {
  const moving = notifications.filter((n) => statusOf(n) !== to);
  if (moving.length === 0) return;
  const held = await changeAtOnce(queryClient, moving, to);
  const failed = await eachBounded(moving, BULK_CONCURRENCY, (n) => inboxApi.setStatus(n.id, ACTION_FOR[to]));
  held.resume();
  await refreshInbox(queryClient);
  const unchanged = new Set(failed.map(({ item }) => item));
  const changed = moving.filter((n) => !unchanged.has(n));
  // Only what did change is offered back; what failed is told apart.
  if (changed.length > 0) offerRestore(queryClient, [`bulkDone${to}`, { count: changed.length }], statusesOf(changed));
  if (failed.length > 0)
    tell({ kind: 'bulkFailed', to, failed: failed.length, count: moving.length, reason: reasonOf(failed[0]!.error) });
}

type ChangeStatus = (change: StatusChange) => void;

function changeIfMoved(change: ChangeStatus, notification: Notification, to: NotificationStatus, undoable = false) {
  if (statusOf(notification) !== to) change({ notification, to, undoable });
}

/** Shows a notification in the details pane as the cache knows it, without changing it. */
function show(queryClient: QueryClient, notification: Notification): Notification {
  const shown = rememberOpened(queryClient, notification);
  useInboxView.getState().open(shown.id);
  return shown;
}

/** Shows a notification in the details pane; like a click in seed 001, opening an unread one reads it. */
function open(queryClient: QueryClient, change: ChangeStatus, notification: Notification) {
  changeIfMoved(change, show(queryClient, notification), NotificationStatus.read);
}

/** The inbox's actions, for its views. */
export function useInboxActions() {
  const queryClient = useQueryClient();
  const { mutate: change } = useMutation(statusChange);
  const { mutate: markAllRead } = useMutation(readAll);
  return useMemo(
    () => ({
      changeStatus: (notification: Notification, to: NotificationStatus) =>
        changeIfMoved(change, notification, to, true),
      open: (notification: Notification) => open(queryClient, change, notification),
      show: (notification: Notification) => void show(queryClient, notification),
      changeMany: (notifications: readonly Notification[], to: NotificationStatus) =>
        void changeMany(queryClient, notifications, to),
      markAllRead,
    }),
    [queryClient, change, markAllRead],
  );
}

/** Opens a notification from outside the inbox's views (a desktop notification's click). */
export function openNotification(queryClient: QueryClient, notification: Notification) {
  const change: ChangeStatus = (variables) =>
    void new MutationObserver(queryClient, statusChange).mutate(variables).catch(() => undefined);
  open(queryClient, change, notification);
}
