import type { NotificationStatus } from '../../api/contract.js';
import { useText } from '../../i18n/text.js';
import { inboxText } from './inbox-text.js';
import { StatusButtons } from './NotificationRow.js';

/** Shown while several notifications are selected: how many, and what can be done to all of them. */
export function SelectionBar({
  status,
  count,
  onStatus,
  onClear,
}: {
  status: NotificationStatus;
  count: number;
  onStatus: (to: NotificationStatus) => void;
  onClear: () => void;
}) {
  const t = useText(inboxText);
  return (
    <div className="inbox-selection" role="toolbar" aria-label={t('selectionActions')}>
      <span className="inbox-selection-count">{t('selectedCount', { count })}</span>
      <StatusButtons status={status} onStatus={onStatus} />
      <button type="button" onClick={onClear}>
        {t('clearSelection')}
      </button>
    </div>
  );
}
