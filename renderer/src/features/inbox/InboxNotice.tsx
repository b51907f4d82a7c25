import { useText } from '../../i18n/text.js';
import { useInboxView } from './inbox-store.js';
import { inboxText } from './inbox-text.js';

/** Why the last action failed: it stays until dismissed. (Success is told by the undo toast.) */
export function InboxNotice() {
  const t = useText(inboxText);
  const notice = useInboxView((s) => s.notice);
  const tell = useInboxView((s) => s.tell);
  if (!notice) return null;
  return (
    <div className="inbox-notice failed" role="alert">
      <span>
        {notice.kind === 'statusFailed'
          ? t('statusFailed', { title: notice.title, reason: notice.reason })
          : notice.kind === 'bulkFailed'
            ? t('bulkFailed', { failed: notice.failed, count: notice.count, reason: notice.reason })
            : t('readAllFailed', { reason: notice.reason })}
      </span>
      <button type="button" onClick={() => tell(null)}>
        {t('dismiss')}
      </button>
    </div>
  );
}
