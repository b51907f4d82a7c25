import { useState, type KeyboardEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { NotificationStatus } from '../../api/contract.js';
import type { Notification } from '../../api/wire.js';
import { commonText } from '../../components/common-text.js';
import { useOptionElements } from '../../components/option-elements.js';
import { useFormats, useText } from '../../i18n/text.js';
import { Snippet } from '../chat/search/Snippet.js';
import { useInboxActions } from './inbox-actions.js';
import { loadNotification } from './inbox-cache.js';
import { inboxDate } from './inbox-model.js';
import type { FoundNotification, useInboxSearch } from './inbox-search.js';
import { inboxText, kindText, typeName } from './inbox-text.js';

/**
 * The notifications a search found, newest first, in every tab: a listbox whose options
 * open in the details pane (and, like any opening, read an unread one).
 */
export function InboxSearchResults({
  search,
  opened,
}: {
  search: ReturnType<typeof useInboxSearch>;
  /** The notification in the details pane: its status is newer than the search's (opening reads it). */
  opened: Notification | undefined;
}) {
  const openedId = opened?.id ?? null;
  const t = useText(inboxText);
  const k = useText(kindText);
  const common = useText(commonText);
  const { when } = useFormats();
  const queryClient = useQueryClient();
  const { open } = useInboxActions();
  const options = useOptionElements();
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const results = search.results ?? [];

  async function openResult(result: FoundNotification) {
    setFocusedId(result.id);
    setFailure(null);
    try {
      const notification = await loadNotification(queryClient, result);
      if (notification) open(notification);
      else setFailure(t('searchGone'));
    } catch (error) {
      setFailure(common('loadFailed', { reason: error instanceof Error ? error.message : String(error) }));
    }
  }

  function focusAt(at: number) {
    const result = results[Math.max(0, Math.min(results.length - 1, at))];
    if (!result) return;
    setFocusedId(result.id);
    options.focus(result.id);
  }

  function onKeyDown(event: KeyboardEvent, at: number, result: FoundNotification) {
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowUp: at - 1,
      j: at + 1,
      k: at - 1,
      Home: 0,
      End: results.length - 1,
    };
    if (event.key === 'Enter' || event.key === ' ') void openResult(result);
    else if (moves[event.key] !== undefined) focusAt(moves[event.key]!);
    else return;
    event.preventDefault();
  }

  if (search.error)
    return (
      <p className="empty-state" role="alert">
        {common('loadFailed', { reason: search.error.message })}
      </p>
    );
  if (!search.results)
    return (
      <p className="empty-state" role="status">
        {t('searching')}
      </p>
    );
  const tabStop =
    results.find((r) => r.id === focusedId)?.id ?? results.find((r) => r.id === openedId)?.id ?? results[0]?.id;

  return (
    <div className="inbox-scroll inbox-search-results" aria-busy={search.searching}>
      <p className="inbox-search-count" role="status">
        {results.length === 0 ? t('searchNothing') : t('searchFound', { count: results.length })}
      </p>
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
      {results.length > 0 && (
        <ul role="listbox" aria-label={t('searchResults')}>
          {results.map((result, at) => {
            const created = inboxDate(result.created_at);
            return (
              <li
                key={result.id}
                ref={options.ref(result.id)}
                role="option"
                aria-selected={result.id === openedId}
                tabIndex={result.id === tabStop ? 0 : -1}
                className={`inbox-result${result.id === openedId ? ' selected' : ''}`}
                onClick={() => void openResult(result)}
                onKeyDown={(event) => onKeyDown(event, at, result)}
                onFocus={() => setFocusedId(result.id)}
              >
                <span className="inbox-row-top">
                  <span className="inbox-row-title">{result.title}</span>
                  {created && <time dateTime={created}>{when(created)}</time>}
                </span>
                <span className="inbox-row-content">
                  <Snippet snippet={result.snippet} highlights={result.highlights} />
                </span>
                <span className="inbox-kind">
                  {typeName(k, result.type)} ·{' '}
                  {t(`tab${Number(result.id === openedId ? opened!.status : result.status) as NotificationStatus}`)}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
