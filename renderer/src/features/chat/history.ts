import type { ChatMessage } from '../../api/wire.js';

/** A message as the renderer keeps it: `delivered` is only ever learnt from `message.delivered` events. */
export type CachedMessage = ChatMessage & { delivered?: boolean };

/**
 * The loaded tail of a window's history: a contiguous run of its latest messages in id
 * order. `complete` once the run reaches the window's first message.
 */
export interface History {
  messages: CachedMessage[];
  complete: boolean;
}

/** One message replacing a cached copy: read and delivered only ever move forward. */
function combine(cached: CachedMessage, fresh: CachedMessage): CachedMessage {
  return {
    ...fresh,
    status: cached.status || fresh.status,
    delivered: cached.delivered || fresh.delivered || undefined,
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

/** Own messages up to `upTo` are read (one-to-one: the other side read them). */
export function markReadUpTo(history: History, me: number, upTo: number): History {
  return updateMessages(
    history,
    (m) => m.fromId === me && m.id <= upTo && !m.status,
    (m) => ({ ...m, status: true, delivered: true }),
  );
}

export function markDelivered(history: History, ids: readonly number[]): History {
  const wanted = new Set(ids);
  return updateMessages(
    history,
    (m) => wanted.has(m.id) && !m.delivered,
    (m) => ({ ...m, delivered: true }),
  );
}

/** Read states from a fresh copy of some messages (a group's: read once every member read). */
export function applyReadStates(history: History, fresh: readonly ChatMessage[]): History {
  const read = new Set(fresh.filter((m) => m.status).map((m) => m.id));
  return updateMessages(
    history,
    (m) => read.has(m.id) && !m.status,
    (m) => ({ ...m, status: true, delivered: true }),
  );
}
