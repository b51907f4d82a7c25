/**
 * The desktop bridge: what the Electron preload exposes to the page as `window.messenger`
 * (absent in a browser). The preload implements it; the renderer calls it.
 */
import type { BadgeCounts } from './wire.js';

/** What a notification opens when clicked: the page keeps the action, only its number travels. */
export interface OpenTarget {
  id: number;
}

export interface DesktopNotification {
  title: string;
  body: string;
  target: OpenTarget | null;
}

/** Menu commands the main process sends to the page. */
export type DesktopCommand =
  'section-chats' | 'section-inbox' | 'section-invitations' | 'open-settings' | 'switch-chat';

/** The badge numbers the shell shows (a subset of the `counts` event). */
export type DesktopBadge = Pick<BadgeCounts, 'chatUnread' | 'inboxUnread' | 'inboxTodo' | 'invitationsPending'>;

export interface DesktopApi {
  platform: string;
  info(): Promise<{ version: string; platform: string } | null>;
  notify(notification: DesktopNotification): void;
  setBadge(counts: DesktopBadge): void;
  getServerUrl(): Promise<string | null>;
  setServerUrl(url: string | null): Promise<boolean>;
  onOpenTarget(listener: (target: unknown) => void): () => void;
  onCommand(listener: (command: unknown) => void): () => void;
  onResume(listener: () => void): () => void;
}
