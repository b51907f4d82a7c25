import { useCallback, useEffect, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar } from '../../components/Avatar.js';
import { useText } from '../../i18n/text.js';
import { windowName, type ListedWindow } from './chat-cache.js';
import { chatText } from './chat-text.js';
import { Composer } from './Composer.js';
import { GroupPanel } from './GroupPanel.js';
import { actionsText } from './message-actions-text.js';
import { MessageList, type GroupMembers } from './MessageList.js';
import { attachFiles } from './attachments.js';
import { useFileDrop } from './file-drop.js';
import { cancelOutgoing, retryNow, useOutbox } from './outbox.js';
import { composerText } from './composer-text.js';
import { useGroupProject, usePeople } from './people.js';
import {
  useFocusedHistory,
  useHistory,
  useHistoryEdge,
  useLoadLatest,
  type HistoryEdge,
  type MessageFocus,
} from './queries.js';
import type { CachedMessage } from './history.js';
import { markSeen } from './read-receipts.js';
import { buildRows, firstUnreadId } from './rows.js';
import { ChatSearchBar } from './search/ChatSearchBar.js';
import { searchText } from './search/search-text.js';
import { summary } from './summary.js';

/** Looking further back than this for the first unread message is not worth the wait: the divider goes on top. */
const DIVIDER_SEARCH_LIMIT = 300;

/** What the window looked like when it was opened: where "new messages" begin stays put while it is open. */
interface Opened {
  unread: number;
  lastId: number;
}

/** The latest message from someone else that came in while the window was open (looks back no further). */
function latestFromOthers(messages: readonly CachedMessage[], me: number, after: number): CachedMessage | undefined {
  for (let i = messages.length - 1; i >= 0 && messages[i]!.id > after; i--)
    if (messages[i]!.fromId !== me) return messages[i];
  return undefined;
}

/** Ctrl/Cmd+F: search in this chat (the page's own find would see only the rows in view). */
function useFindShortcut(onFind: () => void) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'f')
        return;
      event.preventDefault();
      onFind();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onFind]);
}

function PeopleIcon() {
  return (
    <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
      <circle cx="7.5" cy="7" r="3" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <path d="M2 17c0-3 2.5-5 5.5-5s5.5 2 5.5 5" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <path d="M13 4.3a3 3 0 0 1 0 5.4M15 12.4c1.8.7 3 2.3 3 4.6" fill="none" stroke="currentColor" strokeWidth="1.8" />
    </svg>
  );
}

function SearchIcon() {
  return (
    <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
      <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="m13 13 4.5 4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

/**
 * One chat: its header, its messages and the composer; files can be dropped anywhere on
 * it. It can open at a message (`focus`, from a search), and search within itself.
 */
export function MessagePane({
  cId,
  window,
  me,
  listLoaded,
  focus,
  onFocusMessage,
}: {
  cId: number;
  window: ListedWindow | undefined;
  me: number;
  listLoaded: boolean;
  focus: MessageFocus | null;
  onFocusMessage: (messageId: number) => void;
}) {
  const t = useText(chatText);
  const ts = useText(searchText);
  const ta = useText(actionsText);
  const tc = useText(composerText);
  const queryClient = useQueryClient();
  const history = useHistory(cId);
  const older = useHistoryEdge(cId, 'older', history.data);
  const newerPages = useHistoryEdge(cId, 'newer', history.data);
  const latest = useLoadLatest(cId);
  const focused = useFocusedHistory(cId, focus, history.data);
  const people = usePeople(window);
  const project = useGroupProject(window).data;
  const [panelOpen, setPanelOpen] = useState(false);
  const outbox = useOutbox((s) => s.items);
  const [latestRequests, setLatestRequests] = useState(0);
  const [findRequests, setFindRequests] = useState(0);
  const [searching, setSearching] = useState(false);
  const messages = history.data?.messages;
  const complete = history.data?.complete ?? false;
  const reachesLatest = history.data?.reachesLatest ?? true;

  const [opened, setOpened] = useState<Opened | null>(null);
  if (!opened && messages && (window || listLoaded))
    setOpened({ unread: window?.unread ?? 0, lastId: messages[messages.length - 1]?.id ?? 0 });
  const [firstUnread, setFirstUnread] = useState<number | null | undefined>(undefined);
  if (opened && messages && firstUnread === undefined) {
    const enough = complete || older.failed || messages.length >= DIVIDER_SEARCH_LIMIT;
    // Opened at a message from a search, the user came for that one: no divider to place.
    const found = focus || !reachesLatest ? null : firstUnreadId(messages, me, opened.unread, opened.lastId, enough);
    if (found !== undefined) setFirstUnread(found);
  }
  const placingDivider = opened !== null && firstUnread === undefined;
  const loadOlder = older.load;
  useEffect(() => {
    if (placingDivider) loadOlder();
  }, [placingDivider, messages, loadOlder]);

  // Messages after this id came in live while the latest was loaded: they are announced, and
  // counted as new. Pages read forward from a slice to reach the latest are not.
  const [liveAfter, setLiveAfter] = useState<number | null>(null);
  if (messages && reachesLatest && liveAfter === null) setLiveAfter(messages.at(-1)?.id ?? 0);
  if (!reachesLatest && liveAfter !== null) setLiveAfter(null);

  const outgoing = useMemo(
    () =>
      // Messages on their way belong after the latest, not after a slice from the middle.
      reachesLatest
        ? Object.values(outbox)
            .filter((item) => item.cId === cId && item.fromId === me)
            .sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0))
        : [],
    [outbox, cId, me, reachesLatest],
  );
  const rows = useMemo(
    () => (messages && firstUnread !== undefined ? buildRows({ messages, outgoing, me, complete, firstUnread }) : []),
    [messages, outgoing, me, complete, firstUnread],
  );

  const unread = window?.unread;
  const onSeen = useCallback(
    (upTo: number) => {
      // Nothing unread: nothing to tell the server (unknown when the window is not listed yet).
      if (unread !== 0) markSeen(queryClient, me, cId, upTo);
    },
    [queryClient, me, cId, unread],
  );

  // To the latest: a slice is replaced by the latest messages first, then the list goes there.
  const loadLatest = latest.load;
  const toLatest = useCallback(() => {
    loadLatest();
    setLatestRequests((n) => n + 1);
  }, [loadLatest]);

  const openSearch = useCallback(() => {
    setSearching(true);
    setFindRequests((n) => n + 1);
  }, []);
  useFindShortcut(openSearch);

  // Files dropped anywhere on the chat go as the composer's would.
  const drop = useFileDrop((files) => {
    if (attachFiles(queryClient, cId, me, files) > 0) toLatest();
  });

  const name = window ? windowName(window) : '';
  const group = window ? window.type === 'group' : messages?.[0]?.toId === null;
  const memberCount = window?.group?.memberCount ?? 0;
  const members = project?.members;
  const groupMembers = useMemo<GroupMembers | null>(
    () => (group ? { members, memberCount } : null),
    [group, members, memberCount],
  );
  const latestIncoming = liveAfter !== null && messages ? latestFromOthers(messages, me, liveAfter) : undefined;
  // Below a slice, the bottom's status is the newer pages' or, after a jump, the latest's.
  const newer: HistoryEdge =
    latest.loading || latest.failed
      ? { ...newerPages, loading: latest.loading, failed: latest.failed, load: toLatest }
      : newerPages;
  const listFocus = focused.state === 'loading' || focused.state === 'shown' ? focus : null;

  return (
    <section className="message-pane" aria-label={name || t('history')} {...drop.target}>
      <header className="pane-header">
        {window && <Avatar name={name} image={window.user?.image} id={window.user?.id ?? window.id} size={36} />}
        <div className="pane-title">
          <h2>{name}</h2>
          {window?.type === 'group' && window.group && (
            <span className="muted">{t('members', { count: window.group.memberCount })}</span>
          )}
          {window?.user && <span className="muted">@{window.user.userName}</span>}
        </div>
        {window?.type === 'group' && (
          <button
            type="button"
            className="icon-button pane-members"
            aria-label={ta('groupMembers')}
            aria-haspopup="dialog"
            disabled={!project}
            onClick={() => setPanelOpen(true)}
          >
            <PeopleIcon />
          </button>
        )}
        <button
          type="button"
          className="icon-button pane-search"
          aria-label={ts('inChat')}
          aria-keyshortcuts="Control+F Meta+F"
          aria-expanded={searching}
          onClick={openSearch}
        >
          <SearchIcon />
        </button>
      </header>
      {searching && (
        <ChatSearchBar
          cId={cId}
          focusRequests={findRequests}
          onShow={onFocusMessage}
          onClose={() => setSearching(false)}
        />
      )}
      {focused.state === 'loading' && (
        <p className="focus-status" role="status">
          {t('openingMessage')}
        </p>
      )}
      {(focused.state === 'failed' || focused.state === 'missing') && (
        <p className="focus-status form-error" role="alert">
          {t(focused.state === 'failed' ? 'messageFailed' : 'messageMissing')}{' '}
          {focused.state === 'failed' && (
            <button type="button" className="link-button" onClick={focused.retry}>
              {t('retry')}
            </button>
          )}
        </p>
      )}
      {history.error ? (
        <p className="pane-message form-error" role="alert">
          {t('historyFailed', { reason: history.error.message })}
        </p>
      ) : rows.length === 0 && (!messages || placingDivider) ? (
        <p className="pane-message muted" role="status">
          {t('loading')}
        </p>
      ) : (
        <MessageList
          rows={rows}
          me={me}
          group={groupMembers}
          people={people}
          older={older}
          newer={newer}
          latestRequests={latestRequests}
          focus={listFocus}
          liveAfter={liveAfter}
          onToLatest={toLatest}
          onSeen={onSeen}
          onRetry={(clientMsgId) => void retryNow(queryClient, clientMsgId)}
          onDiscard={cancelOutgoing}
          onJump={onFocusMessage}
        />
      )}
      <div className="visually-hidden" role="status" aria-live="polite">
        {latestIncoming &&
          t('from', {
            name: people.get(latestIncoming.fromId)?.nickname ?? name,
            text: summary(latestIncoming, t),
          })}
      </div>
      <Composer key={cId} cId={cId} me={me} window={window} onSent={toLatest} />
      {panelOpen && project && <GroupPanel project={project} me={me} onClose={() => setPanelOpen(false)} />}
      {drop.dragging && (
        <div className="drop-overlay" aria-hidden="true">
          {tc('dropFiles')}
        </div>
      )}
    </section>
  );
}
