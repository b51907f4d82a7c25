import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { badgeTotal } from '../../api/contract.js';
import { useText } from '../../i18n/text.js';
import { badgeCountsQuery } from '../../realtime/badge-counts.js';
import type { Section } from '../../state/navigation.js';
import { shellText } from './shell-text.js';

/**
 * The window's title names the current section, after what waits ("(3) Chats"): the
 * taskbar, the window switcher and a browser tab then tell the user without a look inside.
 * The page's own title comes back when the shell goes (signing out).
 */
export function useWindowTitle(section: Section) {
  const t = useText(shellText);
  const counts = useQuery(badgeCountsQuery).data;
  const total = counts ? badgeTotal(counts) : 0;
  const title = total > 0 ? t('titleWaiting', { count: total, section: t(section) }) : t(section);

  useEffect(() => {
    const before = document.title;
    return () => {
      document.title = before;
    };
  }, []);
  useEffect(() => {
    document.title = title;
  }, [title]);
}
