import { useEffect } from 'react';
import type { Notification } from '../../api/wire.js';
import { commonText } from '../../components/common-text.js';
import { useFormats, useText } from '../../i18n/text.js';
import { useInboxActions } from './inbox-actions.js';
import { inboxDate, statusOf } from './inbox-model.js';
import { inboxText, kindLabel, kindText } from './inbox-text.js';
import { StatusButtons } from './NotificationRow.js';
import { parseTarget } from './params.js';
import { TargetSection } from './TargetSection.js';

/** Escape closes the pane, unless it is closing something the user is typing in. */
function useEscape(onEscape: () => void) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (event.target instanceof Element && event.target.closest('input, textarea, select')) return;
      onEscape();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onEscape]);
}

/** The opened notification in full: its whole text, times, and what it refers to. */
export function NotificationDetail({ notification, onClose }: { notification: Notification; onClose: () => void }) {
  const t = useText(inboxText);
  const k = useText(kindText);
  const common = useText(commonText);
  const { day, time } = useFormats();
  const { changeStatus } = useInboxActions();
  useEscape(onClose);
  const status = statusOf(notification);
  const target = parseTarget(notification.params);
  const created = inboxDate(notification.created_at);
  const changed = inboxDate(notification.updated_at);
  const at = (iso: string) => `${day(iso)} ${time(iso)}`;

  return (
    <aside className="inbox-details" aria-label={t('details')}>
      <div className="inbox-details-head">
        <span className="inbox-kind">{kindLabel(k, notification.type, notification.subtype)}</span>
        <button type="button" onClick={onClose} aria-keyshortcuts="Escape">
          {common('close')}
        </button>
      </div>
      <h2>{notification.title}</h2>
      <dl className="inbox-details-meta">
        <div>
          <dt>{t('state')}</dt>
          <dd>{t(`tab${status}`)}</dd>
        </div>
        {created && (
          <div>
            <dt>{t('received')}</dt>
            <dd>
              <time dateTime={created}>{at(created)}</time>
            </dd>
          </div>
        )}
        {changed && (
          <div>
            <dt>{t('changed')}</dt>
            <dd>
              <time dateTime={changed}>{at(changed)}</time>
            </dd>
          </div>
        )}
      </dl>
      <p className="inbox-details-content">{notification.content}</p>
      {target && <TargetSection key={notification.id} target={target} />}
      <div className="inbox-details-actions">
        <StatusButtons status={status} onStatus={(to) => changeStatus(notification, to)} />
      </div>
    </aside>
  );
}
