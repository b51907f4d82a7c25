import type { QueryClient } from '@tanstack/react-query';
import { chatApi } from '../../api/chat.js';
import { queryKeys } from '../../api/query-keys.js';
import type { ChatMessage } from '../../api/wire.js';
import { translator } from '../../i18n/text.js';
import { notify } from '../../notify.js';
import { onReconnect, onServerEvent } from '../../realtime/dispatch.js';
import { useNavigation } from '../../state/navigation.js';
import { useSession } from '../../state/session.js';
import { useSettings } from '../../state/settings.js';
import {
  addMessage,
  applyDelivered,
  applyFreshReadStates,
  applyHidden,
  applyReadUpTo,
  applyRecalled,
  applyUpdated,
  findWindow,
  forgetHistories,
  latestKnownId,
  mergeMissed,
  setWindowUnread,
} from './chat-cache.js';
import { chatText } from './chat-text.js';
import type { History } from './history.js';
import { settleOutbox } from './outbox.js';
import { cachedPeople } from './people.js';
import { summary } from './summary.js';

/** The catch-up reads missed messages in pages of the server's maximum… */
const SYNC_PAGE = 500;
/** …and past this many, reloading the open windows is cheaper than patching them. */
const SYNC_MAX_PAGES = 20;

const me = () => useSession.getState().user?.id;

async function tellUser(queryClient: QueryClient, message: ChatMessage) {
  const t = translator(chatText, useSettings.getState().language);
  const window = findWindow(queryClient, message.cId);
  const sender = cachedPeople(queryClient, window).get(message.fromId)?.nickname;
  const text = summary(message, t);
  const group = window?.type === 'group';
  notify({
    title: (group ? window.group?.name : sender) ?? t('newMessage'),
    body: group && sender ? t('from', { name: sender, text }) : text,
    onClick: () => useNavigation.getState().openWindow(message.cId),
  });
}

onServerEvent('message.new', (message, queryClient) => {
  const myId = me();
  if (myId === undefined) return;
  const { known, listed } = addMessage(queryClient, message);
  settleOutbox([message], myId);
  // A window this client has not listed yet (someone opened a chat with us, or a group took us in).
  const lists = listed ? Promise.resolve() : queryClient.invalidateQueries({ queryKey: queryKeys.allWindows });
  if (!known && message.fromId !== myId) void lists.then(() => tellUser(queryClient, message));
});

onServerEvent('message.delivered', ({ cId, ids }, queryClient) => applyDelivered(queryClient, cId, ids));

onServerEvent('message.recalled', ({ cId, id }, queryClient) => applyRecalled(queryClient, cId, id));
onServerEvent('message.updated', (message, queryClient) => applyUpdated(queryClient, message));
onServerEvent('message.hidden', ({ cId, id }, queryClient) => applyHidden(queryClient, cId, id));

// The server's unread counts of the windows a change moved: taken as they are, never counted here.
onServerEvent('counts', ({ windows }, queryClient) => {
  for (const { cId, unread, mentionUnread } of windows) setWindowUnread(queryClient, cId, unread, mentionUnread);
});

function isGroup(queryClient: QueryClient, cId: number): boolean {
  const window = findWindow(queryClient, cId);
  if (window) return window.type === 'group';
  return queryClient.getQueryData<History>(queryKeys.history(cId))?.messages[0]?.toId === null;
}

/** A group message is read once every other member read it, which one receipt cannot tell: ask. */
const groupRefreshes = new Map<number, { timer: ReturnType<typeof setTimeout>; upTo: number }>();

function refreshGroupReads(queryClient: QueryClient, cId: number, upTo: number) {
  const pending = groupRefreshes.get(cId);
  if (pending) clearTimeout(pending.timer);
  const latest = Math.max(upTo, pending?.upTo ?? 0);
  // Receipts come in bursts as members scroll; one look after the burst is enough.
  const timer = setTimeout(() => {
    groupRefreshes.delete(cId);
    chatApi.history(cId, latest + 1, 100).then(
      (fresh) => applyFreshReadStates(queryClient, cId, fresh),
      () => undefined, // the ticks stay as they were; the next receipt asks again
    );
  }, 300);
  groupRefreshes.set(cId, { timer, upTo: latest });
}

onServerEvent('message.read', ({ cId, upTo }, queryClient) => {
  const myId = me();
  if (myId === undefined) return;
  if (isGroup(queryClient, cId)) refreshGroupReads(queryClient, cId, upTo);
  else applyReadUpTo(queryClient, cId, myId, upTo);
});

/**
 * Back online: fetch what was sent meanwhile, merged by id into the loaded histories
 * (a message may also arrive live: it is kept once), then refresh the window lists.
 */
export async function catchUp(queryClient: QueryClient): Promise<void> {
  const myId = me();
  let after = latestKnownId(queryClient);
  try {
    for (let page = 0; after > 0 && myId !== undefined; page++) {
      if (page === SYNC_MAX_PAGES) {
        forgetHistories(queryClient);
        break;
      }
      const missed = await chatApi.since(after, SYNC_PAGE);
      mergeMissed(queryClient, missed);
      settleOutbox(missed, myId);
      if (missed.length < SYNC_PAGE) break;
      after = missed[missed.length - 1]!.id;
    }
  } finally {
    await queryClient.invalidateQueries({ queryKey: queryKeys.allWindows });
  }
}

onReconnect((queryClient) => void catchUp(queryClient).catch(() => undefined));
