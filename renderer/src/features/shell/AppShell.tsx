import { useEffect, useMemo, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { DesktopBadge } from '../../../../embedded-server/src/contract/desktop.js';
import { Badge } from '../../components/Badge.js';
import { SectionIcon } from '../../components/SectionIcon.js';
import { ConnectionBanner } from '../../components/ConnectionBanner.js';
import { UndoToast } from '../../components/UndoToast.js';
import { badgeCountsQuery } from '../../realtime/badge-counts.js';
import { useNavigation, type Section } from '../../state/navigation.js';
import { useDesktopBridge } from '../../desktop-bridge.js';
import { translator, useText } from '../../i18n/text.js';
import { useSettings } from '../../state/settings.js';
import { shellText } from './shell-text.js';
import { useWindowTitle } from './useWindowTitle.js';
import { MAP_KEYS, ShortcutMap } from './ShortcutMap.js';
import { useDeclaredShortcuts } from '../../components/shortcuts.js';
import { ChatSection } from '../chat/ChatSection.js';
import { InboxSection } from '../inbox/InboxSection.js';
import { InvitationsSection } from '../invitations/InvitationsSection.js';
import { ProjectsSection } from '../projects/ProjectsSection.js';
import { SettingsSection } from '../settings/SettingsSection.js';

const SECTIONS: { id: Section; badge?: keyof DesktopBadge }[] = [
  { id: 'chats', badge: 'chatUnread' },
  { id: 'inbox', badge: 'inboxUnread' },
  { id: 'invitations', badge: 'invitationsPending' },
  { id: 'projects' },
  { id: 'settings' },
];

const CONTENT: Record<Section, () => ReactNode> = {
  chats: () => <ChatSection />,
  inbox: () => <InboxSection />,
  invitations: () => <InvitationsSection />,
  projects: () => <ProjectsSection />,
  settings: () => <SettingsSection />,
};

/** Ctrl/Cmd + 1…5 switch sections, as the desktop menu does. */
function useSectionShortcuts(go: (section: Section) => void) {
  const language = useSettings((s) => s.language);
  useDeclaredShortcuts(
    useMemo(() => {
      const t = translator(shellText, language);
      return [
        ...SECTIONS.map(({ id }, index) => ({
          keys: `Control+${index + 1} Meta+${index + 1}`,
          label: t('goTo', { section: t(id) }),
        })),
        { keys: MAP_KEYS, label: t('showMap') },
      ];
    }, [language]),
  );
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const index = Number(event.key) - 1;
      const section = SECTIONS[index];
      if (!section) return;
      event.preventDefault();
      go(section.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);
}

/** The signed-in app: the section rail with live badges, and the current section. */
export function AppShell() {
  const t = useText(shellText);
  const section = useNavigation((s) => s.section);
  const go = useNavigation((s) => s.go);
  const counts = useQuery(badgeCountsQuery).data;
  useSectionShortcuts(go);
  useDesktopBridge();
  useWindowTitle(section);

  return (
    <div className="shell">
      <nav className="rail" aria-label={t('sections')}>
        <ul>
          {SECTIONS.map(({ id, badge }) => {
            const count = badge && counts ? counts[badge] : 0;
            return (
              <li key={id}>
                <button
                  type="button"
                  className={section === id ? 'rail-item current' : 'rail-item'}
                  aria-current={section === id ? 'page' : undefined}
                  onClick={() => go(id)}
                >
                  <span className="rail-icon">
                    <SectionIcon section={id} />
                  </span>
                  <span className="rail-label">{t(id)}</span>
                  <Badge count={count} label={t('unreadCount', { count })} />
                </button>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="content">
        <ConnectionBanner />
        <main className="section" aria-label={t(section)}>
          {CONTENT[section]()}
        </main>
      </div>
      <UndoToast />
      <ShortcutMap />
    </div>
  );
}
