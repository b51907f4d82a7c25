import { create } from 'zustand';
import type { InboxStatus } from '../../api/inbox.js';
import type { Notification } from '../../api/wire.js';
import { useSession } from '../../state/session.js';
import { Status } from './inbox-model.js';

/** What the inbox tells the user after an action: a result, or why it failed. */
export type Notice =
  | { kind: 'statusFailed'; title: string; reason: string }
  | { kind: 'readAllFailed'; reason: string }
  | { kind: 'markedAllRead'; count: number };

interface InboxView {
  tab: InboxStatus;
  type: number | null;
  subtype: number | null;
  /** The notification shown in the details pane (kept even after it leaves the list). */
  opened: Notification | null;
  notice: Notice | null;
  setTab(tab: InboxStatus): void;
  setType(type: number | null): void;
  setSubtype(subtype: number | null): void;
  open(notification: Notification): void;
  close(): void;
  /** Keeps the details pane in step with changes made elsewhere. */
  refreshOpened(notification: Notification): void;
  tell(notice: Notice | null): void;
}

const initial = { tab: Status.unread, type: null, subtype: null, opened: null, notice: null } as const;

/** The inbox's view state: which tab and filter, what is open, what to tell the user. */
export const useInboxView = create<InboxView>()((set) => ({
  ...initial,
  setTab: (tab) => set({ tab }),
  setType: (type) => set({ type, subtype: null }),
  setSubtype: (subtype) => set({ subtype }),
  open: (opened) => set({ opened }),
  close: () => set({ opened: null }),
  refreshOpened: (notification) =>
    set((state) => (state.opened?.id === notification.id ? { opened: notification } : state)),
  tell: (notice) => set({ notice }),
}));

// Another account must not find the previous one's notification open.
useSession.subscribe((session, previous) => {
  if (session.token !== previous.token) useInboxView.setState(initial);
});
