import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { DesktopApi, DesktopCommand } from '../../embedded-server/src/contract/desktop.js';
import { badgeCountsQuery } from './realtime/badge-counts.js';
import { setNotifyPort } from './notify.js';
import { useConnection } from './state/connection.js';
import { useNavigation, type Section } from './state/navigation.js';

export type { DesktopApi };

/** What the desktop shell's preload exposes (absent in a browser). */
export const desktop: DesktopApi | undefined = (window as { messenger?: DesktopApi }).messenger;

/** Sent when the user asks to switch chat (Ctrl/Cmd+K in the desktop menu). */
export const SWITCH_CHAT_EVENT = 'messenger:switch-chat';

/** Where each menu command takes the user. */
const COMMAND_SECTIONS: Record<DesktopCommand, Section> = {
  'section-chats': 'chats',
  'section-inbox': 'inbox',
  'section-invitations': 'invitations',
  'open-settings': 'settings',
  'switch-chat': 'chats',
};

// The command comes over IPC: only a known name counts (not, say, 'toString').
function isCommand(command: unknown): command is DesktopCommand {
  return typeof command === 'string' && Object.hasOwn(COMMAND_SECTIONS, command);
}

// Native notifications cannot carry a function across to the main process: the click
// action stays here under a number, and the main process sends the number back.
const clickActions = new Map<number, () => void>();
let nextActionId = 1;

/** In the desktop app: native notifications, the dock badge, menu commands, wake-up reconnects. */
export function useDesktopBridge() {
  const go = useNavigation((s) => s.go);
  const counts = useQuery({ ...badgeCountsQuery, enabled: !!desktop }).data;

  useEffect(() => {
    if (!desktop || !counts) return;
    // Only the badge's numbers cross to the shell, not the inbox's counters nor the windows.
    const { chatUnread, inboxUnread, inboxTodo, invitationsPending } = counts;
    desktop.setBadge({ chatUnread, inboxUnread, inboxTodo, invitationsPending });
  }, [counts]);

  useEffect(() => {
    if (!desktop) return;
    setNotifyPort({
      show({ title, body, onClick }) {
        let target = null;
        if (onClick) {
          target = { id: nextActionId++ };
          clickActions.set(target.id, onClick);
          if (clickActions.size > 200) clickActions.delete(clickActions.keys().next().value!);
        }
        desktop!.notify({ title, body, target });
      },
    });
    const unsubscribe = [
      desktop.onOpenTarget((target) => {
        const id = (target as { id?: number } | null)?.id;
        if (id !== undefined) clickActions.get(id)?.();
      }),
      desktop.onCommand((command) => {
        if (!isCommand(command)) return;
        go(COMMAND_SECTIONS[command]);
        if (command === 'switch-chat') window.dispatchEvent(new Event(SWITCH_CHAT_EVENT));
      }),
      desktop.onResume(() => useConnection.getState().reconnect()),
    ];
    return () => unsubscribe.forEach((stop) => stop());
  }, [go]);
}
