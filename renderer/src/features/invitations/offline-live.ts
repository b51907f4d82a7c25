import { offlineApi } from '../../api/offline.js';
import { queryKeys } from '../../api/query-keys.js';
import { translator } from '../../i18n/text.js';
import { notify } from '../../notify.js';
import { onReconnect, onServerEvent } from '../../realtime/dispatch.js';
import { useNavigation } from '../../state/navigation.js';
import { useSettings } from '../../state/settings.js';
import { invitationsText } from './invitations-text.js';
import { isInvitation } from './offline-messages.js';
import { prependOfflineMessage } from './offline-history.js';
import { offlineSentence } from './offline-sentence.js';
import { cachedProjects } from './task-projects.js';

onServerEvent('offline.new', (message, queryClient) => {
  prependOfflineMessage(queryClient, message);
  // Seen live, so the server must not offer it again as waiting.
  void offlineApi.take().catch(() => undefined);
  if (!isInvitation(message)) return;
  const { language } = useSettings.getState();
  notify({
    title: translator(invitationsText, language)('notifyTitle'),
    body: offlineSentence(message, language, cachedProjects(queryClient)),
    onClick: () => useNavigation.getState().go('invitations'),
  });
});

// Whatever arrived while the link was down is in the history.
onReconnect((queryClient) => void queryClient.invalidateQueries({ queryKey: queryKeys.offlineHistory }));
