import { useRef, type KeyboardEvent } from 'react';
import type { NotificationStatus } from '../../api/contract.js';
import type { InboxCounts } from '../../api/wire.js';
import { useText } from '../../i18n/text.js';
import { useSettings } from '../../state/settings.js';
import { countOf, TABS } from './inbox-model.js';
import { useInboxView } from './inbox-store.js';
import { inboxText } from './inbox-text.js';

export const tabId = (prefix: string, status: NotificationStatus) => `${prefix}-tab-${status}`;

/** Unread / Todo / Read with their live counts; arrow keys move between them (the tabs pattern). */
export function InboxTabs({ counts, idPrefix, panelId }: { counts?: InboxCounts; idPrefix: string; panelId: string }) {
  const t = useText(inboxText);
  const language = useSettings((s) => s.language);
  const tab = useInboxView((s) => s.tab);
  const setTab = useInboxView((s) => s.setTab);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(event: KeyboardEvent) {
    const at = TABS.indexOf(tab);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: TABS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const index = (next + TABS.length) % TABS.length;
    setTab(TABS[index]!);
    buttons.current[index]?.focus();
  }

  return (
    <div className="inbox-tabs" role="tablist" aria-label={t('tabs')} onKeyDown={onKeyDown}>
      {TABS.map((status, index) => {
        const name = t(`tab${status}`);
        const count = counts ? countOf(counts, status) : null;
        return (
          <button
            key={status}
            ref={(button) => {
              buttons.current[index] = button;
            }}
            type="button"
            role="tab"
            id={tabId(idPrefix, status)}
            aria-controls={panelId}
            aria-selected={tab === status}
            tabIndex={tab === status ? 0 : -1}
            aria-label={count === null ? name : t('tabWithCount', { name, count })}
            className={tab === status ? 'selected' : ''}
            onClick={() => setTab(status)}
          >
            <span>{name}</span>
            {count !== null && <span className="inbox-tab-count">{count.toLocaleString(language)}</span>}
          </button>
        );
      })}
    </div>
  );
}
