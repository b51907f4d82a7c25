import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useOptionElements } from '../../components/option-elements.js';
import { useComposedTerm } from '../../components/useComposedTerm.js';
import type { MessageSearchResult } from '../../api/search.js';
import { SWITCH_CHAT_EVENT } from '../../desktop-bridge.js';
import { Avatar } from '../../components/Avatar.js';
import { Badge } from '../../components/Badge.js';
import { useFormats, useText, type Translate } from '../../i18n/text.js';
import { windowName, type ListedWindow } from './chat-cache.js';
import type { UserCard } from '../../api/wire.js';
import { chatText, type ChatTextKey } from './chat-text.js';
import type { CachedMessage } from './history.js';
import { actionsText, type ActionsTextKey } from './message-actions-text.js';
import { noticeText } from './MessageParts.js';
import { usePeopleOfWindows } from './people.js';
import { MessageResults, type ResultsHandle } from './search/MessageResults.js';
import { summary } from './summary.js';

interface PreviewWords {
  t: Translate<ChatTextKey>;
  ta: Translate<ActionsTextKey>;
  people: Map<number, UserCard>;
}

/** Chats shown while a search is typed, above the messages found (the rest on request). */
const CHATS_WHILE_SEARCHING = 5;
/** A chat's row: a 40px avatar (or two lines of text) and its padding. */
const ROW_HEIGHT = 58;
// Stable, or the virtualizer measures every row again on each render.
const rowSize = () => ROW_HEIGHT;

/**
 * The last message in the user's language: "You: …" when it was theirs, and in a group
 * "李四: …" with who said it; a system line or a recall as the history says it. The
 * server's preview while the window's history is not loaded.
 */
function preview(window: ListedWindow, last: CachedMessage | undefined, me: number, words: PreviewWords): string {
  const { t, ta, people } = words;
  if (!last) return window.afterMessage ?? '';
  const unknown = (id: number) => t('unknownSender', { id });
  if (last.type === 'SYSTEM' || last.recalled) return noticeText(last, me, people, ta, unknown);
  const text = summary(last, t);
  if (last.fromId === me) return t('from', { name: t('you'), text });
  return window.type === 'group'
    ? t('from', { name: people.get(last.fromId)?.nickname ?? unknown(last.fromId), text })
    : text;
}

/**
 * Every chat, most recent first, with a search box that filters them by name and preview
 * and, below the chats it keeps, finds messages in every chat. Each is a listbox: arrow
 * keys, Home and End move, Enter opens; from the search box the down arrow enters the
 * chats, and from the last chat the messages found. The chats are virtualized: only those
 * in view are in the page (a heavy user's hundreds of chats would take a third of a second
 * to lay out when the app starts), plus the one in the tab order, so Tab always reaches the
 * list and the focused chat never leaves the page.
 */
export function WindowList({
  windows,
  latest,
  loaded,
  error,
  me,
  currentId,
  onOpen,
  onOpenResult,
  onNewChat,
}: {
  windows: readonly ListedWindow[];
  /** Each window's latest loaded message, by window id. */
  latest: ReadonlyMap<number, CachedMessage>;
  loaded: boolean;
  error: string | null;
  me: number;
  currentId: number | null;
  onOpen: (windowId: number) => void;
  onOpenResult: (result: MessageSearchResult) => void;
  onNewChat: () => void;
}) {
  const t = useText(chatText);
  const ta = useText(actionsText);
  const people = usePeopleOfWindows(windows);
  const formats = useFormats();
  // What the list is filtered and searched by: the typed text, but not the Latin letters an
  // input method shows while a Chinese word is being composed (they would flash "no match").
  const { term, field } = useComposedTerm();
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const options = useOptionElements();
  const scroller = useRef<HTMLDivElement>(null);
  /** A chat the keyboard moved to, focused once its row is in the page. */
  const focusPending = useRef<number | null>(null);
  const filter = useRef<HTMLInputElement>(null);
  const found = useRef<ResultsHandle>(null);
  // "Switch chat" (Ctrl/Cmd+K in the desktop menu) lands in the filter, ready to type.
  useEffect(() => {
    const focusFilter = () => filter.current?.focus();
    window.addEventListener(SWITCH_CHAT_EVENT, focusFilter);
    return () => window.removeEventListener(SWITCH_CHAT_EVENT, focusFilter);
  }, []);

  const previewOf = (window: ListedWindow) => preview(window, latest.get(window.id), me, { t, ta, people });
  const matches = (window: ListedWindow, term: string) =>
    [windowName(window), window.user?.userName ?? '', previewOf(window)].join('\n').toLowerCase().includes(term);
  const wanted = term.trim().toLowerCase();
  const matching = wanted ? windows.filter((w) => matches(w, wanted)) : windows;
  // While searching, a few chats lead and the messages found follow close below them.
  // "All chats" is asked for one term: typing on shows a few again.
  const [allChatsFor, setAllChatsFor] = useState<string | null>(null);
  const shown = wanted && allChatsFor !== term ? matching.slice(0, CHATS_WHILE_SEARCHING) : matching;
  // The one option reachable with Tab: the one last focused, else the open chat, else the first.
  const tabStop =
    shown.find((w) => w.id === focusedId)?.id ?? shown.find((w) => w.id === currentId)?.id ?? shown[0]?.id;
  const tabStopIndex = shown.findIndex((w) => w.id === tabStop);

  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: rowSize,
    getItemKey: useCallback((index: number) => shown[index]!.id, [shown]),
    rangeExtractor: useCallback(
      (range: Range) => {
        const indexes = defaultRangeExtractor(range);
        if (tabStopIndex < 0 || indexes.includes(tabStopIndex)) return indexes;
        return [...indexes, tabStopIndex].sort((a, b) => a - b);
      },
      [tabStopIndex],
    ),
    overscan: 6,
    paddingEnd: 8,
  });

  useEffect(() => {
    if (focusPending.current !== null && options.focus(focusPending.current)) focusPending.current = null;
  });

  function focusAt(index: number) {
    const at = Math.max(0, Math.min(index, shown.length - 1));
    const target = shown[at];
    if (!target) return;
    setFocusedId(target.id);
    virtualizer.scrollToIndex(at, { align: 'auto' });
    if (!options.focus(target.id)) focusPending.current = target.id;
  }

  function onListKey(event: KeyboardEvent, index: number, window: ListedWindow) {
    if (event.key === 'ArrowDown') {
      if (index < shown.length - 1 || !found.current?.focusFirst()) focusAt(index + 1);
    } else if (event.key === 'ArrowUp') focusAt(index - 1);
    else if (event.key === 'Home') focusAt(0);
    else if (event.key === 'End') focusAt(shown.length - 1);
    else if (event.key === 'Enter' || event.key === ' ') onOpen(window.id);
    else return;
    event.preventDefault();
  }

  function onFilterKey(event: KeyboardEvent) {
    if (event.key === 'ArrowDown') {
      if (shown.length > 0) focusAt(0);
      else found.current?.focusFirst();
    } else if (event.key === 'Enter' && shown[0]) onOpen(shown[0].id);
    else return;
    event.preventDefault();
  }

  return (
    <aside className="window-pane" aria-label={t('windows')}>
      <div className="window-pane-header">
        <h1>{t('chats')}</h1>
        <button type="button" className="primary" onClick={onNewChat}>
          {t('newChat')}
        </button>
      </div>
      <input
        ref={filter}
        type="search"
        className="window-filter"
        aria-label={t('filter')}
        placeholder={t('filter')}
        {...field}
        onKeyDown={onFilterKey}
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="window-scroll" ref={scroller}>
        <ul
          className="window-list"
          role="listbox"
          aria-label={t('windows')}
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map(({ index, start }) => {
            const window = shown[index]!;
            const name = windowName(window);
            return (
              <li
                key={window.id}
                ref={options.ref(window.id)}
                style={{ height: ROW_HEIGHT, transform: `translateY(${start}px)` }}
                role="option"
                aria-setsize={shown.length}
                aria-posinset={index + 1}
                data-window-id={window.id}
                aria-selected={window.id === currentId}
                tabIndex={window.id === tabStop ? 0 : -1}
                className="window-item"
                onClick={() => onOpen(window.id)}
                onFocus={() => setFocusedId(window.id)}
                onKeyDown={(event) => onListKey(event, index, window)}
              >
                <Avatar name={name} image={window.user?.image} id={window.user?.id ?? window.id} size={40} />
                <span className="window-main">
                  <span className="window-title">
                    <span className="window-name">{name}</span>
                    {window.type === 'group' && <span className="window-tag">{t('group')}</span>}
                  </span>
                  <span className="window-preview">
                    {window.mentionUnread > 0 && <span className="mention-tag">{ta('mentionTag')} </span>}
                    {previewOf(window)}
                  </span>
                </span>
                <span className="window-side">
                  <time className="window-time" dateTime={window.created_at}>
                    {formats.when(window.created_at)}
                  </time>
                  <Badge count={window.unread} label={t('unread', { count: window.unread })} />
                </span>
              </li>
            );
          })}
        </ul>
        {shown.length < matching.length && (
          <button type="button" className="link-button window-more" onClick={() => setAllChatsFor(term)}>
            {t('allChats', { count: matching.length })}
          </button>
        )}
        {loaded && shown.length === 0 && (
          <p className={wanted ? 'window-none muted' : 'empty-state window-empty'}>
            {wanted ? t('noMatch') : t('noWindows')}
          </p>
        )}
        <MessageResults
          ref={found}
          term={term}
          me={me}
          windows={windows}
          onOpen={onOpenResult}
          onLeaveUp={() => (shown.length > 0 ? focusAt(shown.length - 1) : filter.current?.focus())}
        />
      </div>
    </aside>
  );
}
