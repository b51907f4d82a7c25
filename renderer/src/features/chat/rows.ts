import type { CachedMessage } from './history.js';
import type { Outgoing } from './outbox.js';

/** What the message list shows, one virtualized row each. Keys stay put as rows come and go. */
export type Row =
  | { kind: 'beginning'; key: string }
  | { kind: 'day'; key: string; at: string }
  | { kind: 'unread'; key: string }
  | { kind: 'message'; key: string; message: CachedMessage; joined: boolean }
  | { kind: 'outgoing'; key: string; item: Outgoing; joined: boolean };

/** Messages from one sender this close together read as one run, set closer together. */
const RUN_GAP_MS = 5 * 60_000;

/** The calendar day in the user's time zone, e.g. `2024-03-09`. */
export function localDay(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

type Sent = CachedMessage | Outgoing;

interface Made {
  day: string;
  time: number;
  key: string;
  /** The row last made for this message, and what its look depended on: the next message, the divider. */
  row?: Row;
  next?: Sent | undefined;
  firstUnread?: number | null | undefined;
}

/**
 * What each message needs for its row, worked out once per message object: the rows
 * are rebuilt on every new message, and re-parsing a hundred thousand dates (or
 * re-creating as many rows) each time would stall the page.
 */
const made = new WeakMap<Sent, Made>();
function madeOf(sent: Sent): Made {
  let found = made.get(sent);
  if (!found) {
    const key = 'message' in sent && !sent.clientMsgId ? `m:${sent.id}` : `c:${sent.fromId}:${sent.clientMsgId}`;
    found = { day: localDay(sent.created_at), time: Date.parse(sent.created_at), key };
    made.set(sent, found);
  }
  return found;
}

/**
 * The first unread message when the window opened: counting back `unread` messages from
 * others among those sent up to `lastIdAtOpen` (later ones arrived while it was open).
 * `undefined` when the loaded history is too short to tell; `null` when nothing is unread.
 */
export function firstUnreadId(
  messages: readonly CachedMessage[],
  me: number,
  unread: number,
  lastIdAtOpen: number,
  complete: boolean,
): number | null | undefined {
  if (unread <= 0) return null;
  let counted = 0;
  let earliest: number | null = null;
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (message.id > lastIdAtOpen || message.fromId === me) continue;
    earliest = message.id;
    if (++counted === unread) return message.id;
  }
  return complete ? earliest : undefined;
}

/** The client message ids already confirmed: only the latest few can still be in the outbox. */
function confirmedIds(messages: readonly CachedMessage[], me: number): Set<string> {
  const ids = new Set<string>();
  for (let i = messages.length - 1; i >= 0 && i >= messages.length - 200; i--) {
    const message = messages[i]!;
    if (message.fromId === me && message.clientMsgId) ids.add(message.clientMsgId);
  }
  return ids;
}

export interface RowsInput {
  messages: readonly CachedMessage[];
  outgoing: readonly Outgoing[];
  me: number;
  /** The history reaches the window's first message. */
  complete: boolean;
  /** Where the "new messages" divider goes, if anywhere. */
  firstUnread: number | null | undefined;
}

/**
 * Messages in id order, with a separator where the day changes and the divider above the
 * first unread. A row's look depends only on the message after it (`joined`: the next
 * message continues its run), so loading older messages above never changes a row
 * already on screen.
 */
export function buildRows({ messages, outgoing, me, complete, firstUnread }: RowsInput): Row[] {
  const confirmed = confirmedIds(messages, me);
  const pending = outgoing.filter((item) => !confirmed.has(item.clientMsgId));
  const all: readonly Sent[] = pending.length === 0 ? messages : [...messages, ...pending];
  const rows: Row[] = [];
  if (complete) rows.push({ kind: 'beginning', key: 'beginning' });
  let day: string | null = null;
  let current = all[0] && madeOf(all[0]);
  for (let i = 0; i < all.length; i++) {
    const sent = all[i]!;
    const facts = current!;
    const next = all[i + 1];
    const following = next && madeOf(next);
    if (facts.day !== day) {
      day = facts.day;
      rows.push({ kind: 'day', key: `day:${day}`, at: sent.created_at });
    }
    if ('message' in sent && sent.id === firstUnread) rows.push({ kind: 'unread', key: 'unread' });
    if (!facts.row || facts.next !== next || facts.firstUnread !== firstUnread) {
      // A separator or the divider between two messages breaks their run.
      const joined =
        !!next &&
        !!following &&
        next.fromId === sent.fromId &&
        following.day === facts.day &&
        !('message' in next && next.id === firstUnread) &&
        following.time - facts.time < RUN_GAP_MS;
      facts.row =
        'message' in sent
          ? { kind: 'message', key: facts.key, message: sent, joined }
          : { kind: 'outgoing', key: facts.key, item: sent, joined };
      facts.next = next;
      facts.firstUnread = firstUnread;
    }
    rows.push(facts.row);
    current = following;
  }
  return rows;
}
