import { useSyncExternalStore } from 'react';
import { create } from 'zustand';
import { createJSONStorage, persist, type PersistStorage } from 'zustand/middleware';
import type { UserProfile } from '../api/wire.js';
import { desktop, type DesktopApi } from '../desktop-bridge.js';

interface SessionState {
  token: string | null;
  user: UserProfile | null;
  signIn(token: string, user: UserProfile): void;
  signOut(): void;
}

type SavedSession = Pick<SessionState, 'token' | 'user'>;

const STORAGE_NAME = 'messenger.session';

/**
 * In the desktop app the session is the main process's to keep (encrypted with the system
 * keychain), not the page's storage: a token in localStorage is a file any program of the
 * user can read, and it would stay behind with the old origin if the app's port changed.
 * A session an older version left in localStorage is handed over once, then erased there.
 */
function desktopStorage(bridge: DesktopApi): PersistStorage<SavedSession> {
  const legacy = createJSONStorage<SavedSession>(() => localStorage)!;
  const hand = (state: SavedSession | undefined) =>
    bridge.saveSession(state?.token && state.user ? { token: state.token, user: state.user } : null);
  return {
    async getItem() {
      try {
        const kept = await bridge.loadSession();
        if (kept) return { state: kept, version: 0 };
        const left = await legacy.getItem(STORAGE_NAME);
        if (!left?.state.token) return null;
        await hand(left.state);
        return left;
      } catch {
        return null; // the bridge failed: sign in again rather than never start
      } finally {
        void legacy.removeItem(STORAGE_NAME);
      }
    },
    setItem: (_name, { state }) => hand(state),
    removeItem: () => hand(undefined),
  };
}

/** Who is signed in; kept across reloads and launches (the token is all the server needs). */
export const useSession = create<SessionState>()(
  persist<SessionState, [], [], SavedSession>(
    (set) => ({
      token: null,
      user: null,
      signIn: (token, user) => set({ token, user }),
      signOut: () => set({ token: null, user: null }),
    }),
    {
      name: STORAGE_NAME,
      storage: desktop ? desktopStorage(desktop) : createJSONStorage<SavedSession>(() => localStorage),
      partialize: ({ token, user }) => ({ token, user }),
    },
  ),
);

/**
 * Whether the saved session has been read: at once from localStorage in a browser, after a
 * round trip to the main process in the desktop app. Until then the app shows nothing
 * rather than a sign-in screen that would flash past.
 */
export function useSessionRestored(): boolean {
  return useSyncExternalStore(useSession.persist.onFinishHydration, useSession.persist.hasHydrated);
}
