import { create } from 'zustand';
import { persist } from 'zustand/middleware';

interface DraftsState {
  /** Unsent text by `userId:windowId`: window ids are shared by both sides of a chat on one device. */
  drafts: Record<string, string>;
  setDraft(userId: number, windowId: number, text: string): void;
}

export const draftKey = (userId: number, windowId: number) => `${userId}:${windowId}`;

/** What the user typed but did not send, per window; kept across reloads on this device. */
export const useDrafts = create<DraftsState>()(
  persist(
    (set) => ({
      drafts: {},
      setDraft: (userId, windowId, text) =>
        set(({ drafts }) => {
          const key = draftKey(userId, windowId);
          const others = Object.fromEntries(Object.entries(drafts).filter(([k]) => k !== key));
          return { drafts: text === '' ? others : { ...others, [key]: text } };
        }),
    }),
    { name: 'messenger.chat-drafts' },
  ),
);

export function useDraft(userId: number, windowId: number): string {
  return useDrafts((s) => s.drafts[draftKey(userId, windowId)] ?? '');
}
