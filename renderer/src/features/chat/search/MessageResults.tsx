import { useDeferredValue, useId, useImperativeHandle, useMemo, useState, type KeyboardEvent, type Ref } from 'react';
import { useOptionElements } from '../../../components/option-elements.js';
import type { MessageSearchResult } from '../../../api/search.js';
import { useFormats, useText } from '../../../i18n/text.js';
import { windowName, type ListedWindow } from '../chat-cache.js';
import { useSenderNames } from './senders.js';
import { Snippet } from './Snippet.js';
import { useMessageSearch } from './search-queries.js';
import { searchText } from './search-text.js';

/** Results painted at once for a new term (more than a pane holds); the rest follow in a background render. */
const FIRST_RESULTS = 20;

/** Lets the chat list above move the keyboard into the results. */
export interface ResultsHandle {
  /** Focuses the first result; false when there is none. */
  focusFirst(): boolean;
}

/**
 * The "Messages" part of the chat list's search: messages containing the term in any chat,
 * newest first, each with its chat, its sender and the words around the match. A listbox:
 * the arrow keys, Home and End move, Enter opens; the up arrow on the first result goes
 * back to the chats.
 */
export function MessageResults({
  ref,
  term,
  me,
  windows,
  onOpen,
  onLeaveUp,
}: {
  ref?: Ref<ResultsHandle>;
  term: string;
  me: number;
  windows: readonly ListedWindow[];
  onOpen: (result: MessageSearchResult) => void;
  onLeaveUp: () => void;
}) {
  const t = useText(searchText);
  const formats = useFormats();
  const headingId = useId();
  const { found, searching, error } = useMessageSearch(term);
  const results = useMemo(() => found?.results ?? [], [found]);
  // A new term's first results paint in the keystroke's own render; the rest render when React is idle.
  const settled = useDeferredValue(results);
  const rendered = settled === results ? results : results.slice(0, FIRST_RESULTS);
  const byId = useMemo(() => new Map(windows.map((window) => [window.id, window])), [windows]);
  const senderOf = useSenderNames(results, byId, me);
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const options = useOptionElements();
  const tabStop = results.find((r) => r.id === focusedId)?.id ?? results[0]?.id;

  function focusAt(index: number) {
    const target = results[Math.max(0, Math.min(index, results.length - 1))];
    if (!target) return false;
    setFocusedId(target.id);
    options.focus(target.id);
    return true;
  }
  useImperativeHandle(ref, () => ({ focusFirst: () => focusAt(0) }));

  function onKey(event: KeyboardEvent, index: number, result: MessageSearchResult) {
    if (event.key === 'ArrowDown') focusAt(index + 1);
    else if (event.key === 'ArrowUp') {
      if (index === 0) onLeaveUp();
      else focusAt(index - 1);
    } else if (event.key === 'Home') focusAt(0);
    else if (event.key === 'End') focusAt(results.length - 1);
    else if (event.key === 'Enter' || event.key === ' ') onOpen(result);
    else return;
    event.preventDefault();
  }

  if (term.trim() === '') return null;
  return (
    <section className="search-results" aria-labelledby={headingId}>
      <h2 id={headingId} className="results-heading">
        {t('messages')}
      </h2>
      {error ? (
        <p className="form-error results-note" role="alert">
          {t('searchFailed', { reason: error.message })}
        </p>
      ) : (
        <p className="results-note muted" role="status">
          {!found && searching ? t('searching') : found && results.length === 0 ? t('noMessages') : ''}
        </p>
      )}
      <ul className="result-list" role="listbox" aria-labelledby={headingId} aria-busy={searching}>
        {rendered.map((result, index) => {
          const window = byId.get(result.cId);
          return (
            <li
              key={result.id}
              ref={options.ref(result.id)}
              role="option"
              tabIndex={result.id === tabStop ? 0 : -1}
              className="result-item"
              data-result-id={result.id}
              onClick={() => onOpen(result)}
              onFocus={() => setFocusedId(result.id)}
              onKeyDown={(event) => onKey(event, index, result)}
            >
              <span className="result-title">
                <span className="result-window">
                  {window ? windowName(window) : t('unknownWindow', { id: result.cId })}
                </span>
                {result.created_at && (
                  <time className="result-time" dateTime={result.created_at}>
                    {formats.when(result.created_at)}
                  </time>
                )}
              </span>
              <span className="result-snippet">
                <span className="result-sender">{t('says', { name: senderOf(result) })}</span>
                <Snippet snippet={result.snippet} highlights={result.highlights} />
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
