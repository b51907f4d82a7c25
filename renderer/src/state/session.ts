import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { UserProfile } from '../api/wire.js';

interface SessionState {
  token: string | null;
  user: UserProfile | null;
  signIn(token: string, user: UserProfile): void;
  signOut(): void;
}

/** Who is signed in; kept across reloads (the token is all the server needs). */
export const useSession = create<SessionState>()(
  persist(
    (set) => ({
      token: null,
      user: null,
      signIn: (token, user) => set({ token, user }),
      signOut: () => set({ token: null, user: null }),
    }),
    { name: 'messenger.session' },
  ),
);
