import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { InboxCounts } from '../../api/wire.js';
import { useText } from '../../i18n/text.js';
import { useInboxActions } from './inbox-actions.js';
import { useOpenedNotification } from './inbox-cache.js';
import { inboxCountsQuery } from './inbox-counts.js';
import './inbox-live.js';
import { countOf } from './inbox-model.js';
import { useInboxView } from './inbox-store.js';
import { inboxText, kindText, typeName } from './inbox-text.js';
import { InboxNotice } from './InboxNotice.js';
import { InboxTabs, tabId } from './InboxTabs.js';
import { NotificationDetail } from './NotificationDetail.js';
import { NotificationList } from './NotificationList.js';
import { TypeFilter } from './TypeFilter.js';
import { useNotificationList } from './useNotificationList.js';
import './inbox.css';

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

function ShortcutHint() {
  const t = useText(inboxText);
  return (
    <p className="inbox-keys">
      <span className="visually-hidden">{t('shortcuts')}: </span>
      <kbd>j</kbd>/<kbd>k</kbd> {t('keyMove')} · <kbd>Shift+I</kbd> {t('keyRead')} · <kbd>Shift+U</kbd> {t('keyUnread')}{' '}
      · <kbd>t</kbd> {t('keyTodo')} · <kbd>Enter</kbd> {t('keyOpen')}
    </p>
  );
}

/** The notification inbox: triage work notifications by tab, type and keyboard, live. */
export function InboxSection() {
  const t = useText(inboxText);
  const { tab, type, subtype, close } = useInboxView();
  const opened = useOpenedNotification();
  const counts = useQuery(inboxCountsQuery).data;
  const { query, items } = useNotificationList(tab, type, subtype);
  const idPrefix = useId();
  const panelId = `${idPrefix}-panel`;
  const filtered = type !== null || subtype !== null;
  const total = !filtered && counts ? countOf(counts, tab) : null;

  return (
    <div className={opened ? 'inbox with-details' : 'inbox'}>
      <header className="inbox-header">
        <h1>{t('title')}</h1>
        <TypeFilter counts={counts} />
      </header>
      <div className="inbox-bar">
        <InboxTabs counts={counts} idPrefix={idPrefix} panelId={panelId} />
        <MarkAllRead counts={counts} type={type} />
      </div>
      <InboxNotice />
      <div className="inbox-body">
        <div className="inbox-panel" role="tabpanel" id={panelId} aria-labelledby={tabId(idPrefix, tab)}>
          <NotificationList
            key={`${tab}:${type}:${subtype}`}
            status={tab}
            items={items}
            query={query}
            filtered={filtered}
            total={total}
          />
        </div>
        {opened && <NotificationDetail notification={opened} onClose={close} />}
      </div>
      <ShortcutHint />
    </div>
  );
}
