import { create } from 'zustand';
import { NotificationStatus } from '../../api/contract.js';
import { useSession } from '../../state/session.js';

/** What the inbox tells the user after an action: a result, or why it failed. */
export type Notice =
  | { kind: 'statusFailed'; title: string; reason: string }
  | { kind: 'readAllFailed'; reason: string }
  | { kind: 'markedAllRead'; count: number };

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
  setTab: (tab) => set({ tab }),
  setType: (type) => set({ type, subtype: null }),
  setSubtype: (subtype) => set({ subtype }),
  open: (openedId) => set({ openedId }),
  close: () => set({ openedId: null }),
  tell: (notice) => set({ notice }),
}));

// Another account must not find the previous one's notification open.
useSession.subscribe((session, previous) => {
  if (session.token !== previous.token) useInboxView.setState(initial);
});
