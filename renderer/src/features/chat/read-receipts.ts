import type { QueryClient } from '@tanstack/react-query';
import { chatApi } from '../../api/chat.js';
import { queryKeys } from '../../api/query-keys.js';
import { setWindowUnread } from './chat-cache.js';

interface Receipts {
  /** The highest id the server has been told about. */
  sent: number;
  /** The highest id seen on screen. */
  seen: number;
  busy: boolean;
}

/** By `userId:windowId`, so a different account signing in on this page starts afresh. */
const windows = new Map<string, Receipts>();

/**
 * The user saw messages up to `upTo` in window `cId`. One receipt is in flight per
 * window at a time, always for the highest id seen so far: scrolling through a hundred
 * messages sends a handful of requests, not a hundred.
 */
export function markSeen(queryClient: QueryClient, me: number, cId: number, upTo: number) {
  const key = `${me}:${cId}`;
  const receipts = windows.get(key) ?? { sent: 0, seen: 0, busy: false };
  windows.set(key, receipts);
  receipts.seen = Math.max(receipts.seen, upTo);
  void flush(queryClient, cId, receipts);
}

async function flush(queryClient: QueryClient, cId: number, receipts: Receipts) {
  if (receipts.busy || receipts.seen <= receipts.sent) return;
  receipts.busy = true;
  const upTo = receipts.seen;
  try {
    const { unread, mentionUnread } = await chatApi.read(cId, upTo);
    receipts.sent = Math.max(receipts.sent, upTo);
    setWindowUnread(queryClient, cId, unread, mentionUnread);
    // A window list still on its way may have been read before this receipt: it would bring
    // the old counts (and a mention tag) back. Ask again; that answer comes after the read.
    if (queryClient.isFetching({ queryKey: queryKeys.allWindows }) > 0)
      void queryClient.invalidateQueries({ queryKey: queryKeys.allWindows });
  } catch {
    // Forget the sighting: the next one (a scroll, focus coming back) tries again.
    receipts.seen = receipts.sent;
  } finally {
    receipts.busy = false;
  }
  void flush(queryClient, cId, receipts);
}
