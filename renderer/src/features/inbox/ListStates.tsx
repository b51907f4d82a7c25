import type { NotificationStatus } from '../../api/contract.js';
import { commonText } from '../../components/common-text.js';
import { useText } from '../../i18n/text.js';
import { inboxText } from './inbox-text.js';

export function ListLoading() {
  const common = useText(commonText);
  return (
    <p className="empty-state" role="status">
      {common('loading')}
    </p>
  );
}

export function ListFailed({ reason, retry }: { reason: string; retry: () => void }) {
  const common = useText(commonText);
  return (
    <div className="empty-state inbox-error" role="alert">
      <p>{common('loadFailed', { reason })}</p>
      <button type="button" onClick={retry}>
        {common('retry')}
      </button>
    </div>
  );
}

/** What an empty tab says: that it is empty, and (unfiltered) how notifications get there. */
export function ListEmpty({ status, filtered }: { status: NotificationStatus; filtered: boolean }) {
  const t = useText(inboxText);
  return (
    <div className="empty-state inbox-empty" role="status">
      <p className="inbox-empty-title">{t(filtered ? `emptyFiltered${status}` : `empty${status}`)}</p>
      {!filtered && <p>{t(`emptyHint${status}`)}</p>}
    </div>
  );
}

/** The row after the last loaded one: the next page on its way, or why it did not come. */
export function MoreRow({ top, failure, retry }: { top: number; failure: string | null; retry: () => void }) {
  const t = useText(inboxText);
  const common = useText(commonText);
  return (
    <div className="inbox-more" style={{ transform: `translateY(${top}px)` }}>
      {failure === null ? (
        <span role="status">{t('loadingMore')}</span>
      ) : (
        <div role="alert">
          <span>{t('loadMoreFailed', { reason: failure })}</span>
          <button type="button" onClick={retry}>
            {common('retry')}
          </button>
        </div>
      )}
    </div>
  );
}
