import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ProjectDetail, UserCard } from '../../api/wire.js';
import { ImageViewer } from './ImageViewer.js';
import { useFormats, useText } from '../../i18n/text.js';
import { useAttention } from './attention.js';
import { chatText } from './chat-text.js';
import type { CachedMessage, HistoryEnd } from './history.js';
import { actionsText } from './message-actions-text.js';
import { MessageBubble, messageBubble, outgoingBubble } from './MessageBubble.js';
import { MessageDialogView } from './MessageDialogs.js';
import type { MessageDialog } from './MessageMenu.js';
import { useMessageActions } from './message-mutations.js';
import { groupUnread } from './message-rules.js';
import { NoticeLine } from './MessageParts.js';
import type { HistoryEdge, MessageFocus } from './queries.js';
import { localDay, type Row } from './rows.js';

/** More history starts loading this far from the top (or a slice's bottom), so it is usually there before the user is. */
const LOAD_AHEAD_PX = 800;
/** Within this distance of the bottom the list counts as "at the latest" and follows new messages. */
const AT_END_PX = 80;
/** How long a message opened from a search stays highlighted. */
const FOUND_MS = 3000;

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
      if (type === 'SYSTEM' || (row.kind === 'message' && row.message.recalled)) return 36;
      const base = type === 'IMAGE' ? 222 : type === 'VOICE' || type === 'FILE' ? 86 : 58;
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

/** A group's members (from its project), for who has yet to read a message; undefined while loading. */
export interface GroupMembers {
  members: ProjectDetail['members'] | undefined;
  memberCount: number;
}

/** What each message row does beyond showing itself. */
interface RowHandlers {
  onOpenImage: (url: string) => void;
  onRetry: (clientMsgId: string) => void;
  onDiscard: (clientMsgId: string) => void;
  onDialog: (dialog: MessageDialog) => void;
  onJump: (messageId: number) => void;
  onFailed: (error: Error) => void;
}

interface RowProps extends RowHandlers {
  row: Row;
  me: number;
  group: GroupMembers | null;
  people: Map<number, UserCard>;
}

/** Loading at one end of the list, or why it failed, with a retry. */
function EdgeStatus({ edge, end }: { edge: HistoryEdge; end: HistoryEnd }) {
  const t = useText(chatText);
  if (!edge.loading && !edge.failed) return null;
  return (
    <div className={`edge-status ${end}`} role="status">
      {edge.loading ? (
        t(end === 'older' ? 'loadingOlder' : 'loadingNewer')
      ) : (
        <>
          {t(end === 'older' ? 'olderFailed' : 'newerFailed')}{' '}
          <button type="button" className="link-button" onClick={edge.load}>
            {t('retry')}
          </button>
        </>
      )}
    </div>
  );
}

const indexOfMessage = (rows: readonly Row[], id: number) =>
  rows.findIndex((row) => row.kind === 'message' && row.message.id === id);

/** A message the server has: a bubble with its menu, reactions and receipts. */
function SentMessage({
  message,
  joined,
  me,
  group,
  people,
  onDialog,
  onJump,
  onFailed,
  ...handlers
}: Omit<RowProps, 'row'> & { message: CachedMessage; joined: boolean }) {
  const actions = useMessageActions(message, me, onFailed);
  const own = message.fromId === me;
  return (
    <MessageBubble
      bubble={messageBubble(message)}
      own={own}
      joined={joined}
      sender={people.get(message.fromId)}
      group={group !== null}
      me={me}
      people={people}
      sent={{
        message,
        actions,
        unread: group && own ? groupUnread(message, group.members, group.memberCount) : null,
        onDialog,
        onJump,
      }}
      {...handlers}
    />
  );
}

/**
 * What one row shows. The list renders again on every scroll step that moves the rows in
 * view; a row whose message did not change is not rendered again.
 */
const RowContent = memo(function RowContent({ row, me, group, people, ...handlers }: RowProps) {
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
      if (row.message.type === 'SYSTEM' || row.message.recalled)
        return <NoticeLine message={row.message} me={me} people={people} />;
      return (
        <SentMessage message={row.message} joined={row.joined} me={me} group={group} people={people} {...handlers} />
      );
    case 'outgoing':
      return (
        <MessageBubble
          bubble={outgoingBubble(row.item)}
          own={row.item.fromId === me}
          joined={row.joined}
          sender={undefined}
          group={group !== null}
          me={me}
          people={people}
          onOpenImage={handlers.onOpenImage}
          onRetry={handlers.onRetry}
          onDiscard={handlers.onDiscard}
        />
      );
  }
});

/**
 * A window's messages, virtualized: only the rows in view (and a few around them) are in
 * the page, however long the history. The list is anchored to its end: it opens at the
 * latest message (or at the first unread one, or at a message opened from a search,
 * highlighted for a moment), follows new messages while the user is there, and keeps the
 * message the user is reading in place when older ones load above. Below a slice that
 * stops short of the latest, newer pages load as the user nears its bottom.
 */
export function MessageList({
  rows,
  me,
  group,
  people,
  older,
  newer,
  latestRequests,
  focus,
  liveAfter,
  onToLatest,
  onSeen,
  onRetry,
  onDiscard,
  onJump,
}: {
  rows: readonly Row[];
  me: number;
  /** A group window's members; null one-to-one. */
  group: GroupMembers | null;
  people: Map<number, UserCard>;
  older: HistoryEdge;
  newer: HistoryEdge;
  /** Goes up each time the list must go to the latest (a send, the jump button): it goes there once the latest is loaded. */
  latestRequests: number;
  /** The message to show; the list waits where it is (or, before it was first placed, hidden) until its row is there. */
  focus: MessageFocus | null;
  /** Messages after this id arrived live, while the latest was loaded (null in a slice): only they count as new. */
  liveAfter: number | null;
  onToLatest: () => void;
  /** The highest id of a message from someone else that is on screen while the user can see it. */
  onSeen: (upTo: number) => void;
  onRetry: (clientMsgId: string) => void;
  onDiscard: (clientMsgId: string) => void;
  /** Show a message (a reply's quote was clicked): loaded around it if need be. */
  onJump: (messageId: number) => void;
}) {
  const t = useText(chatText);
  const ta = useText(actionsText);
  const [dialog, setDialog] = useState<MessageDialog | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // Stable, so the rows (memoized) do not all render again whenever the list does.
  const onFailed = useCallback((error: Error) => setFailure(error.message), []);
  const scroller = useRef<HTMLDivElement>(null);
  const sizer = useRef<HTMLDivElement>(null);
  const attentive = useAttention();
  const [viewing, setViewing] = useState<string | null>(null);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => estimate(rows[index]!, group !== null),
    getItemKey: (index) => rows[index]!.key,
    anchorTo: 'end',
    // A page appended below a slice is read where it lands; only live messages are followed.
    followOnAppend: newer.reached,
    scrollEndThreshold: AT_END_PX,
    paddingStart: 4,
    paddingEnd: 12,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();

  // Opening: at the message to show when there is one, else at the "new messages" divider
  // when there is one, else at the latest message. A message to show later is scrolled to
  // (centred) once its row is there, and highlighted for a moment.
  const [positioned, setPositioned] = useState(false);
  const [found, setFound] = useState<MessageFocus | null>(null);
  const shownFocus = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (rows.length === 0) return;
    if (focus && focus.seq !== shownFocus.current) {
      const index = indexOfMessage(rows, focus.messageId);
      if (index < 0) return;
      shownFocus.current = focus.seq;
      virtualizer.scrollToIndex(index, { align: 'center' });
      setFound(focus);
      setPositioned(true);
      return;
    }
    if (positioned) return;
    const divider = rows.findIndex((row) => row.kind === 'unread');
    if (divider >= 0) virtualizer.scrollToIndex(divider, { align: 'start' });
    else virtualizer.scrollToEnd();
    setPositioned(true);
  }, [rows, focus, positioned, virtualizer]);

  useEffect(() => {
    if (!found) return;
    const timer = setTimeout(() => setFound(null), FOUND_MS);
    return () => clearTimeout(timer);
  }, [found]);

  const followedRequests = useRef(latestRequests);
  useLayoutEffect(() => {
    if (latestRequests === followedRequests.current || !newer.reached) return;
    followedRequests.current = latestRequests;
    virtualizer.scrollToEnd();
  });

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

  // A short history that does not fill the view cannot be scrolled to load more.
  useEffect(() => {
    const element = scroller.current;
    if (!element || element.scrollHeight > element.clientHeight) return;
    for (const edge of [older, newer]) if (!edge.reached && !edge.loading && !edge.failed) edge.load();
  });

  function onScroll() {
    const element = scroller.current;
    if (!element || !positioned) return;
    if (!older.reached && element.scrollTop < LOAD_AHEAD_PX) older.load();
    const below = element.scrollHeight - element.scrollTop - element.clientHeight;
    if (!newer.reached && below < LOAD_AHEAD_PX) newer.load();
  }

  // Read receipts: only for what is on screen, once placed, while the user can actually see it.
  useEffect(() => {
    const element = scroller.current;
    const content = sizer.current;
    if (!attentive || !positioned || !element || !content) return;
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

  // "N new" on the jump button: messages from others that came in live since the user was last at the end.
  const atEnd = virtualizer.isAtEnd(AT_END_PX) && newer.reached;
  let newestId = 0;
  for (let i = rows.length - 1; i >= 0 && newestId === 0; i--) {
    const row = rows[i]!;
    if (row.kind === 'message') newestId = row.message.id;
  }
  const [caughtUpTo, setCaughtUpTo] = useState(newestId);
  useEffect(() => {
    if (atEnd && newestId > caughtUpTo) setCaughtUpTo(newestId);
  }, [atEnd, newestId, caughtUpTo]);
  const seenUpTo = liveAfter === null ? Infinity : Math.max(caughtUpTo, liveAfter);
  let unseen = 0;
  for (let i = rows.length - 1; i >= 0 && !atEnd; i--) {
    const row = rows[i]!;
    if (row.kind !== 'message') continue;
    if (row.message.id <= seenUpTo) break;
    if (row.message.fromId !== me) unseen++;
  }

  return (
    <div className="message-list">
      <EdgeStatus edge={older} end="older" />
      <div
        ref={scroller}
        className="message-scroller"
        role="region"
        aria-label={t('history')}
        tabIndex={0}
        onScroll={onScroll}
      >
        <div
          ref={sizer}
          className="message-sizer"
          style={{ height: virtualizer.getTotalSize(), visibility: positioned ? undefined : 'hidden' }}
        >
          {items.map((item) => {
            const row = rows[item.index]!;
            const highlighted = found !== null && row.kind === 'message' && row.message.id === found.messageId;
            return (
              <div
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className={highlighted ? 'virtual-row found' : 'virtual-row'}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <RowContent
                  row={row}
                  me={me}
                  group={group}
                  people={people}
                  onOpenImage={setViewing}
                  onRetry={onRetry}
                  onDiscard={onDiscard}
                  onDialog={setDialog}
                  onJump={onJump}
                  onFailed={onFailed}
                />
              </div>
            );
          })}
        </div>
      </div>
      <EdgeStatus edge={newer} end="newer" />
      {!atEnd && rows.length > 0 && (
        <button
          type="button"
          className="jump-latest"
          aria-label={unseen > 0 ? t('jumpWithNew', { count: unseen }) : t('jumpToLatest')}
          onClick={onToLatest}
        >
          <span aria-hidden="true">↓</span>
          {unseen > 0 && <span className="jump-count">{t('newBelow', { count: unseen })}</span>}
        </button>
      )}
      {failure && (
        <p className="action-failure" role="alert">
          {ta('actionFailed', { reason: failure })}{' '}
          <button type="button" className="link-button" onClick={() => setFailure(null)}>
            {ta('dismiss')}
          </button>
        </p>
      )}
      {viewing && <ImageViewer src={viewing} alt={t('imageAlt')} onClose={() => setViewing(null)} />}
      {dialog && <MessageDialogView dialog={dialog} people={people} onClose={() => setDialog(null)} />}
    </div>
  );
}
