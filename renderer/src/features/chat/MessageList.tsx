import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { UserCard } from '../../api/wire.js';
import { Dialog } from '../../components/Dialog.js';
import { useFormats, useText } from '../../i18n/text.js';
import { useAttention } from './attention.js';
import { chatText } from './chat-text.js';
import { MessageBubble, messageBubble, outgoingBubble } from './MessageBubble.js';
import { localDay, type Row } from './rows.js';

/** Older history starts loading this far from the top, so it is usually there before the user is. */
const LOAD_AHEAD_PX = 800;
/** Within this distance of the bottom the list counts as "at the latest" and follows new messages. */
const AT_END_PX = 80;

/** First guesses at row heights, before a row is measured; close guesses keep the scrollbar steady. */
function estimate(row: Row, group: boolean): number {
  switch (row.kind) {
    case 'beginning':
      return 44;
    case 'day':
      return 40;
    case 'unread':
      return 36;
    default: {
      const type = row.kind === 'message' ? row.message.type : row.item.type;
      const base = type === 'IMAGE' ? 222 : type === 'VOICE' ? 86 : 58;
      return base + (group ? 20 : 0) - (row.joined ? 6 : 0);
    }
  }
}

function DaySeparator({ at }: { at: string }) {
  const t = useText(chatText);
  const formats = useFormats();
  const day = localDay(at);
  const yesterday = new Date();
  yesterday.setDate(yesterday.getDate() - 1);
  const label =
    day === localDay(new Date().toISOString())
      ? t('today')
      : day === localDay(yesterday.toISOString())
        ? t('yesterday')
        : formats.day(at);
  return (
    <div className="day-separator" role="separator" aria-label={label}>
      <span>{label}</span>
    </div>
  );
}

interface RowProps {
  row: Row;
  me: number;
  group: boolean;
  people: Map<number, UserCard>;
  onOpenImage: (url: string) => void;
  onRetry: (clientMsgId: string) => void;
  onDiscard: (clientMsgId: string) => void;
}

/**
 * What one row shows. The list renders again on every scroll step that moves the rows in
 * view; a row whose message did not change is not rendered again.
 */
const RowContent = memo(function RowContent({ row, me, group, people, onOpenImage, onRetry, onDiscard }: RowProps) {
  const t = useText(chatText);
  switch (row.kind) {
    case 'beginning':
      return <p className="history-beginning">{t('beginning')}</p>;
    case 'day':
      return <DaySeparator at={row.at} />;
    case 'unread':
      return (
        <div className="unread-divider" role="separator" aria-label={t('newMessages')}>
          <span>{t('newMessages')}</span>
        </div>
      );
    case 'message':
    case 'outgoing':
      return (
        <MessageBubble
          bubble={row.kind === 'message' ? messageBubble(row.message) : outgoingBubble(row.item)}
          own={(row.kind === 'message' ? row.message.fromId : row.item.fromId) === me}
          joined={row.joined}
          sender={row.kind === 'message' ? people.get(row.message.fromId) : undefined}
          group={group}
          onOpenImage={onOpenImage}
          onRetry={onRetry}
          onDiscard={onDiscard}
        />
      );
  }
});

/**
 * A window's messages, virtualized: only the rows in view (and a few around them) are in
 * the page, however long the history. The list is anchored to its end: it opens at the
 * latest message (or at the first unread one), follows new messages while the user is
 * there, and keeps the message the user is reading in place when older ones load above.
 */
export function MessageList({
  rows,
  me,
  group,
  people,
  complete,
  loadingOlder,
  olderFailed,
  sentCount,
  onLoadOlder,
  onSeen,
  onRetry,
  onDiscard,
}: {
  rows: readonly Row[];
  me: number;
  group: boolean;
  people: Map<number, UserCard>;
  complete: boolean;
  loadingOlder: boolean;
  olderFailed: boolean;
  /** Goes up each time the user sends: the list then goes to the latest, wherever it was. */
  sentCount: number;
  onLoadOlder: () => void;
  /** The highest id of a message from someone else that is on screen while the user can see it. */
  onSeen: (upTo: number) => void;
  onRetry: (clientMsgId: string) => void;
  onDiscard: (clientMsgId: string) => void;
}) {
  const t = useText(chatText);
  const scroller = useRef<HTMLDivElement>(null);
  const sizer = useRef<HTMLDivElement>(null);
  const attentive = useAttention();
  const [viewing, setViewing] = useState<string | null>(null);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => estimate(rows[index]!, group),
    getItemKey: (index) => rows[index]!.key,
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: AT_END_PX,
    paddingStart: 4,
    paddingEnd: 12,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();

  // Opening: at the "new messages" divider when there is one, else at the latest message.
  const positioned = useRef(false);
  useLayoutEffect(() => {
    if (positioned.current || rows.length === 0) return;
    positioned.current = true;
    const divider = rows.findIndex((row) => row.kind === 'unread');
    if (divider >= 0) virtualizer.scrollToIndex(divider, { align: 'start' });
    else virtualizer.scrollToEnd();
  }, [rows, virtualizer]);

  useEffect(() => {
    if (sentCount > 0) virtualizer.scrollToEnd();
  }, [sentCount, virtualizer]);

  // Older messages loading above must not move what the user is reading. The virtualizer
  // keeps the row at the top edge in place, but when that row is a day separator that
  // stays first (older messages of the same day came in), the messages under it would
  // still be pushed down: so the first message row at the edge is kept where it was.
  const reading = useRef<{ key: string; offset: number } | null>(null);
  const oldestKey = useRef<string | undefined>(undefined);
  useLayoutEffect(() => {
    const element = scroller.current;
    const content = sizer.current;
    if (!element || !content) return;
    const previous = reading.current;
    const oldest = rows.find((row) => row.kind === 'message')?.key;
    if (previous && oldestKey.current !== undefined && oldest !== oldestKey.current) {
      const index = rows.findIndex((row) => row.key === previous.key);
      const item = index >= 0 ? virtualizer.measurementsCache[index] : undefined;
      const wanted = item && item.start + previous.offset + content.offsetTop;
      if (wanted !== undefined && Math.abs(element.scrollTop - wanted) > 1) element.scrollTop = wanted;
    }
    oldestKey.current = oldest;
    reading.current = readingPosition(element.scrollTop - content.offsetTop);
  });

  function readingPosition(top: number) {
    const at = virtualizer.getVirtualItemForOffset(Math.max(0, top));
    if (!at) return null;
    const measurements = virtualizer.measurementsCache;
    for (let index = at.index; index < Math.min(rows.length, at.index + 4); index++) {
      const row = rows[index]!;
      if (row.kind === 'message' || row.kind === 'outgoing')
        return { key: row.key, offset: top - measurements[index]!.start };
    }
    return null;
  }

  // A short history that does not fill the view cannot be scrolled up to load more.
  useEffect(() => {
    const element = scroller.current;
    if (element && !complete && !loadingOlder && !olderFailed && element.scrollHeight <= element.clientHeight)
      onLoadOlder();
  });

  function onScroll() {
    const element = scroller.current;
    if (element && positioned.current && !complete && element.scrollTop < LOAD_AHEAD_PX) onLoadOlder();
  }

  // Read receipts: only for what is on screen while the user can actually see it.
  useEffect(() => {
    const element = scroller.current;
    const content = sizer.current;
    if (!attentive || !element || !content) return;
    const top = element.scrollTop - content.offsetTop;
    const bottom = top + element.clientHeight;
    let seen = 0;
    for (const item of items) {
      const row = rows[item.index];
      if (row?.kind !== 'message' || row.message.fromId === me) continue;
      if (item.end > top && item.start < bottom) seen = Math.max(seen, row.message.id);
    }
    if (seen > 0) onSeen(seen);
  });

  // "N new" on the jump button: messages from others that came in since the user was last at the end.
  const atEnd = virtualizer.isAtEnd(AT_END_PX);
  let newestId = 0;
  for (let i = rows.length - 1; i >= 0 && newestId === 0; i--) {
    const row = rows[i]!;
    if (row.kind === 'message') newestId = row.message.id;
  }
  const [caughtUpTo, setCaughtUpTo] = useState(newestId);
  useEffect(() => {
    if (atEnd && newestId > caughtUpTo) setCaughtUpTo(newestId);
  }, [atEnd, newestId, caughtUpTo]);
  let unseen = 0;
  for (let i = rows.length - 1; i >= 0 && !atEnd; i--) {
    const row = rows[i]!;
    if (row.kind !== 'message') continue;
    if (row.message.id <= caughtUpTo) break;
    if (row.message.fromId !== me) unseen++;
  }

  return (
    <div className="message-list">
      {(loadingOlder || olderFailed) && (
        <div className="older-status" role="status">
          {loadingOlder ? (
            t('loadingOlder')
          ) : (
            <>
              {t('olderFailed')}{' '}
              <button type="button" className="link-button" onClick={onLoadOlder}>
                {t('retry')}
              </button>
            </>
          )}
        </div>
      )}
      <div
        ref={scroller}
        className="message-scroller"
        role="region"
        aria-label={t('history')}
        tabIndex={0}
        onScroll={onScroll}
      >
        <div ref={sizer} className="message-sizer" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className="virtual-row"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <RowContent
                row={rows[item.index]!}
                me={me}
                group={group}
                people={people}
                onOpenImage={setViewing}
                onRetry={onRetry}
                onDiscard={onDiscard}
              />
            </div>
          ))}
        </div>
      </div>
      {!atEnd && rows.length > 0 && (
        <button
          type="button"
          className="jump-latest"
          aria-label={unseen > 0 ? t('jumpWithNew', { count: unseen }) : t('jumpToLatest')}
          onClick={() => virtualizer.scrollToEnd()}
        >
          <span aria-hidden="true">↓</span>
          {unseen > 0 && <span className="jump-count">{t('newBelow', { count: unseen })}</span>}
        </button>
      )}
      {viewing && (
        <Dialog title={t('imageViewer')} hideTitle className="image-viewer" onClose={() => setViewing(null)}>
          <img src={viewing} alt={t('imageAlt')} />
          <button
            type="button"
            className="icon-button viewer-close"
            aria-label={t('close')}
            onClick={() => setViewing(null)}
          >
            ✕
          </button>
        </Dialog>
      )}
    </div>
  );
}
