import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type Language = 'zh-CN' | 'en';
export type ThemeChoice = 'system' | 'light' | 'dark';

interface SettingsState {
  language: Language;
  theme: ThemeChoice;
  notifications: boolean;
  setLanguage(language: Language): void;
  setTheme(theme: ThemeChoice): void;
  setNotifications(on: boolean): void;
}

/** The language the system prefers, if we speak it; English otherwise. */
export function systemLanguage(languages: readonly string[] = navigator.languages): Language {
  return languages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

/** The user's settings, persisted on this device. */
export const useSettings = create<SettingsState>()(
  persist(
    (set) => ({
      language: systemLanguage(),
      theme: 'system',
      notifications: true,
      setLanguage: (language) => set({ language }),
      setTheme: (theme) => set({ theme }),
      setNotifications: (notifications) => set({ notifications }),
    }),
    { name: 'messenger.settings' },
  ),
);
