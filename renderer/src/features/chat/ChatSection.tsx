import { useState } from 'react';
import { useText } from '../../i18n/text.js';
import { useNavigation } from '../../state/navigation.js';
import { useSession } from '../../state/session.js';
import './chat-events.js';
import { chatText } from './chat-text.js';
import './chat.css';
import { MessagePane } from './MessagePane.js';
import { NewChatDialog } from './NewChatDialog.js';
import { useWindowList } from './queries.js';
import { WindowList } from './WindowList.js';

/** The chat section: every chat on the left, the open one on the right. */
export function ChatSection() {
  const t = useText(chatText);
  const me = useSession((s) => s.user?.id);
  const windowId = useNavigation((s) => s.windowId);
  const openWindow = useNavigation((s) => s.openWindow);
  const { windows, latest, loaded, error } = useWindowList();
  const [creating, setCreating] = useState(false);
  if (me === undefined) return null;

  return (
    <div className="chat">
      <WindowList
        windows={windows}
        latest={latest}
        loaded={loaded}
        error={error && t('listFailed', { reason: error.message })}
        me={me}
        currentId={windowId}
        onOpen={openWindow}
        onNewChat={() => setCreating(true)}
      />
      {windowId === null ? (
        <p className="chat-placeholder muted">{t('pickWindow')}</p>
      ) : (
        <MessagePane
          key={windowId}
          cId={windowId}
          window={windows.find((w) => w.id === windowId)}
          me={me}
          listLoaded={loaded}
        />
      )}
      {creating && <NewChatDialog me={me} onClose={() => setCreating(false)} />}
    </div>
  );
}
