import { useEffect } from 'react';
import { useSettings } from './state/settings.js';

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

/** Applies the chosen theme (following the system's while "system" is chosen) and the language. */
export function useThemeAndLanguage() {
  const theme = useSettings((s) => s.theme);
  const language = useSettings((s) => s.language);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  useEffect(() => {
    const apply = () => {
      const dark = theme === 'dark' || (theme === 'system' && darkQuery().matches);
      document.documentElement.dataset.theme = dark ? 'dark' : 'light';
    };
    apply();
    if (theme !== 'system') return;
    const query = darkQuery();
    query.addEventListener('change', apply);
    return () => query.removeEventListener('change', apply);
  }, [theme]);
}
