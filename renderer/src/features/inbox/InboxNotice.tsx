import { useEffect } from 'react';
import { useText } from '../../i18n/text.js';
import { useInboxView } from './inbox-store.js';
import { inboxText } from './inbox-text.js';

const DONE_SHOWN_MS = 5000;

/** The result of the last action: a short-lived confirmation, or a failure that stays until dismissed. */
export function InboxNotice() {
  const t = useText(inboxText);
  const notice = useInboxView((s) => s.notice);
  const tell = useInboxView((s) => s.tell);
  useEffect(() => {
    if (notice?.kind !== 'markedAllRead' && notice?.kind !== 'bulkDone') return;
    const timer = setTimeout(() => tell(null), DONE_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [notice, tell]);

  return (
    <>
      {/* Present before it has anything to say, so screen readers announce what appears in it. */}
      <div className="inbox-notice-slot" role="status">
        {notice?.kind === 'markedAllRead' && (
          <p className="inbox-notice">{t('markedAllRead', { count: notice.count })}</p>
        )}
        {notice?.kind === 'bulkDone' && (
          <p className="inbox-notice">{t(`bulkDone${notice.to}`, { count: notice.count })}</p>
        )}
      </div>
      {notice && notice.kind !== 'markedAllRead' && notice.kind !== 'bulkDone' && (
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
      )}
    </>
  );
}
