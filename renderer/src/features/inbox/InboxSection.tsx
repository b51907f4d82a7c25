import { useEffect, useId, useMemo, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { InboxCounts } from '../../api/wire.js';
import { isTyping, matchesShortcut, useDeclaredShortcuts } from '../../components/shortcuts.js';
import { useComposedTerm } from '../../components/useComposedTerm.js';
import { translator, useText } from '../../i18n/text.js';
import { useSettings } from '../../state/settings.js';
import { useInboxActions } from './inbox-actions.js';
import { useOpenedNotification } from './inbox-cache.js';
import { inboxCountsQuery } from './inbox-counts.js';
import './inbox-live.js';
import { countOf } from './inbox-model.js';
import { useInboxSearch } from './inbox-search.js';
import { useInboxView } from './inbox-store.js';
import { inboxText, kindText, typeName } from './inbox-text.js';
import { InboxNotice } from './InboxNotice.js';
import { InboxSearchResults } from './InboxSearchResults.js';
import { InboxTabs, tabId } from './InboxTabs.js';
import { NotificationDetail } from './NotificationDetail.js';
import { LIST_KEYS, NotificationList } from './NotificationList.js';
import { TypeFilter } from './TypeFilter.js';
import { TRIAGE_KEYS } from './useTriageKeys.js';
import { useNotificationList } from './useNotificationList.js';
import './inbox.css';

/** `/` goes to the search field, as in most mail and chat apps. */
const SEARCH_KEYS = '/';

function MarkAllRead({ counts, type }: { counts?: InboxCounts; type: number | null }) {
  const t = useText(inboxText);
  const k = useText(kindText);
  const { markAllRead } = useInboxActions();
  const unread = counts && (type === null ? counts.unread : (counts.byType[String(type)]?.unread ?? 0));
  return (
    <button type="button" disabled={unread === 0} onClick={() => markAllRead(type)}>
      {type === null ? t('markAllRead') : t('markAllReadOfType', { type: typeName(k, type) })}
    </button>
  );
}

/** The inbox's shortcuts for the `?` map, from the tables the keys are handled by. */
function useInboxShortcuts() {
  const language = useSettings((s) => s.language);
  useDeclaredShortcuts(
    useMemo(() => {
      const t = translator(inboxText, language);
      return [
        ...TRIAGE_KEYS.map(({ keys, label }) => ({ keys, label: t(label) })),
        ...Object.entries(LIST_KEYS).map(([keys, label]) => ({ keys, label: t(label) })),
      ];
    }, [language]),
  );
}

function SearchField({ search }: { search: ReturnType<typeof useComposedTerm> }) {
  const t = useText(inboxText);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event) || !matchesShortcut(event, SEARCH_KEYS)) return;
      event.preventDefault();
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <input
      ref={input}
      type="search"
      className="inbox-search"
      aria-label={t('search')}
      placeholder={t('searchPlaceholder')}
      aria-keyshortcuts={SEARCH_KEYS}
      {...search.field}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || search.field.value === '') return;
        // Escape empties the field first; pressed again it closes the details pane.
        event.preventDefault();
        event.nativeEvent.preventDefault();
        search.set('');
      }}
    />
  );
}

/** The notification inbox: triage work notifications by tab, type, search and keyboard, live. */
export function InboxSection() {
  const t = useText(inboxText);
  const { tab, type, subtype, close } = useInboxView();
  const opened = useOpenedNotification();
  const counts = useQuery(inboxCountsQuery).data;
  const { query, items } = useNotificationList(tab, type, subtype);
  const typed = useComposedTerm();
  const search = useInboxSearch(typed.term);
  const idPrefix = useId();
  const panelId = `${idPrefix}-panel`;
  const filtered = type !== null || subtype !== null;
  const total = !filtered && counts ? countOf(counts, tab) : null;
  useInboxShortcuts();

  return (
    <div className={opened ? 'inbox with-details' : 'inbox'}>
      <header className="inbox-header">
        <h1>{t('title')}</h1>
        <div className="inbox-search-box" role="search">
          <SearchField search={typed} />
        </div>
        <TypeFilter counts={counts} />
      </header>
      {!search.active && (
        <div className="inbox-bar">
          <InboxTabs counts={counts} idPrefix={idPrefix} panelId={panelId} />
          <MarkAllRead counts={counts} type={type} />
        </div>
      )}
      <InboxNotice />
      <div className="inbox-body">
        {search.active ? (
          <div className="inbox-panel">
            <InboxSearchResults search={search} opened={opened} />
          </div>
        ) : (
          <div className="inbox-panel" role="tabpanel" id={panelId} aria-labelledby={tabId(idPrefix, tab)}>
            <NotificationList
              key={`${tab}:${type}:${subtype}`}
              status={tab}
              items={items}
              query={query}
              filtered={filtered}
              total={total}
              opened={opened}
            />
          </div>
        )}
        {opened && <NotificationDetail notification={opened} onClose={close} />}
      </div>
      <p className="inbox-keys">
        <kbd>?</kbd> {t('allShortcuts')}
      </p>
    </div>
  );
}
