import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { NotificationStatus } from '../../api/contract.js';
import type { Notification } from '../../api/wire.js';
import { useText } from '../../i18n/text.js';
import { useInboxActions } from './inbox-actions.js';
import { inboxText } from './inbox-text.js';
import { ListEmpty, ListFailed, ListLoading, MoreRow } from './ListStates.js';
import { NotificationRow, ROW_HEIGHT, type RowActions } from './NotificationRow.js';
import type { useNotificationList } from './useNotificationList.js';
import { useTriageKeys, type TriageCommand } from './useTriageKeys.js';

type ListQuery = ReturnType<typeof useNotificationList>['query'];

/** Starts the next page this many rows before the end, so scrolling rarely waits. */
const PREFETCH_ROWS = 10;
const rowSize = () => ROW_HEIGHT;

function useSelection(items: readonly Notification[]) {
  const [selection, setSelection] = useState<{ id: number | null; index: number }>({ id: null, index: 0 });
  const found = items.findIndex((n) => n.id === selection.id);
  // When the selected notification leaves (triaged), the one that moves into its place is next.
  const index = items.length === 0 ? -1 : found >= 0 ? found : Math.min(selection.index, items.length - 1);
  useEffect(() => {
    // New notifications arrive on top: remember where the selection is now, for when it leaves.
    if (found >= 0 && found !== selection.index) setSelection({ id: selection.id, index: found });
  }, [found, selection]);
  const select = useCallback((n: Notification, at: number) => setSelection({ id: n.id, index: at }), []);
  return { index, selected: items[index] ?? null, select };
}

/** The tab's notifications as a virtualized feed: thousands scroll smoothly; pages load as they near. */
export function NotificationList({
  status,
  items,
  query,
  filtered,
  total,
}: {
  status: NotificationStatus;
  items: readonly Notification[];
  query: ListQuery;
  filtered: boolean;
  /** How many the tab holds, when known (for screen readers' "3 of 120"). */
  total: number | null;
}) {
  const t = useText(inboxText);
  const inbox = useInboxActions();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { index, selected, select } = useSelection(items);
  /** Focus goes to the selected row after the next render (set by the keyboard). */
  const focusPending = useRef(false);
  /** The last element focused in the feed: when it leaves (triaged), focus goes to the row that takes its place. */
  const lastFocused = useRef<Element | null>(null);

  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = query;
  const virtualizer = useVirtualizer({
    count: items.length + (hasNextPage ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    // Stable, or the virtualizer measures every row again on each render (10,000 rows per scroll frame).
    estimateSize: rowSize,
    overscan: 6,
    getItemKey: useCallback((at: number) => items[at]?.id ?? 'more', [items]),
  });
  const rows = virtualizer.getVirtualItems();
  const lastShown = rows.at(-1)?.index ?? -1;

  useEffect(() => {
    if (lastShown >= items.length - PREFETCH_ROWS && hasNextPage && !isFetchingNextPage && !isFetchNextPageError)
      void fetchNextPage();
  }, [lastShown, items.length, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);

  useEffect(() => {
    if (!selected) {
      // Loaded and empty: a key pressed while loading has nothing to focus.
      if (!query.isPending) focusPending.current = false;
      return;
    }
    const lost = lastFocused.current?.isConnected === false && document.activeElement === document.body;
    if (!focusPending.current && !lost) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-id="${selected.id}"]`);
    if (!row) return;
    row.focus({ preventScroll: true });
    focusPending.current = false;
  });

  function moveTo(at: number) {
    const clamped = Math.max(0, Math.min(items.length - 1, at));
    const n = items[clamped];
    // Pressed while the tab is still loading: the first row takes focus once it is shown.
    if (!n) return void (focusPending.current = query.isPending);
    select(n, clamped);
    focusPending.current = true;
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  }

  // One stable object, so rows re-render only when their own notification or selection changes.
  const actions = useMemo<RowActions>(
    () => ({ select, setStatus: inbox.changeStatus, open: inbox.open }),
    [select, inbox],
  );

  useTriageKeys((command: TriageCommand) => {
    if ('move' in command) return moveTo(index + command.move);
    if (!selected) return;
    focusPending.current = true;
    if ('status' in command) actions.setStatus(selected, command.status);
    else actions.open(selected);
  });

  function onKeyDown(event: KeyboardEvent) {
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: items.length - 1 };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    moveTo(to);
  }

  if (query.isPending) return <ListLoading />;
  if (query.isError && items.length === 0)
    return <ListFailed reason={query.error.message} retry={() => void query.refetch()} />;
  if (items.length === 0 && !hasNextPage) return <ListEmpty status={status} filtered={filtered} />;

  return (
    <div
      ref={scrollRef}
      className="inbox-scroll"
      role="feed"
      aria-label={t(`list${status}`)}
      aria-busy={query.isFetching}
      aria-keyshortcuts="J K Shift+I Shift+U T Enter"
      onKeyDown={onKeyDown}
      onFocus={(event) => (lastFocused.current = event.target)}
    >
      <div className="inbox-feed-inner" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => {
          const n = items[row.index];
          if (!n)
            return (
              <MoreRow
                key={row.key}
                top={row.start}
                failure={isFetchNextPageError ? (query.error?.message ?? '') : null}
                retry={() => void fetchNextPage()}
              />
            );
          return (
            <NotificationRow
              key={row.key}
              notification={n}
              selected={row.index === index}
              position={row.index + 1}
              total={total ?? -1}
              top={row.start}
              actions={actions}
            />
          );
        })}
      </div>
    </div>
  );
}
