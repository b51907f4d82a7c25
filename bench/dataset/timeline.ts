import type { LateJoin } from './projects.js';
import { chance, weightedSampler, type Random } from './random.js';
import { HOUR, MINUTE, type PlannedMember, type PlannedUser, type PlannedWindow } from './model.js';

/**
 * Every chat message of the dataset, oldest first: message `i` has id `i + 1`, as the
 * server numbers messages in the order they are sent. Kept in typed arrays (a million
 * messages are a few megabytes); the texts are written later, straight into the store.
 */
export interface Timeline {
  count: number;
  /** Plan index of the window. */
  windowOf: Int32Array;
  fromOf: Int32Array;
  timeOf: Float64Array;
  /** The messages of window `w` are positions[offsets[w]] .. positions[offsets[w + 1] - 1], oldest first. */
  offsets: Int32Array;
  positions: Int32Array;
}

/** Within a one-to-one window the same person often writes several lines in a row. */
const SAME_SENDER_AGAIN = 0.55;

/**
 * Spreads the messages over the timeline, window by window in proportion to their
 * shares. Senders are members present at the time (late joiners only after joining)
 * and, where there is a choice, people who were online then. Late joiners learn the
 * last message id before they joined (`joinedAfter`), and each user's last visit moves
 * up to their last message.
 */
export function planTimeline(
  windows: PlannedWindow[],
  users: PlannedUser[],
  lateJoins: LateJoin[],
  count: number,
  start: number,
  now: number,
  random: Random,
): Timeline {
  const windowOf = new Int32Array(count);
  const fromOf = new Int32Array(count);
  const timeOf = new Float64Array(count);

  // Sorted times from exponential gaps: a Poisson process squeezed into the timeline.
  let sum = 0;
  for (let i = 0; i < count; i++) {
    sum += -Math.log(1 - random());
    timeOf[i] = sum;
  }
  const span = now - MINUTE - start;
  for (let i = 0; i < count; i++) timeOf[i] = start + Math.floor((timeOf[i]! / sum) * span);

  const drawWindow = weightedSampler(windows.map((w) => w.weight));
  const lastSender = new Int32Array(windows.length);
  const lastMessage = new Int32Array(windows.length);
  const counts = new Int32Array(windows.length);
  const present = new Map<number, number[]>();
  for (const window of windows)
    if (window.kind === 'group')
      present.set(
        window.index,
        window.members.filter((m) => m.joinedAt <= start).map((m) => m.userId),
      );
  const online = (userId: number, at: number) => users[userId - 1]!.lastSeen >= at;

  let nextJoin = 0;
  for (let i = 0; i < count; i++) {
    const at = timeOf[i]!;
    for (; nextJoin < lateJoins.length && lateJoins[nextJoin]!.at <= at; nextJoin++) {
      const { window, member } = lateJoins[nextJoin]!;
      member.joinedAfter = lastMessage[window.index]!;
      present.get(window.index)!.push(member.userId);
    }
    const w = drawWindow(random);
    const window = windows[w]!;
    let sender: number;
    if (window.kind === 'direct') {
      const [a, b] = [window.openerId, window.peerId!];
      const previous = lastSender[w]!;
      sender = previous !== 0 && chance(random, SAME_SENDER_AGAIN) ? previous : chance(random, 0.5) ? a : b;
      const other = sender === a ? b : a;
      if (!online(sender, at) && online(other, at)) sender = other;
    } else {
      // Early members (the owner first) talk more than late ones.
      const members = present.get(w)!;
      sender = members[Math.floor(random() ** 1.6 * members.length)]!;
      for (let tries = 0; tries < 4 && !online(sender, at); tries++)
        sender = members[Math.floor(random() * members.length)]!;
    }
    windowOf[i] = w;
    fromOf[i] = sender;
    lastSender[w] = sender;
    lastMessage[w] = i + 1;
    counts[w]!++;
    const user = users[sender - 1]!;
    if (user.lastSeen < at) user.lastSeen = at;
  }
  for (; nextJoin < lateJoins.length; nextJoin++) {
    const { window, member } = lateJoins[nextJoin]!;
    member.joinedAfter = lastMessage[window.index]!;
  }

  const offsets = new Int32Array(windows.length + 1);
  for (let w = 0; w < windows.length; w++) offsets[w + 1] = offsets[w]! + counts[w]!;
  const positions = new Int32Array(count);
  const fill = offsets.slice(0, windows.length);
  for (let i = 0; i < count; i++) positions[fill[windowOf[i]!]!++] = i;
  return { count, windowOf, fromOf, timeOf, offsets, positions };
}

/** Chance that someone leaves the last messages they saw unread: in a one-to-one chat, in a (muted) group. */
const DIRECT_UNREAD_TAIL = 0.25;
const GROUP_UNREAD_TAIL = 0.35;

/**
 * What each member has read and received, from when they were last online: messages
 * sent after that wait undelivered (as offline messages); of those before, most are read
 * and some were left unread on purpose. Sets the counters the server keeps per member
 * (`read_up_to`, `unread_count`, the delivery cursor, `last_activity_at`) and each
 * window's last message and activity.
 */
export function settleReadState(
  windows: PlannedWindow[],
  users: PlannedUser[],
  timeline: Timeline,
  start: number,
  now: number,
  random: Random,
): void {
  const { offsets, positions, timeOf, fromOf } = timeline;
  for (const window of windows) {
    const first = offsets[window.index]!;
    const end = offsets[window.index + 1]!;
    const n = end - first;
    const idAt = (p: number) => positions[first + p]! + 1;
    const timeAt = (p: number) => timeOf[positions[first + p]!]!;
    const fromAt = (p: number) => fromOf[positions[first + p]!]!;

    if (window.kind === 'direct') {
      window.createdAt =
        n > 0
          ? Math.max(start - HOUR, timeAt(0) - 1000 - Math.floor(random() * HOUR))
          : start + Math.floor(random() * (now - start - HOUR));
      for (const member of window.members) member.joinedAt = window.createdAt;
    }
    window.lastMessageId = n > 0 ? idAt(n - 1) : null;
    window.lastActivityAt = n > 0 ? timeAt(n - 1) : window.createdAt;

    for (const member of window.members) {
      const x = member.userId;
      // The first message sent to them (after they joined) and the last one before their last visit.
      let startPos = 0;
      while (startPos < n && idAt(startPos) <= member.joinedAfter) startPos++;
      const lastSeen = users[x - 1]!.lastSeen;
      let seenPos = lastPositionAtOrBefore(n, timeAt, lastSeen);
      if (seenPos < startPos) seenPos = startPos - 1;

      const isReader = window.readerUnreadTail !== undefined && x === 1;
      const tail = isReader
        ? window.readerUnreadTail!
        : chance(random, window.kind === 'direct' ? DIRECT_UNREAD_TAIL : GROUP_UNREAD_TAIL)
          ? 1 + Math.floor(random() ** 2 * (window.kind === 'direct' ? 12 : 30))
          : 0;
      let cursorPos = seenPos;
      for (let p = seenPos, left = tail; left > 0 && p >= startPos; p--) {
        if (fromAt(p) !== x && --left === 0) cursorPos = p - 1;
        else if (p === startPos) cursorPos = startPos - 1;
      }

      member.readUpTo = cursorPos >= startPos ? idAt(cursorPos) : member.joinedAfter;
      member.seenUpTo = seenPos >= startPos ? idAt(seenPos) : member.joinedAfter;
      let unread = 0;
      for (let p = Math.max(cursorPos + 1, startPos); p < n; p++) if (fromAt(p) !== x) unread++;
      member.unread = unread;
      member.lastActivityAt = n > startPos ? timeAt(n - 1) : member.joinedAt;
    }
  }
}

/** Binary search: the last position whose time is at or before `at`, or -1. */
function lastPositionAtOrBefore(n: number, timeAt: (p: number) => number, at: number): number {
  let low = 0;
  let high = n - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (timeAt(mid) <= at) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/** The member row of `userId` in a window. */
export const memberOf = (window: PlannedWindow, userId: number): PlannedMember =>
  window.members.find((m) => m.userId === userId)!;
