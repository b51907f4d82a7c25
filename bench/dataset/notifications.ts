import type { Notification, NotificationStatus } from '../../embedded-server/src/domain/types.js';
import type { BenchCast } from './cast.js';
import { chance, intBelow, shuffle, weightedSampler, zipfWeights, type Random } from './random.js';
import { notificationText, NOTIFICATION_KINDS } from './text.js';
import { DAY, MINUTE, type PlannedUser } from './model.js';

/** A notification as the store keeps it; every generated one has a time. */
export type PlannedNotification = Omit<Notification, 'id' | 'createdAt'> & { createdAt: number };

/** The reader's inbox at every dataset size (a quarter of a tiny one): 480 in all, 60 unread, 20 to do. */
const READER_NOTIFICATIONS = 480;
const READER_UNREAD = 0.125;
const READER_TODO = 0.042;
/** The inbox backlog's notifications, every one unread: a twentieth of all, at most 10,000 (reached at 1M messages). */
const BACKLOG_NOTIFICATIONS = 10_000;
const BACKLOG_SHARE = 1 / 20;
/** Of everyone else's notifications seen, this share is flagged to do. */
const TODO_SHARE = 0.08;

/**
 * The inbox: notifications spread over the timeline, oldest first (ids follow creation
 * time, as the server assigns them), owned mostly by a few busy people. Recent ones are
 * more often unread; whatever arrived after someone's last visit is unread, and the
 * inbox backlog's are all unread (they never triage). Read ones carry their read time
 * (`read_at`, and `updated_at`, the last status change); to-do ones the time they were
 * flagged; a few unread ones were read and set unread again. The oldest ones cover every
 * type and subtype of seed 001 in each of the three states.
 */
export function planNotifications(
  count: number,
  users: PlannedUser[],
  { readerId, backlogId }: Pick<BenchCast, 'readerId' | 'backlogId'>,
  start: number,
  now: number,
  random: Random,
  words: Random,
): PlannedNotification[] {
  const times = new Float64Array(count);
  let sum = 0;
  for (let i = 0; i < count; i++) times[i] = sum += -Math.log(1 - random());
  const span = now - MINUTE - start;

  // Owners: the reader's and the backlog's fixed shares at random positions, everyone else by a Zipf draw.
  const owners = new Int32Array(count);
  const readerCount = Math.min(READER_NOTIFICATIONS, Math.floor(count / 4));
  const backlogCount = Math.min(BACKLOG_NOTIFICATIONS, Math.floor(count * BACKLOG_SHARE));
  const slots = shuffle(
    random,
    Array.from({ length: count }, (_, i) => i),
  );
  for (let i = 0; i < readerCount; i++) owners[slots[i]!] = readerId;
  for (let i = readerCount; i < readerCount + backlogCount; i++) owners[slots[i]!] = backlogId;
  const people = shuffle(
    random,
    users.map((u) => u.id).filter((id) => id !== readerId && id !== backlogId),
  );
  const drawPerson = weightedSampler(zipfWeights(people.length, 0.6));
  for (let i = 0; i < count; i++) if (owners[i] === 0) owners[i] = people[drawPerson(random)]!;

  const readerPositions: number[] = [];
  for (let i = 0; i < count; i++) if (owners[i] === readerId) readerPositions.push(i);
  const readerStatus = new Map<number, NotificationStatus>();
  const unread = Math.round(readerCount * READER_UNREAD);
  const todo = Math.round(readerCount * READER_TODO);
  readerPositions.forEach((position, i) => readerStatus.set(position, i >= readerCount - unread ? 0 : 1));
  const older = shuffle(random, readerPositions.slice(0, Math.max(0, readerCount - unread)));
  for (const position of older.slice(0, todo)) readerStatus.set(position, 2);

  // The oldest notifications of other people cover every kind in every state.
  const coverage: [number, number, NotificationStatus][] = [];
  for (const [type, subtype] of NOTIFICATION_KINDS)
    for (const status of [0, 1, 2] as const) coverage.push([type, subtype, status]);

  const notifications: PlannedNotification[] = [];
  for (let i = 0; i < count; i++) {
    const createdAt = start + Math.floor((times[i]! / sum) * span);
    const userId = owners[i]!;
    const lastSeen = users[userId - 1]!.lastSeen;
    let text = notificationText(words, users[intBelow(words, users.length)]!.nickname);
    let status: NotificationStatus;
    const covering = userId !== readerId && userId !== backlogId ? coverage.shift() : undefined;
    if (covering) {
      const [type, subtype, forced] = covering;
      text = { ...text, type, subtype };
      status = createdAt <= lastSeen ? forced : 0;
    } else if (userId === readerId) status = createdAt <= lastSeen ? readerStatus.get(i)! : 0;
    else if (userId === backlogId || createdAt > lastSeen) status = 0;
    else {
      const unreadChance = 0.05 + 0.45 * ((createdAt - start) / span) ** 6;
      const roll = random();
      status = roll < unreadChance ? 0 : roll < unreadChance + TODO_SHARE ? 2 : 1;
    }
    // Status changes happen while the owner is online, before their last visit.
    const later = () => Math.min(lastSeen, now - 1000, createdAt + MINUTE + Math.floor(random() ** 3 * 3 * DAY));
    const changedAt = status === 0 ? (chance(random, 0.05) && createdAt <= lastSeen ? later() : null) : later();
    notifications.push({
      userId,
      ...text,
      status,
      createdAt,
      updatedAt: changedAt,
      readAt: status === 1 ? changedAt : null,
    });
  }
  return notifications;
}
