import { useEffect, useState } from 'react';
import type { MessageSearchResult } from '../../api/search.js';
import { useText } from '../../i18n/text.js';
import { useNavigation } from '../../state/navigation.js';
import { useSession } from '../../state/session.js';
import './chat-events.js';
import { chatText } from './chat-text.js';
import './chat.css';
import { MessagePane } from './MessagePane.js';
import { NewChatDialog } from './NewChatDialog.js';
import { useWindowList, type MessageFocus } from './queries.js';
import { WindowList } from './WindowList.js';

/** The message to show in a window: one found by a search. */
interface Shown extends MessageFocus {
  cId: number;
}

/** A page not shown draws no frames: past this, the open chat renders anyway. */
const FIRST_FRAME_WAIT_MS = 200;

/**
 * False until the section's first frame is painted. The open chat's first render lays its
 * messages out and measures them (forced layouts, about 100 ms on a slow machine): waiting
 * for it would keep the chat list off the screen at start, when it comes from what the
 * device kept and could show at once.
 */
function useFirstFramePainted(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    const done = () => setPainted(true);
    // A task queued from the frame's callback runs once that frame is painted.
    let afterFrame: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (afterFrame = setTimeout(done)));
    const fallback = setTimeout(done, FIRST_FRAME_WAIT_MS);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(afterFrame);
      clearTimeout(fallback);
    };
  }, []);
  return painted;
}

/** The chat section: every chat on the left, the open one on the right. */
export function ChatSection() {
  const t = useText(chatText);
  const me = useSession((s) => s.user?.id);
  const windowId = useNavigation((s) => s.windowId);
  const openWindow = useNavigation((s) => s.openWindow);
  const { windows, latest, loaded, error } = useWindowList();
  const [creating, setCreating] = useState(false);
  // On start the chat list paints first; the open chat follows in the next frame.
  const paneReady = useFirstFramePainted();
  const [shown, setShown] = useState<Shown | null>(null);
  // Another window opened some other way (a notification, the menu) opens at its latest.
  const [shownWindow, setShownWindow] = useState(windowId);
  if (windowId !== shownWindow) {
    setShownWindow(windowId);
    if (shown && shown.cId !== windowId) setShown(null);
  }
  if (me === undefined) return null;

  function show(cId: number, messageId: number) {
    setShown((previous) => ({ cId, messageId, seq: (previous?.seq ?? 0) + 1 }));
    openWindow(cId);
  }

  function open(cId: number) {
    setShown(null);
    openWindow(cId);
  }

  return (
    <div className="chat">
      <WindowList
        windows={windows}
        latest={latest}
        loaded={loaded}
        error={error && t('listFailed', { reason: error.message })}
        me={me}
        currentId={windowId}
        onOpen={open}
        onOpenResult={(result: MessageSearchResult) => show(result.cId, result.id)}
        onNewChat={() => setCreating(true)}
      />
      {windowId === null ? (
        <p className="chat-placeholder muted">{t('pickWindow')}</p>
      ) : !paneReady ? (
        <div className="chat-placeholder" />
      ) : (
        <MessagePane
          key={windowId}
          cId={windowId}
          window={windows.find((w) => w.id === windowId)}
          me={me}
          listLoaded={loaded}
          focus={shown?.cId === windowId ? shown : null}
          onFocusMessage={(messageId) => show(windowId, messageId)}
        />
      )}
      {creating && <NewChatDialog me={me} onClose={() => setCreating(false)} />}
    </div>
  );
}
