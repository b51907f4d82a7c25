import { memo, useId, type MouseEvent } from 'react';
import { NotificationStatus } from '../../api/contract.js';
import type { Notification } from '../../api/wire.js';
import { useFormats, useText } from '../../i18n/text.js';
import { inboxDate, statusOf } from './inbox-model.js';
import { inboxText, kindLabel, kindText } from './inbox-text.js';

export const ROW_HEIGHT = 76;

/** How a click chose: alone, a range from the anchor (Shift), or one more or less (Ctrl/⌘). */
export type ClickKind = 'alone' | 'range' | 'toggle';

export interface RowActions {
  click(notification: Notification, at: number, kind: ClickKind): void;
}

const ACTIONS = [
  { to: NotificationStatus.read, label: 'markRead' },
  { to: NotificationStatus.todo, label: 'markTodo' },
  { to: NotificationStatus.unread, label: 'markUnread' },
] as const;

/** The buttons to move a notification (or the selection) to the other tabs. */
export function StatusButtons({
  status,
  onStatus,
}: {
  /** The tab they are in: no button leads there. */
  status: NotificationStatus;
  onStatus: (to: NotificationStatus) => void;
}) {
  const t = useText(inboxText);
  return ACTIONS.filter(({ to }) => to !== status).map(({ to, label }) => (
    <button key={to} type="button" onClick={() => onStatus(to)}>
      {t(label)}
    </button>
  ));
}

const clickKind = (event: MouseEvent): ClickKind =>
  event.shiftKey ? 'range' : event.ctrlKey || event.metaKey ? 'toggle' : 'alone';

/**
 * One notification in the list: title, content, kind and time. An option of a listbox holds
 * no buttons: what is done to it is done by keys, the details pane, and the selection bar.
 * Only the focused row is in the Tab order; j/k and the arrows move between rows.
 */
export const NotificationRow = memo(function NotificationRow({
  notification,
  at,
  selected,
  focused,
  position,
  total,
  top,
  actions,
}: {
  notification: Notification;
  at: number;
  selected: boolean;
  focused: boolean;
  position: number;
  total: number;
  top: number;
  actions: RowActions;
}) {
  const k = useText(kindText);
  const { when } = useFormats();
  const id = useId();
  const status = statusOf(notification);
  const created = inboxDate(notification.created_at);

  return (
    <div
      role="option"
      data-id={notification.id}
      className={`inbox-row${selected ? ' selected' : ''}${focused ? ' focused' : ''}${status === NotificationStatus.unread ? ' unread' : ''}`}
      style={{ height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
      tabIndex={focused ? 0 : -1}
      aria-selected={selected}
      aria-posinset={position}
      aria-setsize={total}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-content`}
      onMouseDown={(event) => {
        // Shift+click would otherwise select the text between the two rows.
        if (event.shiftKey) event.preventDefault();
      }}
      onClick={(event) => actions.click(notification, at, clickKind(event))}
    >
      {status === NotificationStatus.unread && <span className="inbox-dot" aria-hidden="true" />}
      <div className="inbox-row-top">
        <span id={`${id}-title`} className="inbox-row-title">
          {notification.title}
        </span>
        {created && <time dateTime={created}>{when(created)}</time>}
      </div>
      <p id={`${id}-content`} className="inbox-row-content" title={notification.content}>
        {notification.content}
      </p>
      <span className="inbox-kind">{kindLabel(k, notification.type, notification.subtype)}</span>
    </div>
  );
});
