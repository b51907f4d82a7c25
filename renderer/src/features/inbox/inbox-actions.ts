import type { QueryClient } from '@tanstack/react-query';
import { inboxApi, type InboxStatus } from '../../api/inbox.js';
import { queryKeys } from '../../api/query-keys.js';
import type { Notification } from '../../api/wire.js';
import { applyNotification, expectEcho, forgetEcho, LISTS, readAllLocally } from './inbox-cache.js';
import { asLocalChange } from './inbox-counts.js';
import { ACTION_FOR, Status, statusOf, withStatus } from './inbox-model.js';
import { useInboxView } from './inbox-store.js';

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A list refetch in flight (after a reconnect) would land with the state from before this
 * change and undo it on screen: it is stopped now and run again once the server has
 * answered. Loading the next page is left alone: the changed notification is not in it.
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

/** Moves a notification to another tab at once, and back again if the server refuses. */
export async function changeStatus(queryClient: QueryClient, notification: Notification, to: InboxStatus) {
  const from = statusOf(notification);
  if (from === to) return;
  const view = useInboxView.getState();
  const resume = await holdRefetches(queryClient);
  const moved = withStatus(notification, to);
  applyNotification(queryClient, moved, from);
  expectEcho(notification.id, to);
  view.refreshOpened(moved);
  try {
    await asLocalChange(queryClient, inboxApi.setStatus(notification.id, ACTION_FOR[to]));
  } catch (error) {
    forgetEcho(notification.id);
    applyNotification(queryClient, notification, to);
    view.refreshOpened(notification);
    view.tell({ kind: 'statusFailed', title: notification.title, reason: reasonOf(error) });
  } finally {
    resume();
  }
}

/** Marks the unread (of one type) read; on failure the inbox is fetched again, as it was too broad to undo. */
export async function markAllRead(queryClient: QueryClient, type: number | null) {
  const view = useInboxView.getState();
  const resume = await holdRefetches(queryClient);
  readAllLocally(queryClient, type);
  const { opened } = useInboxView.getState();
  if (opened && statusOf(opened) === Status.unread && (type === null || opened.type === type))
    view.refreshOpened(withStatus(opened, Status.read));
  try {
    const { updated } = await asLocalChange(queryClient, inboxApi.readAll(type ?? undefined));
    view.tell({ kind: 'markedAllRead', count: updated });
  } catch (error) {
    view.tell({ kind: 'readAllFailed', reason: reasonOf(error) });
    await queryClient.invalidateQueries({ queryKey: queryKeys.inbox });
  } finally {
    resume();
  }
}

/** Shows a notification in the details pane; like a click in seed 001, opening an unread one reads it. */
export function openNotification(queryClient: QueryClient, notification: Notification) {
  useInboxView.getState().open(notification);
  if (statusOf(notification) === Status.unread) void changeStatus(queryClient, notification, Status.read);
}
