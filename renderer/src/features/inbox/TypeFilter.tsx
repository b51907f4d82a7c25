import { NOTIFICATION_SUBTYPES, NOTIFICATION_TYPES } from '../../api/contract.js';
import type { InboxCounts } from '../../api/wire.js';
import { useText } from '../../i18n/text.js';
import { useInboxView } from './inbox-store.js';
import { inboxText, kindText, subtypeName, typeName } from './inbox-text.js';

const toFilter = (value: string) => (value === '' ? null : Number(value));

/** Type and subtype, by seed 001's names; each type says how many of it are unread. */
export function TypeFilter({ counts }: { counts?: InboxCounts }) {
  const t = useText(inboxText);
  const k = useText(kindText);
  const { type, subtype, setType, setSubtype } = useInboxView();
  const subtypes = type === null ? [] : (NOTIFICATION_SUBTYPES[type] ?? []);

  return (
    <div className="inbox-filters" role="group" aria-label={t('filters')}>
      <label>
        <span>{t('typeFilter')}</span>
        <select value={type ?? ''} onChange={(e) => setType(toFilter(e.target.value))}>
          <option value="">{t('allTypes')}</option>
          {NOTIFICATION_TYPES.map((value) => {
            const name = typeName(k, value);
            const unread = counts?.byType[String(value)]?.unread ?? 0;
            return (
              <option key={value} value={value}>
                {unread > 0 ? t('typeOption', { name, count: unread }) : name}
              </option>
            );
          })}
        </select>
      </label>
      <label>
        <span>{t('subtypeFilter')}</span>
        <select
          value={subtype ?? ''}
          disabled={subtypes.length < 2}
          onChange={(e) => setSubtype(toFilter(e.target.value))}
        >
          <option value="">{t('allSubtypes')}</option>
          {type !== null &&
            subtypes.map((value) => (
              <option key={value} value={value}>
                {subtypeName(k, type, value)}
              </option>
            ))}
        </select>
      </label>
    </div>
  );
}
