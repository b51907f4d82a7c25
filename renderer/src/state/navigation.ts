import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type Section = 'chats' | 'inbox' | 'invitations' | 'projects' | 'settings';

interface NavigationState {
  section: Section;
  /** The open chat window, if any. */
  windowId: number | null;
  /** The project shown in the projects section, if any. */
  projectId: string | null;
  go(section: Section): void;
  openWindow(windowId: number): void;
  openProject(projectId: string): void;
}

/** Where the user is in the app; kept across reloads. */
export const useNavigation = create<NavigationState>()(
  persist(
    (set) => ({
      section: 'chats',
      windowId: null,
      projectId: null,
      go: (section) => set({ section }),
      openWindow: (windowId) => set({ section: 'chats', windowId }),
      openProject: (projectId) => set({ section: 'projects', projectId }),
    }),
    { name: 'messenger.navigation' },
  ),
);
