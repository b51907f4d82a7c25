import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { NotificationStatus } from '../../api/contract.js';
import type { Notification } from '../../api/wire.js';
import { useText } from '../../i18n/text.js';
import { useInboxActions } from './inbox-actions.js';
import { feedRows, type FeedRow, type Period } from './inbox-periods.js';
import { inboxText } from './inbox-text.js';
import { ListEmpty, ListFailed, ListLoading, MoreRow } from './ListStates.js';
import { NotificationRow, ROW_HEIGHT, type ClickKind, type RowActions } from './NotificationRow.js';
import { SelectionBar } from './SelectionBar.js';
import { moveFocus, NOTHING_SELECTED, pickedIn, selectAll, selectAt, toggleAt, type Selection } from './selection.js';
import type { useNotificationList } from './useNotificationList.js';
import { TRIAGE_KEYS, useTriageKeys, type TriageCommand } from './useTriageKeys.js';

type ListQuery = ReturnType<typeof useNotificationList>['query'];

/** Starts the next page this many rows before the end, so scrolling rarely waits. */
const PREFETCH_ROWS = 10;
export const HEADING_HEIGHT = 30;

/** The keys that act only while focus is in the list (the arrows belong to whatever has focus). */
export const LIST_KEYS = { 'ArrowDown ArrowUp': 'keyMove', 'Home End': 'keyEnds' } as const;

/**
 * The notifications shown: the list, and the one in the details pane while it is the focused
 * one, also once it no longer belongs to the list (opened in Unread, it was read): selection
 * and details stay on the same notification until the user moves on.
 */
function withOpened(items: readonly Notification[], opened: Notification | undefined, selection: Selection) {
  if (!opened || opened.id !== selection.focusId || items.some((n) => n.id === opened.id)) return items;
  const at = Math.min(selection.index, items.length);
  return [...items.slice(0, at), opened, ...items.slice(at)];
}

function useSelection(items: readonly Notification[], opened: Notification | undefined) {
  const [selection, setSelection] = useState<Selection>(() =>
    opened ? { ...NOTHING_SELECTED, focusId: opened.id, anchorId: opened.id } : NOTHING_SELECTED,
  );
  const shown = useMemo(() => withOpened(items, opened, selection), [items, opened, selection]);
  const ids = useMemo(() => shown.map((n) => n.id), [shown]);
  const found = selection.focusId === null ? -1 : ids.indexOf(selection.focusId);
  // When the focused notification leaves (triaged), the one that moves into its place is next.
  const index = ids.length === 0 ? -1 : found >= 0 ? found : Math.min(selection.index, ids.length - 1);
  useEffect(() => {
    // New notifications arrive on top: remember where the focus is now, for when it leaves.
    if (found >= 0 && found !== selection.index) setSelection((s) => ({ ...s, index: found }));
  }, [found, selection.index]);
  const focused = shown[index] ?? null;
  // Nothing picked by hand: the focused one is the selection.
  const picked = pickedIn(selection, ids);
  const selectedIds = new Set(picked.length > 0 ? picked : focused ? [focused.id] : []);
  return { shown, ids, index, focused, selectedIds, selection, setSelection };
}

/** The tab's notifications as a virtualized listbox, grouped by when they came: thousands scroll smoothly; pages load as they near. */
export function NotificationList({
  status,
  items,
  query,
  filtered,
  total,
  opened,
}: {
  status: NotificationStatus;
  items: readonly Notification[];
  query: ListQuery;
  filtered: boolean;
  /** How many the tab holds, when known (for screen readers' "3 of 120"). */
  total: number | null;
  /** The notification in the details pane, if any. */
  opened: Notification | undefined;
}) {
  const t = useText(inboxText);
  const inbox = useInboxActions();
  const headingIds = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { shown, ids, index, focused, selectedIds, setSelection } = useSelection(items, opened);
  /** Focus goes to the focused row after the next render (set by the keyboard). */
  const focusPending = useRef(false);
  /** The last element focused in the list: when it leaves (triaged), focus goes to the row that takes its place. */
  const lastFocused = useRef<Element | null>(null);
  // Today's groups are worked out once a list is shown; a list left open past midnight regroups when it changes.
  const rows = useMemo(() => feedRows(shown, new Date()), [shown]);
  /** Where each notification (by its place in `shown`) and each group's heading are among the rows. */
  const { rowOf, headingRow } = useMemo(() => {
    const rowOf: number[] = [];
    const headingRow = new Map<Period, number>();
    rows.forEach((row, r) => (row.kind === 'notification' ? (rowOf[row.at] = r) : headingRow.set(row.period, r)));
    return { rowOf, headingRow };
  }, [rows]);

  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = query;
  const virtualizer = useVirtualizer({
    count: rows.length + (hasNextPage ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    // Stable per list, or the virtualizer measures every row again on each render.
    estimateSize: useCallback((r: number) => (rows[r]?.kind === 'heading' ? HEADING_HEIGHT : ROW_HEIGHT), [rows]),
    overscan: 6,
    getItemKey: useCallback(
      (r: number) => {
        const row = rows[r];
        return !row ? 'more' : row.kind === 'heading' ? `h:${row.period}` : row.notification.id;
      },
      [rows],
    ),
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastShown = virtualRows.at(-1)?.index ?? -1;

  useEffect(() => {
    if (lastShown >= rows.length - PREFETCH_ROWS && hasNextPage && !isFetchingNextPage && !isFetchNextPageError)
      void fetchNextPage();
  }, [lastShown, rows.length, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);

  useEffect(() => {
    if (!focused) {
      // Loaded and empty: a key pressed while loading has nothing to focus.
      if (!query.isPending) focusPending.current = false;
      return;
    }
    const lost = lastFocused.current?.isConnected === false && document.activeElement === document.body;
    if (!focusPending.current && !lost) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-id="${focused.id}"]`);
    if (!row) return;
    row.focus({ preventScroll: true });
    focusPending.current = false;
  });

  /** The details pane, while open, shows what the selection moved to (without reading it: only opening reads). */
  const follow = (n: Notification) => {
    if (opened && opened.id !== n.id) inbox.show(n);
  };

  function moveTo(at: number, extend = false) {
    const clamped = Math.max(0, Math.min(shown.length - 1, at));
    const n = shown[clamped];
    // Pressed while the tab is still loading: the first row takes focus once it is shown.
    if (!n) return void (focusPending.current = query.isPending);
    setSelection((s) =>
      extend
        ? selectAt({ ...s, anchorId: s.anchorId ?? focused?.id ?? null }, ids, clamped, true)
        : moveFocus(s, ids, clamped),
    );
    follow(n);
    focusPending.current = true;
    virtualizer.scrollToIndex(rowOf[clamped] ?? clamped, { align: 'auto' });
  }

  // One stable object per list state, so rows re-render only when their own notification or selection changes.
  const latest = useRef({ ids, opened, inbox, focusedId: focused?.id ?? null });
  latest.current = { ids, opened, inbox, focusedId: focused?.id ?? null };
  const actions = useMemo<RowActions>(
    () => ({
      click(n: Notification, at: number, kind: ClickKind) {
        const { ids, inbox, focusedId } = latest.current;
        if (kind === 'toggle') return setSelection((s) => toggleAt(s, ids, at));
        if (kind === 'range')
          return setSelection((s) => selectAt({ ...s, anchorId: s.anchorId ?? focusedId }, ids, at, true));
        // A click on a row opens it (seed 001: clicking a notification reads it).
        setSelection((s) => selectAt(s, ids, at, false));
        inbox.open(n);
      },
    }),
    [setSelection],
  );

  const selectedNow = () => shown.filter((n) => selectedIds.has(n.id));

  useTriageKeys((command: TriageCommand) => {
    if ('move' in command) return moveTo(index + command.move, command.extend);
    if ('selectAll' in command) return setSelection((s) => selectAll(s, ids));
    if ('clear' in command) {
      if (selectedIds.size < 2) return false;
      return setSelection((s) => selectAt(s, ids, index, false));
    }
    if (!focused) return;
    if ('toggle' in command) return setSelection((s) => toggleAt(s, ids, index));
    focusPending.current = true;
    if ('open' in command) return inbox.open(focused);
    const chosen = selectedNow();
    if (chosen.length > 1) inbox.changeMany(chosen, command.status);
    else inbox.changeStatus(focused, command.status);
  });

  function onKeyDown(event: KeyboardEvent) {
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: shown.length - 1 };
    const to = moves[event.key];
    if (to === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    moveTo(to, event.shiftKey);
  }

  if (query.isPending) return <ListLoading />;
  if (query.isError && shown.length === 0)
    return <ListFailed reason={query.error.message} retry={() => void query.refetch()} />;
  if (shown.length === 0 && !hasNextPage) return <ListEmpty status={status} filtered={filtered} />;

  // Each group is a `group` labelled by its heading, which is rendered while any row of the group is.
  const groups = new Map<string, { top: number; items: typeof virtualRows }>();
  let more: (typeof virtualRows)[number] | null = null;
  for (const item of virtualRows) {
    const row = rows[item.index];
    if (!row) more = item;
    else if (row.kind === 'notification') {
      const heading = headingRow.get(row.period) ?? -1;
      const group = groups.get(row.period) ?? { top: virtualizer.measurementsCache[heading]?.start ?? 0, items: [] };
      group.items.push(item);
      groups.set(row.period, group);
    }
  }
  const chosen = selectedNow();

  return (
    <>
      {chosen.length > 1 && (
        <SelectionBar
          status={status}
          count={chosen.length}
          onStatus={(to) => inbox.changeMany(chosen, to)}
          onClear={() => setSelection((s) => selectAt(s, ids, index, false))}
        />
      )}
      <div
        ref={scrollRef}
        className="inbox-scroll"
        role="listbox"
        aria-multiselectable="true"
        aria-label={t(`list${status}`)}
        aria-busy={query.isFetching}
        aria-keyshortcuts={[...TRIAGE_KEYS.map(({ keys }) => keys), ...Object.keys(LIST_KEYS)].join(' ')}
        data-shortcuts-declared=""
        onKeyDown={onKeyDown}
        onFocus={(event) => (lastFocused.current = event.target)}
      >
        <div className="inbox-feed-inner" style={{ height: virtualizer.getTotalSize() }}>
          {[...groups].map(([period, { top, items: groupRows }]) => (
            <div key={period} role="group" aria-labelledby={`${headingIds}-${period}`}>
              <div
                id={`${headingIds}-${period}`}
                className="inbox-period"
                style={{ height: HEADING_HEIGHT, transform: `translateY(${top}px)` }}
              >
                {t(`period_${period as Period}`)}
              </div>
              {groupRows.map((item) => {
                const row = rows[item.index] as FeedRow & { kind: 'notification' };
                return (
                  <NotificationRow
                    key={item.key}
                    notification={row.notification}
                    at={row.at}
                    selected={selectedIds.has(row.notification.id)}
                    focused={row.at === index}
                    position={row.at + 1}
                    total={total ?? -1}
                    top={item.start}
                    actions={actions}
                  />
                );
              })}
            </div>
          ))}
          {more && (
            <MoreRow
              key={more.key}
              top={more.start}
              failure={isFetchNextPageError ? (query.error?.message ?? '') : null}
              retry={() => void fetchNextPage()}
            />
          )}
        </div>
      </div>
    </>
  );
}
