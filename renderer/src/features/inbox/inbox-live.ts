import type { QueryClient } from '@tanstack/react-query';
import { NotificationStatus } from '../../api/contract.js';
import { queryKeys } from '../../api/query-keys.js';
import type { Notification } from '../../api/wire.js';
import { notify } from '../../notify.js';
import { onReconnect, onServerEvent } from '../../realtime/dispatch.js';
import { takePushed } from '../../realtime/pushed.js';
import { useNavigation } from '../../state/navigation.js';
import { openNotification } from './inbox-actions.js';
import { applyNotifications, LISTS } from './inbox-cache.js';
import { useInboxView } from './inbox-store.js';

function showInInbox(queryClient: QueryClient, notification: Notification) {
  useNavigation.getState().go('inbox');
  useInboxView.getState().setTab(NotificationStatus.unread);
  openNotification(queryClient, notification);
}

onServerEvent('notification.new', (notification, queryClient) => {
  applyNotifications(queryClient, [notification]);
  notify({
    title: notification.title,
    body: notification.content,
    onClick: () => showInInbox(queryClient, notification),
  });
});

onServerEvent('notification.updated', (notification, queryClient) => applyNotifications(queryClient, [notification]));

// The server sends its counters after the events of every change: they replace ours whole.
onServerEvent('counts', ({ inbox }, queryClient) => takePushed(queryClient, queryKeys.inboxCounts, inbox));

// The counters need no fetch: a `counts` event follows `ready`.
onReconnect((queryClient) => void queryClient.invalidateQueries({ queryKey: LISTS }));
