import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { accountsApi } from './api/accounts.js';
import { queryKeys } from './api/query-keys.js';
import type { BadgeCounts } from './api/wire.js';
import { setNotifyPort } from './notify.js';
import { useConnection } from './state/connection.js';
import { useNavigation, type Section } from './state/navigation.js';

/** What the desktop shell's preload exposes (absent in a browser). */
export interface DesktopApi {
  platform: string;
  info(): Promise<{ version: string; platform: string } | null>;
  notify(notification: { title: string; body: string; target: { id: number } | null }): void;
  setBadge(counts: BadgeCounts): void;
  getServerUrl(): Promise<string | null>;
  setServerUrl(url: string | null): Promise<boolean>;
  onOpenTarget(listener: (target: unknown) => void): () => void;
  onCommand(listener: (command: unknown) => void): () => void;
  onResume(listener: () => void): () => void;
}

export const desktop: DesktopApi | undefined = (window as { messenger?: DesktopApi }).messenger;

/** Sent when the user asks to switch chat (Ctrl/Cmd+K in the desktop menu). */
export const SWITCH_CHAT_EVENT = 'messenger:switch-chat';

const COMMAND_SECTIONS: Record<string, Section> = {
  'section-chats': 'chats',
  'section-inbox': 'inbox',
  'section-invitations': 'invitations',
  'open-settings': 'settings',
};

// Native notifications cannot carry a function across to the main process: the click
// action stays here under a number, and the main process sends the number back.
const clickActions = new Map<number, () => void>();
let nextActionId = 1;

/** In the desktop app: native notifications, the dock badge, menu commands, wake-up reconnects. */
export function useDesktopBridge() {
  const go = useNavigation((s) => s.go);
  const counts = useQuery({ queryKey: queryKeys.counts, queryFn: accountsApi.counts, enabled: !!desktop }).data;

  useEffect(() => {
    if (desktop && counts) desktop.setBadge(counts);
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
        const section = COMMAND_SECTIONS[String(command)];
        if (section) go(section);
        if (command === 'switch-chat') {
          go('chats');
          window.dispatchEvent(new Event(SWITCH_CHAT_EVENT));
        }
      }),
      desktop.onResume(() => useConnection.getState().reconnect()),
    ];
    return () => unsubscribe.forEach((stop) => stop());
  }, [go]);
}
