import { memo, useId, useMemo, type MouseEvent } from 'react';
import { NotificationStatus } from '../../api/contract.js';
import type { Notification } from '../../api/wire.js';
import { useFormats, useText } from '../../i18n/text.js';
import { inboxDate, statusOf } from './inbox-model.js';
import { inboxText, kindLabel, kindText, targetLabel } from './inbox-text.js';
import { parseTarget } from './params.js';

export const ROW_HEIGHT = 88;

export interface RowActions {
  select(notification: Notification, index: number): void;
  setStatus(notification: Notification, to: NotificationStatus): void;
  open(notification: Notification): void;
}

const ACTIONS = [
  { to: NotificationStatus.read, label: 'markRead' },
  { to: NotificationStatus.todo, label: 'markTodo' },
  { to: NotificationStatus.unread, label: 'markUnread' },
] as const;

/** The buttons to move a notification to the other two tabs. */
export function StatusButtons({
  status,
  onStatus,
  tabIndex,
}: {
  status: NotificationStatus;
  onStatus: (to: NotificationStatus) => void;
  tabIndex?: number;
}) {
  const t = useText(inboxText);
  return ACTIONS.filter(({ to }) => to !== status).map(({ to, label }) => (
    <button key={to} type="button" tabIndex={tabIndex} onClick={() => onStatus(to)}>
      {t(label)}
    </button>
  ));
}

/**
 * One notification in the feed: title, content, kind and time, with its actions. Only the
 * selected row and its buttons are in the Tab order; j/k move between rows.
 */
export const NotificationRow = memo(function NotificationRow({
  notification,
  selected,
  position,
  total,
  top,
  actions,
}: {
  notification: Notification;
  selected: boolean;
  position: number;
  total: number;
  top: number;
  actions: RowActions;
}) {
  const t = useText(inboxText);
  const k = useText(kindText);
  const { when } = useFormats();
  const id = useId();
  const status = statusOf(notification);
  const target = useMemo(() => parseTarget(notification.params), [notification.params]);
  const created = inboxDate(notification.created_at);
  const tabIndex = selected ? 0 : -1;

  function onClick(event: MouseEvent) {
    actions.select(notification, position - 1);
    // A click on the row itself opens it (seed 001: clicking a notification reads it); its buttons act alone.
    if (!(event.target as Element).closest('button')) actions.open(notification);
  }

  return (
    <article
      data-id={notification.id}
      className={`inbox-row${selected ? ' selected' : ''}${status === NotificationStatus.unread ? ' unread' : ''}`}
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
      tabIndex={tabIndex}
      aria-posinset={position}
      aria-setsize={total}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-content`}
      onClick={onClick}
    >
      {status === NotificationStatus.unread && <span className="inbox-dot" aria-hidden="true" />}
      <div className="inbox-row-top">
        <h3 id={`${id}-title`} className="inbox-row-title">
          {notification.title}
        </h3>
        {created && <time dateTime={created}>{when(created)}</time>}
      </div>
      <p id={`${id}-content`} className="inbox-row-content" title={notification.content}>
        {notification.content}
      </p>
      <div className="inbox-row-foot">
        <span className="inbox-kind">{kindLabel(k, notification.type, notification.subtype)}</span>
        <div className="inbox-row-actions">
          <StatusButtons status={status} onStatus={(to) => actions.setStatus(notification, to)} tabIndex={tabIndex} />
          {target && (
            <button type="button" className="inbox-open" tabIndex={tabIndex} onClick={() => actions.open(notification)}>
              {t('open', { target: targetLabel(t, target.ref) })}
            </button>
          )}
        </div>
      </div>
    </article>
  );
});
