/**
 * The desktop bridge: what the Electron preload exposes to the page as `window.messenger`
 * (absent in a browser). The preload implements it; the renderer calls it.
 */
import type { BadgeCounts, SignedInWire } from './wire.js';

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

/**
 * One number for the dock, the taskbar and the window title: what waits for the user —
 * unread chats, unread notifications, invitations to answer (todo items are already triaged).
 */
export function badgeTotal(counts: DesktopBadge): number {
  const total = counts.chatUnread + counts.inboxUnread + counts.invitationsPending;
  return Number.isFinite(total) && total > 0 ? Math.floor(total) : 0;
}

/**
 * What became of a request to change the server: the app restarts on the new one, the user
 * said no in the confirmation, the address is not a web address, or it is plain `http:`
 * beyond this computer (anyone on the way could read and change the traffic).
 */
export type ServerChangeAnswer = 'restarting' | 'cancelled' | 'invalid' | 'insecure';

export interface DesktopApi {
  platform: string;
  info(): Promise<{ version: string; platform: string } | null>;
  notify(notification: DesktopNotification): void;
  setBadge(counts: DesktopBadge): void;
  getServerUrl(): Promise<string | null>;
  /** Asks the main process to switch servers; it confirms with the user in a native dialog first. */
  setServerUrl(url: string | null): Promise<ServerChangeAnswer>;
  /** The signed-in session the main process keeps (encrypted with the system keychain), or null. */
  loadSession(): Promise<SignedInWire | null>;
  /** Hands the session over on sign-in, or null on sign-out. */
  saveSession(session: SignedInWire | null): Promise<void>;
  onOpenTarget(listener: (target: unknown) => void): () => void;
  onCommand(listener: (command: unknown) => void): () => void;
  onResume(listener: () => void): () => void;
}
