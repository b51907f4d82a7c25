import type { QueryClient } from '@tanstack/react-query';
import { inboxApi, type InboxStatus } from '../../api/inbox.js';
import { queryKeys } from '../../api/query-keys.js';
import type { InboxCounts } from '../../api/wire.js';
import { Status } from './inbox-model.js';

/** Moves one notification between the counters (`null`: it did not exist before, or no longer does). */
export function moveInCounts(
  counts: InboxCounts,
  type: number,
  from: InboxStatus | null,
  to: InboxStatus | null,
): InboxCounts {
  if (from === to) return counts;
  const next = { ...counts };
  const perType = { ...(counts.byType[String(type)] ?? { unread: 0, todo: 0 }) };
  const bump = (status: InboxStatus | null, delta: number) => {
    if (status === Status.unread) {
      next.unread = Math.max(0, next.unread + delta);
      perType.unread = Math.max(0, perType.unread + delta);
    } else if (status === Status.todo) {
      next.todo = Math.max(0, next.todo + delta);
      perType.todo = Math.max(0, perType.todo + delta);
    } else if (status === Status.read) next.read = Math.max(0, next.read + delta);
  };
  bump(from, -1);
  bump(to, 1);
  return { ...next, byType: { ...counts.byType, [String(type)]: perType } };
}

/** What "mark all read" does to the counters: the unread (of one type) become read; todo stays. */
export function readAllInCounts(counts: InboxCounts, type: number | null): InboxCounts {
  const byType = { ...counts.byType };
  let moved = 0;
  for (const [key, perType] of Object.entries(counts.byType)) {
    if (type !== null && key !== String(type)) continue;
    moved += perType.unread;
    byType[key] = { ...perType, unread: 0 };
  }
  return { ...counts, unread: Math.max(0, counts.unread - moved), read: counts.read + moved, byType };
}

export function patchCounts(queryClient: QueryClient, patch: (counts: InboxCounts) => InboxCounts) {
  queryClient.setQueryData<InboxCounts>(queryKeys.inboxCounts, (counts) => counts && patch(counts));
}

const COUNTS_SETTLE_MS = 250;
let countsTimer: ReturnType<typeof setTimeout> | null = null;

/**
 * Fetches the counters again once a burst of events has passed (mark all read sends one
 * per notification): for changes whose previous state this client never saw.
 */
export function refreshCountsSoon(queryClient: QueryClient) {
  if (countsTimer) clearTimeout(countsTimer);
  countsTimer = setTimeout(() => {
    countsTimer = null;
    void queryClient.invalidateQueries({ queryKey: queryKeys.inboxCounts });
  }, COUNTS_SETTLE_MS);
}

/** Local changes the server has not answered yet, and a tick for every start and answer. */
let unanswered = 0;
let changeTick = 0;
/** A counters fetch was set aside while changes were on their way: ask again when they are answered. */
let askAgain = false;

/** Wraps a local change's request, so counter fetches that overlap it are not trusted. */
export async function asLocalChange<T>(queryClient: QueryClient, request: Promise<T>): Promise<T> {
  unanswered++;
  changeTick++;
  try {
    return await request;
  } finally {
    unanswered--;
    changeTick++;
    if (unanswered === 0 && askAgain) {
      askAgain = false;
      refreshCountsSoon(queryClient);
    }
  }
}

/**
 * The counters from the server, unless a local change overlapped the request: then the
 * answer may predate it and would undo it on screen, so the patched numbers stay and the
 * counters are asked for again once the changes have been answered.
 */
export async function fetchCounts(queryClient: QueryClient): Promise<InboxCounts> {
  const tick = changeTick;
  const counts = await inboxApi.counts();
  const patched = queryClient.getQueryData<InboxCounts>(queryKeys.inboxCounts);
  if (!patched || (unanswered === 0 && tick === changeTick)) return counts;
  if (unanswered > 0) askAgain = true;
  else refreshCountsSoon(queryClient);
  return patched;
}
