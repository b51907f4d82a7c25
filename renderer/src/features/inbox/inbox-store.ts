import { create } from 'zustand';
import { NotificationStatus } from '../../api/contract.js';
import { useSession } from '../../state/session.js';

/** Why an inbox action failed (what succeeded is told by the undo toast, which can take it back). */
export type Notice =
  | { kind: 'statusFailed'; title: string; reason: string }
  | { kind: 'readAllFailed'; reason: string }
  | { kind: 'bulkFailed'; to: NotificationStatus; failed: number; count: number; reason: string };

interface InboxView {
  tab: NotificationStatus;
  type: number | null;
  subtype: number | null;
  /** The id of the notification shown in the details pane; its state is the query cache's. */
  openedId: number | null;
  notice: Notice | null;
  setTab(tab: NotificationStatus): void;
  setType(type: number | null): void;
  setSubtype(subtype: number | null): void;
  open(id: number): void;
  close(): void;
  tell(notice: Notice | null): void;
}

const initial = { tab: NotificationStatus.unread, type: null, subtype: null, openedId: null, notice: null } as const;

/** The inbox's view state: which tab and filter, what is open, what to tell the user. */
export const useInboxView = create<InboxView>()((set) => ({
  ...initial,
  // Another list is another selection: what the pane showed is closed with the list it was selected in.
  setTab: (tab) => set({ tab, openedId: null }),
  setType: (type) => set({ type, subtype: null, openedId: null }),
  setSubtype: (subtype) => set({ subtype, openedId: null }),
  open: (openedId) => set({ openedId }),
  close: () => set({ openedId: null }),
  tell: (notice) => set({ notice }),
}));

// Another account must not find the previous one's notification open.
useSession.subscribe((session, previous) => {
  if (session.token !== previous.token) useInboxView.setState(initial);
});
