import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../api/query-keys.js';
import type { BadgeCounts, InboxCounts, Notification } from '../../api/wire.js';
import { notify } from '../../notify.js';
import { onReconnect, onServerEvent } from '../../realtime/dispatch.js';
import { useNavigation } from '../../state/navigation.js';
import { applyNotification, forgetEchoes } from './inbox-cache.js';
import { refreshCountsSoon } from './inbox-counts.js';
import { openNotification } from './inbox-actions.js';
import { Status } from './inbox-model.js';
import { useInboxView } from './inbox-store.js';

function showInInbox(queryClient: QueryClient, notification: Notification) {
  useNavigation.getState().go('inbox');
  useInboxView.getState().setTab(Status.unread);
  openNotification(queryClient, notification);
}

onServerEvent<Notification>('notification.new', (notification, queryClient) => {
  applyNotification(queryClient, notification, null);
  notify({
    title: notification.title,
    body: notification.content,
    onClick: () => showInInbox(queryClient, notification),
  });
});

onServerEvent<Notification>('notification.updated', (notification, queryClient) => {
  applyNotification(queryClient, notification, 'unknown');
  useInboxView.getState().refreshOpened(notification);
});

// The server's badge numbers follow every change: when ours disagree, a change went by
// that this client could not place (made elsewhere, or raced with a fetch).
onServerEvent<BadgeCounts>('counts', (badges, queryClient) => {
  const counts = queryClient.getQueryData<InboxCounts>(queryKeys.inboxCounts);
  if (counts && (counts.unread !== badges.inboxUnread || counts.todo !== badges.inboxTodo))
    refreshCountsSoon(queryClient);
});

onReconnect((queryClient) => {
  forgetEchoes();
  void queryClient.invalidateQueries({ queryKey: queryKeys.inbox });
});
