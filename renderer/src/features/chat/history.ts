import type { ChatMessage } from '../../api/wire.js';

/** A message as the renderer keeps it: the server's, its receipts patched by live events. */
export type CachedMessage = ChatMessage;

/**
 * The loaded part of a window's history: a contiguous run of its messages in id order.
 * Usually its latest ones; opened at a search result, a slice from the middle, which grows
 * page by page at either end. `complete` once the run reaches the window's first message,
 * `reachesLatest` while it reaches its last.
 */
export interface History {
  messages: CachedMessage[];
  complete: boolean;
  reachesLatest: boolean;
}

/** The end of a history a page is read at: before its oldest message, or after its newest. */
export type HistoryEnd = 'older' | 'newer';

const later = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/**
 * One message replacing a cached copy: receipts only ever move forward (a copy read before
 * a receipt event may not know it yet); everything else is the fresh copy's.
 */
function combine(cached: CachedMessage, fresh: CachedMessage): CachedMessage {
  return {
    ...fresh,
    status: cached.status || fresh.status,
    deliveredAt: fresh.deliveredAt ?? cached.deliveredAt,
    readAt: fresh.readAt ?? cached.readAt,
    readCount: later(cached.readCount, fresh.readCount),
  };
}

function indexOfId(messages: readonly CachedMessage[], id: number): number {
  let low = 0;
  let high = messages.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const found = messages[middle]!.id;
    if (found === id) return middle;
    if (found < id) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/**
 * Merges messages into an id-ordered list, keeping one copy of each id. The usual cases
 * (a live message, a repeat of a cached one, an older page) never sort the whole list,
 * which matters in a window with a hundred thousand messages.
 */
export function mergeMessages(existing: CachedMessage[], incoming: readonly CachedMessage[]): CachedMessage[] {
  if (incoming.length === 0) return existing;
  const sorted = dedupeSorted([...incoming].sort((a, b) => a.id - b.id));
  const first = existing[0];
  const last = existing[existing.length - 1];
  if (!first || !last) return sorted;
  if (sorted[sorted.length - 1]!.id < first.id) return [...sorted, ...existing];
  const merged = [...existing];
  const added: CachedMessage[] = [];
  for (const message of sorted) {
    const index = indexOfId(merged, message.id);
    if (index >= 0) merged[index] = combine(merged[index]!, message);
    else added.push(message);
  }
  if (added.length === 0) return merged;
  if (added[0]!.id > last.id) return [...merged, ...added];
  return [...merged, ...added].sort((a, b) => a.id - b.id);
}

function dedupeSorted(sorted: CachedMessage[]): CachedMessage[] {
  return sorted.filter((m, i) => i === 0 || sorted[i - 1]!.id !== m.id);
}

/** Whether message `id` is loaded. */
export function holdsMessage(history: History, id: number): boolean {
  return indexOfId(history.messages, id) >= 0;
}

/**
 * Two runs that overlap or touch, as one: each end is the outer of the two, reached if the
 * run it came from reached it.
 */
function joined(a: History, b: History): History {
  const [aFirst, bFirst] = [a.messages[0]!.id, b.messages[0]!.id];
  const [aLast, bLast] = [a.messages.at(-1)!.id, b.messages.at(-1)!.id];
  return {
    messages: mergeMessages(a.messages, b.messages),
    complete: aFirst === bFirst ? a.complete || b.complete : aFirst < bFirst ? a.complete : b.complete,
    reachesLatest:
      aLast === bLast ? a.reachesLatest || b.reachesLatest : aLast > bLast ? a.reachesLatest : b.reachesLatest,
  };
}

/**
 * A page of `limit` read around message `around`, as the server cuts it: up to
 * `(limit - 1) / 2` older messages, then the rest from `around` on; each side that came
 * back short reached that end of the window. It joins the loaded history when the two
 * overlap (opening a message near the loaded ones keeps them); otherwise it replaces it.
 */
export function withAround(
  history: History | undefined,
  page: CachedMessage[],
  around: number,
  limit: number,
): History {
  const older = page.filter((m) => m.id < around).length;
  const slice = { messages: page, complete: older < Math.floor((limit - 1) / 2), reachesLatest: page.length < limit };
  return history && page.some((m) => holdsMessage(history, m.id)) ? joined(history, slice) : slice;
}

/**
 * A page of up to `limit` messages read at one end, from message `from` outwards. It joins
 * the history only while the history still holds `from`, so the two touch; a page read for
 * a history since replaced (another message opened, a reload at the latest) would leave a
 * hole, and is dropped. A short page reached the window's end on its side.
 */
export function withPage(
  history: History,
  end: HistoryEnd,
  from: number,
  page: CachedMessage[],
  limit: number,
): History {
  if (!holdsMessage(history, from)) return history;
  const reached = page.length < limit;
  if (page.length === 0) return end === 'older' ? { ...history, complete: true } : { ...history, reachesLatest: true };
  return joined(history, {
    messages: page,
    complete: end === 'older' && reached,
    reachesLatest: end === 'newer' && reached,
  });
}

/**
 * Messages that arrive live (pushed, sent, caught up after a reconnect). They join a
 * history that reaches the latest message. A slice that stops short of it takes only
 * fresh copies of messages inside its range: a newer one would sit behind a hole of
 * messages never loaded. Paging forward brings them in order instead, and once a page
 * reaches the latest, live messages join again.
 */
export function withArrivals(history: History, arrivals: readonly CachedMessage[]): History {
  const last = history.messages.at(-1);
  const joining = history.reachesLatest || !last ? arrivals : arrivals.filter((m) => m.id <= last.id);
  const messages = mergeMessages(history.messages, joining);
  return messages === history.messages ? history : { ...history, messages };
}

/** Changes the messages `change` picks, keeping the list (and so React's memo) when none is. */
export function updateMessages(
  history: History,
  picks: (message: CachedMessage) => boolean,
  change: (message: CachedMessage) => CachedMessage,
): History {
  let changed = false;
  const messages = history.messages.map((message) => {
    if (!picks(message)) return message;
    changed = true;
    return change(message);
  });
  return changed ? { ...history, messages } : history;
}

/** Own messages up to `upTo` are read (one-to-one: the other side read them, which also delivered them). */
export function markReadUpTo(history: History, me: number, upTo: number, at: number): History {
  return updateMessages(
    history,
    (m) => m.fromId === me && m.id <= upTo && (!m.status || m.readAt === null),
    (m) => ({ ...m, status: true, readAt: m.readAt ?? at, deliveredAt: m.deliveredAt ?? at }),
  );
}

export function markDelivered(history: History, ids: readonly number[], at: number): History {
  const wanted = new Set(ids);
  return updateMessages(
    history,
    (m) => wanted.has(m.id) && m.deliveredAt === null,
    (m) => ({ ...m, deliveredAt: at }),
  );
}

/** Read states from a fresh copy of some messages (a group's: how many read it, and read by all). */
export function applyReadStates(history: History, fresh: readonly ChatMessage[]): History {
  const byId = new Map(fresh.map((m) => [m.id, m]));
  return updateMessages(
    history,
    (m) => {
      const copy = byId.get(m.id);
      return !!copy && ((copy.status && !m.status) || later(m.readCount, copy.readCount) !== m.readCount);
    },
    (m) => {
      const copy = byId.get(m.id)!;
      return { ...m, status: m.status || copy.status, readCount: later(m.readCount, copy.readCount) };
    },
  );
}

/** The server's new copy of a message (edited, reactions changed), if it is loaded. */
export function replaceMessage(history: History, fresh: ChatMessage): History {
  return updateMessages(
    history,
    (m) => m.id === fresh.id,
    (m) => combine(m, fresh),
  );
}

/** Recalled by its sender: nothing of what it said is kept, here or in replies quoting it. */
export function markRecalled(history: History, id: number): History {
  return updateMessages(
    history,
    (m) => (m.id === id && !m.recalled) || (m.replyTo?.id === id && !m.replyTo.recalled),
    (m) =>
      m.id === id
        ? { ...m, recalled: true, message: '', attachment: null, fileName: null, mentions: [], reactions: [] }
        : { ...m, replyTo: { ...m.replyTo!, recalled: true, summary: '' } },
  );
}

/** Deleted for this user: gone from their history. */
export function withoutMessage(history: History, id: number): History {
  if (!holdsMessage(history, id)) return history;
  return { ...history, messages: history.messages.filter((m) => m.id !== id) };
}
