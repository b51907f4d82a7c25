import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useText } from '../../../i18n/text.js';
import { IN_CHAT_PAUSE_MS, useMessageSearch } from './search-queries.js';
import { searchText } from './search-text.js';

/**
 * Search in the open chat (Ctrl/Cmd+F): each new set of results shows the newest match;
 * Enter or the up arrow go to the next older one, Shift+Enter or the down arrow back, round
 * and round; Escape closes and puts the focus back where it was. The position ("3 / 12")
 * is announced as it changes.
 */
export function ChatSearchBar({
  cId,
  focusRequests,
  onShow,
  onClose,
}: {
  cId: number;
  /** Goes up each time the shortcut is pressed again: the field takes the focus, its text selected. */
  focusRequests: number;
  onShow: (messageId: number) => void;
  onClose: () => void;
}) {
  const t = useText(searchText);
  const [typed, setTyped] = useState('');
  const { found, searching } = useMessageSearch(typed, { cId, pauseMs: IN_CHAT_PAUSE_MS });
  const [index, setIndex] = useState(0);
  const field = useRef<HTMLInputElement>(null);
  const [returnFocus] = useState(() => document.activeElement);

  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, [focusRequests]);

  // A new term's results: show the newest match.
  const shownTerm = useRef<string | null>(null);
  useEffect(() => {
    if (!found) shownTerm.current = null;
    if (!found || found.term === shownTerm.current) return;
    shownTerm.current = found.term;
    setIndex(0);
    const newest = found.results[0];
    if (newest) onShow(newest.id);
  }, [found, onShow]);

  const results = found?.results ?? [];
  const total = results.length;
  function move(step: 1 | -1) {
    if (total === 0) return;
    const next = (index + step + total) % total;
    setIndex(next);
    onShow(results[next]!.id);
  }

  function close() {
    onClose();
    if (returnFocus instanceof HTMLElement && returnFocus.isConnected) returnFocus.focus();
  }

  function onKey(event: KeyboardEvent) {
    if (event.key === 'Enter') move(event.shiftKey ? -1 : 1);
    else if (event.key === 'ArrowUp') move(1);
    else if (event.key === 'ArrowDown') move(-1);
    else if (event.key === 'Escape') close();
    else return;
    event.preventDefault();
  }

  const place = { index: Math.min(index, total - 1) + 1, total };
  const more = found?.more ?? false;
  return (
    <div className="chat-search" role="search" aria-label={t('inChat')}>
      <input
        ref={field}
        type="search"
        className="chat-search-field"
        aria-label={t('inChat')}
        placeholder={t('inChat')}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        onKeyDown={onKey}
      />
      <span className="chat-search-position" role="status" aria-busy={searching}>
        {found &&
          typed.trim() !== '' &&
          (total === 0 ? (
            t('noResults')
          ) : (
            <>
              <span aria-hidden="true">{t(more ? 'positionMore' : 'position', place)}</span>
              <span className="visually-hidden">{t(more ? 'positionMoreSpoken' : 'positionSpoken', place)}</span>
            </>
          ))}
      </span>
      <button
        type="button"
        className="icon-button"
        aria-label={t('earlier')}
        disabled={total < 2}
        onClick={() => move(1)}
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={t('later')}
        disabled={total < 2}
        onClick={() => move(-1)}
      >
        <span aria-hidden="true">↓</span>
      </button>
      <button type="button" className="icon-button" aria-label={t('closeSearch')} onClick={close}>
        <span aria-hidden="true">✕</span>
      </button>
    </div>
  );
}
