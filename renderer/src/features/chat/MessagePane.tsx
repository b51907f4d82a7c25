import { useCallback, useEffect, useMemo, useState, type DragEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar } from '../../components/Avatar.js';
import { useText } from '../../i18n/text.js';
import type { ListedWindow } from './chat-cache.js';
import { chatText } from './chat-text.js';
import { Composer } from './Composer.js';
import { MessageList } from './MessageList.js';
import { deliver, sendImage, sendText, useOutbox } from './outbox.js';
import { usePeople } from './people.js';
import { useHistory, useOlderHistory } from './queries.js';
import type { CachedMessage } from './history.js';
import { markSeen } from './read-receipts.js';
import { buildRows, firstUnreadId } from './rows.js';
import { summary } from './summary.js';
import { IMAGE_TYPES, MAX_ATTACHMENT_BYTES } from './upload.js';
import { windowName } from './WindowList.js';

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

/** One chat: its header, its messages and the composer; images can be dropped anywhere on it. */
export function MessagePane({
  cId,
  window,
  me,
  listLoaded,
}: {
  cId: number;
  window: ListedWindow | undefined;
  me: number;
  listLoaded: boolean;
}) {
  const t = useText(chatText);
  const queryClient = useQueryClient();
  const history = useHistory(cId);
  const older = useOlderHistory(cId);
  const people = usePeople(window);
  const outbox = useOutbox((s) => s.items);
  const [sentCount, setSentCount] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const messages = history.data?.messages;
  const complete = history.data?.complete ?? false;

  const [opened, setOpened] = useState<Opened | null>(null);
  if (!opened && messages && (window || listLoaded))
    setOpened({ unread: window?.unread ?? 0, lastId: messages[messages.length - 1]?.id ?? 0 });
  const [firstUnread, setFirstUnread] = useState<number | null | undefined>(undefined);
  if (opened && messages && firstUnread === undefined) {
    const enough = complete || older.failed || messages.length >= DIVIDER_SEARCH_LIMIT;
    const found = firstUnreadId(messages, me, opened.unread, opened.lastId, enough);
    if (found !== undefined) setFirstUnread(found);
  }
  const placingDivider = opened !== null && firstUnread === undefined;
  const { loadOlder } = older;
  useEffect(() => {
    if (placingDivider) void loadOlder();
  }, [placingDivider, messages, loadOlder]);

  const outgoing = useMemo(
    () =>
      Object.values(outbox)
        .filter((item) => item.cId === cId && item.fromId === me)
        .sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0)),
    [outbox, cId, me],
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

  function send(text: string) {
    sendText(queryClient, cId, me, text);
    setNotice(null);
    setSentCount((n) => n + 1);
  }

  function sendFiles(files: readonly File[]) {
    const images = files.filter((file) => IMAGE_TYPES.includes(file.type));
    const fitting = images.filter((file) => file.size <= MAX_ATTACHMENT_BYTES);
    setNotice(images.length < files.length ? t('onlyImages') : fitting.length < images.length ? t('tooLarge') : null);
    for (const file of fitting) sendImage(queryClient, cId, me, file);
    if (fitting.length > 0) setSentCount((n) => n + 1);
  }

  function onDragOver(event: DragEvent) {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    setDragging(true);
  }

  function onDrop(event: DragEvent) {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    setDragging(false);
    sendFiles([...event.dataTransfer.files]);
  }

  const name = window ? windowName(window) : '';
  const group = window ? window.type === 'group' : messages?.[0]?.toId === null;
  const latestIncoming = opened && messages ? latestFromOthers(messages, me, opened.lastId) : undefined;

  return (
    <section
      className="message-pane"
      aria-label={name || t('history')}
      onDragOver={onDragOver}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <header className="pane-header">
        {window && <Avatar name={name} image={window.user?.image} id={window.user?.id ?? window.id} size={36} />}
        <div className="pane-title">
          <h2>{name}</h2>
          {window?.type === 'group' && window.group && (
            <span className="muted">{t('members', { count: window.group.memberCount })}</span>
          )}
          {window?.user && <span className="muted">@{window.user.userName}</span>}
        </div>
      </header>
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
          group={group}
          people={people}
          complete={complete}
          loadingOlder={older.loading}
          olderFailed={older.failed}
          sentCount={sentCount}
          onLoadOlder={() => void loadOlder()}
          onSeen={onSeen}
          onRetry={(clientMsgId) => void deliver(queryClient, clientMsgId)}
          onDiscard={(clientMsgId) => useOutbox.getState().remove(clientMsgId)}
        />
      )}
      <div className="visually-hidden" role="status" aria-live="polite">
        {latestIncoming &&
          t('from', {
            name: people.get(latestIncoming.fromId)?.nickname ?? name,
            text: summary(latestIncoming, t),
          })}
      </div>
      {notice && (
        <p className="composer-notice" role="alert">
          {notice}
        </p>
      )}
      <Composer key={cId} cId={cId} me={me} onSend={send} onFiles={sendFiles} />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          {t('dropHere')}
        </div>
      )}
    </section>
  );
}
